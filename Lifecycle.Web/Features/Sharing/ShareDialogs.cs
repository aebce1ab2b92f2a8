using Lifecycle.Data.Versions;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Lifecycle.Web.Features.Sharing;

/// <summary>
/// Opens the Share dialog from the editor header's Share button. The button is drawn by the editor page itself, not as a
/// component of its own: a live component costs an idle tab ~1.7 KB (issue 12), and the page's frame buffer has room.
/// </summary>
public static class ShareDialogs
{
    /// <summary>SPEC S1: after a change of slug the editor's address follows the app (the old one would still lead here for a while).</summary>
    public static Task OpenAsync(IDialogService dialogs, NavigationManager navigation, object receiver, int appId, VersionSummary version)
    {
        var parameters = new DialogParameters<ShareDialog>
        {
            { d => d.AppId, appId },
            { d => d.Version, version },
            { d => d.OnSlugChanged, EventCallback.Factory.Create<string>(receiver, slug => navigation.NavigateTo($"/apps/{slug}/edit?version={version.Id}", replace: true)) },
        };
        return dialogs.ShowAsync<ShareDialog>("Share", parameters, new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
    }
}
