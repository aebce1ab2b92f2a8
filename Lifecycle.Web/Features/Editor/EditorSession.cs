using Lifecycle.Data.Access;
using Lifecycle.Data.Common;
using Lifecycle.Data.Definitions;
using Lifecycle.Data.Events;
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
/// The version open in one editor: a working copy of its definition, edited by operations that are applied here at
/// once and autosaved in order, each save based on the revision the copy came from (SPEC V4, decision 019). Change
/// notices of the open version are its own echo when their revision is one its saves produced; someone else's change is
/// followed only when nothing of the user's is pending, no field holds unsaved text and no reload was overtaken by an
/// edit. Otherwise the user's next save meets the conflict and the user chooses. Nothing the user typed is dropped.
/// </summary>
public sealed class EditorSession
{
    private readonly IDraftChannel _drafts;
    private readonly List<DefinitionOperation> _pending = [];
    private bool _saving;
    private bool _fieldBeingEdited;
    private int _localEdits;

    /// <summary>The highest revision someone announced that this copy has not caught up with.</summary>
    private int _announcedRevision;

    public EditorSession(VersionService versions, Actor actor)
        : this(new VersionServiceChannel(versions, actor))
    {
    }

    internal EditorSession(IDraftChannel drafts) => _drafts = drafts;

    public VersionDetail Version { get; private set; } = default!;
    public AppDefinition Definition { get; private set; } = default!;

    /// <summary>The stored revision the working copy is based on, less the edits still pending.</summary>
    public int Revision { get; private set; }

    public SaveState SaveState { get; private set; } = SaveState.Saved;
    public string? SaveMessage { get; private set; }

    public bool IsEditable => Version.Summary.IsEditable;

    /// <summary>Something of the user's is not stored yet: an edit pending or being saved, a refused or failed save, a field being typed in.</summary>
    public bool HasUnsavedWork => _pending.Count > 0 || _saving || _fieldBeingEdited || SaveState != SaveState.Saved;

    public event Action? Changed;

    public void Load(VersionDetail detail)
    {
        Version = detail;
        Definition = detail.Definition;
        Revision = detail.Revision;
        _pending.Clear();
        SaveState = SaveState.Saved;
        SaveMessage = null;
        Changed?.Invoke();
    }

    /// <summary>Applies an edit to the working copy and autosaves it; an edit the rules refuse changes nothing.</summary>
    public async Task<Result> ApplyAsync(DefinitionOperation operation)
    {
        if (!IsEditable)
        {
            return Result.Conflict(AppVersion.ImmutableMessage);
        }

        var edited = operation.ApplyTo(Definition);
        if (!edited.IsSuccess)
        {
            return edited;
        }

        Definition = edited.Value!;
        _pending.Add(operation);
        _localEdits++;
        Changed?.Invoke();
        await AutosaveAsync();
        return Result.Success();
    }

    /// <summary>A field of the property panel holds text the user is typing: someone else's change must not replace it.</summary>
    public void BeginFieldEdit() => _fieldBeingEdited = true;

    /// <summary>The field was left (its change, if any, has been applied): catch up with a change held back meanwhile.</summary>
    public Task EndFieldEditAsync()
    {
        _fieldBeingEdited = false;
        return CatchUpAsync();
    }

    /// <summary>
    /// A change notice of the app (SPEC V10). Its own echo (a revision this editor's save produced, which may arrive
    /// before the save call returns) and older news are ignored; someone else's change of the open version is followed
    /// when that is safe (see the class).
    /// </summary>
    public Task OnDefinitionChangedAsync(AppChange change)
    {
        if (change.VersionId != Version.Summary.Id || change.Revision is not { } revision || revision <= Revision)
        {
            return Task.CompletedTask;
        }

        _announcedRevision = Math.Max(_announcedRevision, revision);
        return CatchUpAsync();
    }

    /// <summary>The open version's summary changed (saved, promoted, renamed by someone): follow it unless the user has work pending.</summary>
    public async Task FollowAsync()
    {
        if (!CanFollow)
        {
            return;
        }

        await ReloadUnlessEditedAsync();
    }

