using Microsoft.JSInterop;

namespace Lifecycle.Web.Components.Shared;

/// <summary>
/// The tab's title as a circuit sets it (lifecycle.setTitle), only when it changes (decision 041). Used by
/// <see cref="DocumentTitle"/> and by a page that sets its title without one (the editor: decision 046).
/// </summary>
public sealed class TitleInTab
{
    private string? _set;

    public async Task SetAsync(IJSRuntime js, string title)
    {
        if (title == _set)
        {
            return;
        }

        _set = title;
        try
        {
            await js.InvokeVoidAsync("lifecycle.setTitle", title);
        }
        catch (JSDisconnectedException)
        {
            // The tab is gone; there is no title to set.
        }
    }
}
