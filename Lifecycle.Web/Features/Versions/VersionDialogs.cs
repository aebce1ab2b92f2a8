using Lifecycle.Data.Versions;
using MudBlazor;

namespace Lifecycle.Web.Features.Versions;

/// <summary>Opens the version dialogs; used by the version dropdown and by the blocked-edit prompt alike.</summary>
public static class VersionDialogs
{
    /// <summary>SPEC V2: the Create Version modal, with "from" preset. Returns the created version, or null when cancelled.</summary>
    public static async Task<VersionSummary?> CreateVersionAsync(IDialogService dialogs, int appId, IReadOnlyList<VersionSummary> versions, int fromVersionId)
    {
        var parameters = new DialogParameters<CreateVersionDialog>
        {
            { d => d.AppId, appId },
            { d => d.Versions, versions },
            { d => d.FromVersionId, fromVersionId },
        };
        var dialog = await dialogs.ShowAsync<CreateVersionDialog>("Create Version", parameters, new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
        var result = await dialog.Result;
        return result is { Canceled: false, Data: VersionSummary created } ? created : null;
    }

    public static async Task<bool> ConfirmAsync(IDialogService dialogs, string title, string message, string confirmText, string confirmTestId) =>
        await ConfirmWithNotesAsync(dialogs, title, message, confirmText, confirmTestId, notesLabel: null) is not null;

    /// <summary>A confirmation that also takes optional notes (release, rollback). Null when cancelled.</summary>
    public static async Task<string?> ConfirmWithNotesAsync(IDialogService dialogs, string title, string message, string confirmText, string confirmTestId, string? notesLabel)
    {
        var parameters = new DialogParameters<ConfirmDialog>
        {
            { d => d.Message, message },
            { d => d.ConfirmText, confirmText },
            { d => d.ConfirmTestId, confirmTestId },
            { d => d.NotesLabel, notesLabel },
        };
        var dialog = await dialogs.ShowAsync<ConfirmDialog>(title, parameters);
        return await dialog.Result is { Canceled: false, Data: string notes } ? notes : null;
    }
}
