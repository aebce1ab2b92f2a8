using Lifecycle.Data.Apps;
using Lifecycle.Data.Access;
using Lifecycle.Data.Common;
using Lifecycle.Data.Environments;
using Lifecycle.Data.Releases;
using Lifecycle.Data.Versions;
using Lifecycle.Web.Components.Account;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Lifecycle.Web.Features.Versions;

/// <summary>The App Version Manager's actions: each asks for confirmation where the docs say so, runs one use case and gives one message.</summary>
public sealed partial class VersionManager
{
    [Inject] private VersionService VersionService { get; set; } = default!;
    [Inject] private ReleaseService ReleaseService { get; set; } = default!;
    [Inject] private PromotionService PromotionService { get; set; } = default!;
    [Inject] private CurrentActor CurrentActor { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    /// <summary>The app: its id, its slug (links) and whether it has a released version ("Open released app" is offered only then).</summary>
    [Parameter, EditorRequired]
    public AppSummary App { get; set; } = default!;

    private int AppId => App.Id;

    private string AppSlug => App.Slug;

    private bool HasRelease => App.ReleasedVersionId is not null;

    [Parameter, EditorRequired]
    public IReadOnlyList<VersionSummary> Versions { get; set; } = [];

    [Parameter, EditorRequired]
    public VersionSummary Current { get; set; } = default!;

    /// <summary>The user's rights, read by the page; the domain turns them into the offered actions.</summary>
    [Parameter, EditorRequired]
    public UserRights Rights { get; set; } = UserRights.None;

    /// <summary>Asks the editor to open a version (after switching, creating, or deleting the open one).</summary>
    [Parameter, EditorRequired]
    public EventCallback<int> OnOpenVersion { get; set; }

    /// <summary>Asks the editor to reload the versions (after a save, rename, delete, promotion or release).</summary>
    [Parameter, EditorRequired]
    public EventCallback OnChanged { get; set; }

    /// <summary>SPEC E3: a refused promotion's missing values, shown by the page below the header (null clears it).</summary>
    [Parameter]
    public EventCallback<string?> OnPromotionRefused { get; set; }

    private bool _busy;

    private VersionActions Actions => VersionActions.For(Current, Rights, new AppFacts(Versions.Count));

    private async Task PromoteAsync()
    {
        if (Actions.PromotionTarget is not { } target)
        {
            return;
        }

        var message = $"Promote {Current.Name} from {Current.Environment} to {target}? The version moves; it is not copied.";
        if (!await VersionDialogs.ConfirmAsync(Dialogs, "Promote version", message, $"Promote to {target}", "promote-confirm"))
        {
            return;
        }

        await RunAsync(async actor =>
        {
            var result = await PromotionService.PromoteAsync(actor, Current.Id, target);
            var missing = result.Field == PromotionService.MissingValuesField;
            await OnPromotionRefused.InvokeAsync(missing ? result.Error : null);
            return missing ? null : result; // one outcome, one message: the alert below the header says it
        }, $"{Current.Name} is in {target}.");
    }

    private async Task CreateAsync()
    {
        var created = await VersionDialogs.CreateVersionAsync(Dialogs, Snackbar, AppId, Versions, Current.Id);
        if (created is not null)
        {
            await OnOpenVersion.InvokeAsync(created.Id);
        }
    }

    private async Task SaveAsync()
    {
        var dialog = await Dialogs.ShowAsync<SaveVersionDialog>($"Save version {Current.Name}", new DialogParameters<SaveVersionDialog> { { d => d.VersionName, Current.Name } });
        if (await dialog.Result is { Canceled: false, Data: string description })
        {
            await RunAsync(async actor => await VersionService.SaveAsync(actor, Current.Id, description), $"{Current.Name} is saved.");
        }
    }

    private async Task ReleaseAsync()
    {
        var live = Versions.FirstOrDefault(v => v.State == DisplayedVersionState.Released);
        var message = live is null
            ? $"Release {Current.Name}? End users will get it at the app's URL."
            : $"Release {Current.Name}? It replaces {live.Name}, which end users get now.";
        if (await VersionDialogs.ConfirmWithNotesAsync(Dialogs, "Release version", message, "Release", "release-confirm", "Release notes (optional)") is { } notes)
        {
            await RunAsync(async actor => await ReleaseService.ReleaseAsync(actor, Current.Id, notes), $"{Current.Name} is released.");
        }
    }

    private async Task RenameAsync()
    {
        var version = Current;
        var dialog = await Dialogs.ShowAsync<RenameVersionDialog>($"Rename {version.Name}", new DialogParameters<RenameVersionDialog> { { d => d.Version, version } });
        if (await dialog.Result is { Canceled: false, Data: string newName })
        {
            Snackbar.Add($"{version.Name} is now {newName}.", Severity.Success);
            await OnChanged.InvokeAsync();
        }
    }

    private async Task DeleteAsync()
    {
        var version = Current;
        if (!await VersionDialogs.ConfirmAsync(Dialogs, "Delete version", $"Delete {version.Name}? This cannot be undone.", "Delete", "delete-confirm"))
        {
            return;
        }

        var deleted = await RunAsync(async actor => await VersionService.DeleteAsync(actor, version.Id), $"{version.Name} is deleted.");
        if (deleted)
        {
            await OnOpenVersion.InvokeAsync(Versions.First(v => v.Id != version.Id).Id);
        }
    }

    /// <summary>
    /// Runs a use case once (busy flag against double clicks). Its refusal is one error toast; success is one toast and a
    /// reload. An action returning null has shown its outcome itself.
    /// </summary>
    private async Task<bool> RunAsync(Func<Actor, Task<Result?>> action, string successMessage)
    {
        var actor = await CurrentActor.GetAsync();
        if (_busy || actor is null)
        {
            return false;
        }

        _busy = true;
        try
        {
            var result = await action(actor);
            if (result is null)
            {
                return false;
            }

            if (!result.IsSuccess)
            {
                Snackbar.Add(result.Error ?? "The action was refused.", Severity.Error);
                return false;
            }

            Snackbar.Add(successMessage, Severity.Success);
            await OnChanged.InvokeAsync();
            return true;
        }
        finally
        {
            _busy = false;
        }
    }
}
