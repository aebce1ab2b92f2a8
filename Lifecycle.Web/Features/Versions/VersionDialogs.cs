using Lifecycle.Data.Versions;
using MudBlazor;

namespace Lifecycle.Web.Features.Versions;

/// <summary>Opens the version dialogs; used by the version dropdown and by the blocked-edit prompt alike.</summary>
public static class VersionDialogs
{
    /// <summary>SPEC V2: the Create Version modal, with "from" preset. Returns the created version, or null when cancelled.</summary>
    public static async Task<VersionSummary?> CreateVersionAsync(IDialogService dialogs, ISnackbar snackbar, int appId, IReadOnlyList<VersionSummary> versions, int fromVersionId)
    {
        var parameters = new DialogParameters<CreateVersionDialog>
        {
            { d => d.AppId, appId },
            { d => d.Versions, versions },
            { d => d.FromVersionId, fromVersionId },
        };
        var dialog = await dialogs.ShowAsync<CreateVersionDialog>("Create Version", parameters, new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
        if (await dialog.Result is not { Canceled: false, Data: VersionSummary created })
        {
            return null;
        }

        var from = versions.FirstOrDefault(v => v.Id == created.ParentVersionId)?.Name;
        snackbar.Add($"{created.Name} is created{(from is null ? "" : $" from {from}")}. You are editing it now.", Severity.Success);
        return created;
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
        // Without a field, focus starts on the confirm button, so Enter confirms and Escape cancels.
        var options = new DialogOptions { DefaultFocus = notesLabel is null ? DefaultFocus.LastChild : DefaultFocus.FirstChild };
        var dialog = await dialogs.ShowAsync<ConfirmDialog>(title, parameters, options);
        return await dialog.Result is { Canceled: false, Data: string notes } ? notes : null;
    }
}
