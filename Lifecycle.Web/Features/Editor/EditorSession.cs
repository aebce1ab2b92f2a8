using Lifecycle.Data.Access;
using Lifecycle.Data.Common;
using Lifecycle.Data.Definitions;
using Lifecycle.Data.Versions;

namespace Lifecycle.Web.Features.Editor;

public enum SaveState
{
    Saved,
    Saving,
    Conflict,
    Failed,
}

/// <summary>
/// The version open in one editor: a working copy of its definition, autosaved after every change with the
/// revision it was based on (SPEC V4). On a conflict the user's change stays here until they choose.
/// </summary>
public sealed class EditorSession(VersionService versions, Actor actor)
{
    private bool _saving;
    private bool _changedWhileSaving;

    public VersionDetail Version { get; private set; } = default!;
    public AppDefinition Definition { get; private set; } = default!;
    public int Revision { get; private set; }
    public SaveState SaveState { get; private set; } = SaveState.Saved;
    public string? SaveMessage { get; private set; }

    public bool IsEditable => Version.Summary.IsEditable;

    public event Action? Changed;

    public void Load(VersionDetail detail)
    {
        Version = detail;
        Definition = detail.Definition;
        Revision = detail.Revision;
        SaveState = SaveState.Saved;
        SaveMessage = null;
        Changed?.Invoke();
    }

    /// <summary>Applies an edit to the working copy and saves it; an edit the rules refuse changes nothing.</summary>
    public async Task<Result> ApplyAsync(Func<AppDefinition, Result<AppDefinition>> edit)
    {
        if (!IsEditable)
        {
            return Result.Conflict(AppVersion.ImmutableMessage);
        }

        var edited = edit(Definition);
        if (!edited.IsSuccess)
        {
            return edited;
        }

        Definition = edited.Value!;
        Changed?.Invoke();
        await AutosaveAsync();
        return Result.Success();
    }

    /// <summary>After a conflict: drop the local change and load what is stored now.</summary>
    public async Task LoadTheirsAsync()
    {
        var latest = await versions.GetAsync(actor, Version.Summary.Id);
        if (latest.IsSuccess)
        {
            Load(latest.Value!);
        }
    }

    /// <summary>After a conflict: the user chose, knowingly, to save their copy over the stored one.</summary>
    public async Task SaveMineOverTheirsAsync()
    {
        var latest = await versions.GetAsync(actor, Version.Summary.Id);
        if (!latest.IsSuccess)
        {
            Fail(SaveState.Failed, latest.Error);
            return;
        }

        Revision = latest.Value!.Revision;
        await AutosaveAsync();
    }

    /// <summary>Someone else changed the open version: follow them unless the user has a change of their own pending.</summary>
    public async Task OnRemoteChangeAsync()
    {
        if (_saving || SaveState != SaveState.Saved)
        {
            return;
        }

        var latest = await versions.GetAsync(actor, Version.Summary.Id);
        if (latest.IsSuccess && (latest.Value!.Revision != Revision || latest.Value.Summary != Version.Summary))
        {
            Load(latest.Value);
        }
    }

    private async Task AutosaveAsync()
    {
        if (_saving)
        {
            _changedWhileSaving = true; // the running save loop picks this change up
            return;
        }

        _saving = true;
        try
        {
            do
            {
                _changedWhileSaving = false;
                SaveState = SaveState.Saving;
                Changed?.Invoke();
                var saved = await versions.UpdateDefinitionAsync(actor, Version.Summary.Id, Revision, Definition);
                if (!saved.IsSuccess)
                {
                    Fail(saved.Status == ResultStatus.Conflict ? SaveState.Conflict : SaveState.Failed, saved.Error);
                    return;
                }

                Revision = saved.Value;
            }
            while (_changedWhileSaving);

            SaveState = SaveState.Saved;
            SaveMessage = null;
            Changed?.Invoke();
        }
        finally
        {
            _saving = false;
        }
    }

    private void Fail(SaveState state, string? message)
    {
        SaveState = state;
        SaveMessage = message;
        Changed?.Invoke();
    }
}