    /// <summary>After a conflict: drop the local change and load what is stored now.</summary>
    public async Task LoadTheirsAsync()
    {
        var latest = await _drafts.GetAsync(Version.Summary.Id);
        if (latest.IsSuccess)
        {
            Load(latest.Value!);
        }
    }

    /// <summary>After a conflict: the user chose, knowingly, to save their copy over the stored one.</summary>
    public async Task SaveMineOverTheirsAsync()
    {
        var latest = await _drafts.GetAsync(Version.Summary.Id);
        if (!latest.IsSuccess)
        {
            Fail(SaveState.Failed, latest.Error);
            return;
        }

        SaveState = SaveState.Saving;
        Changed?.Invoke();
        var saved = await _drafts.ReplaceAsync(Version.Summary.Id, latest.Value!.Revision, Definition);
        if (!saved.IsSuccess)
        {
            Fail(saved.Status == ResultStatus.Conflict ? SaveState.Conflict : SaveState.Failed, saved.Error);
            return;
        }

        _pending.Clear();
        Saved(saved.Value);
    }

    private bool CanFollow => !_saving && !_fieldBeingEdited && _pending.Count == 0 && SaveState == SaveState.Saved;

    /// <summary>Someone else's announced change is loaded when nothing of the user's is in the way.</summary>
    private async Task CatchUpAsync()
    {
        if (_announcedRevision > Revision && CanFollow)
        {
            await ReloadUnlessEditedAsync();
        }
    }

    /// <summary>A reload that an edit overtook is dropped: that edit's save carries the stale revision and meets the conflict.</summary>
    private async Task ReloadUnlessEditedAsync()
    {
        var editsBefore = _localEdits;
        var latest = await _drafts.GetAsync(Version.Summary.Id);
        if (latest.IsSuccess && editsBefore == _localEdits && CanFollow)
        {
            Load(latest.Value!);
        }
    }

    private async Task AutosaveAsync()
    {
        if (_saving || SaveState == SaveState.Conflict)
        {
            return; // the running save loop sends this edit next; after a conflict the user chooses first
        }

        _saving = true;
        try
        {
            while (_pending.Count > 0)
            {
                var sending = _pending.ToList();
                SaveState = SaveState.Saving;
                Changed?.Invoke();
                var saved = await _drafts.ApplyAsync(Version.Summary.Id, Revision, sending);
                if (!saved.IsSuccess)
                {
                    Fail(saved.Status == ResultStatus.Conflict ? SaveState.Conflict : SaveState.Failed, saved.Error);
                    return;
                }

                _pending.RemoveRange(0, sending.Count);
                Revision = saved.Value;
            }
        }
        finally
        {
            _saving = false;
        }

        Saved(Revision);
        await CatchUpAsync(); // a change announced while saving with a revision past ours is someone else's
    }

    private void Saved(int revision)
    {
        Revision = revision;
        SaveState = SaveState.Saved;
        SaveMessage = null;
        Changed?.Invoke();
    }

    private void Fail(SaveState state, string? message)
    {
        SaveState = state;
        SaveMessage = message;
        Changed?.Invoke();
    }
}

/// <summary>What the editor needs of the stored draft. The web app uses <see cref="VersionService"/>; tests can hold a call back to interleave.</summary>
internal interface IDraftChannel
{
    Task<Result<VersionDetail>> GetAsync(int versionId);

    Task<Result<int>> ApplyAsync(int versionId, int baseRevision, IReadOnlyList<DefinitionOperation> operations);

    Task<Result<int>> ReplaceAsync(int versionId, int baseRevision, AppDefinition definition);
}

internal sealed class VersionServiceChannel(VersionService versions, Actor actor) : IDraftChannel
{
    public Task<Result<VersionDetail>> GetAsync(int versionId) => versions.GetAsync(actor, versionId);

    public Task<Result<int>> ApplyAsync(int versionId, int baseRevision, IReadOnlyList<DefinitionOperation> operations) =>
        versions.ApplyAsync(actor, versionId, baseRevision, operations);

    public Task<Result<int>> ReplaceAsync(int versionId, int baseRevision, AppDefinition definition) =>
        versions.UpdateDefinitionAsync(actor, versionId, baseRevision, definition);
}
