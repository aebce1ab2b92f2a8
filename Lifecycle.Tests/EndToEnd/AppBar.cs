using Microsoft.Playwright;

namespace Lifecycle.Tests.EndToEnd;

/// <summary>The app bar's Workspace and Admin menus (docs/testing.md): an entry is clicked after opening its menu.</summary>
public static class AppBar
{
    /// <summary>Opens the menu that holds <paramref name="entryTestId"/> (<c>workspace-…</c> or <c>admin-…</c>) and clicks the entry.</summary>
    public static async Task OpenAsync(IPage page, string entryTestId)
    {
        await EditorPageObject.WaitUntilInteractiveAsync(page); // a menu opens only once the circuit handles the click
        await MenuOf(page, entryTestId).ClickAsync();
        await page.GetByTestId(entryTestId).ClickAsync();
    }

    /// <summary>Opens the menu that holds <paramref name="entryTestId"/> and answers the entry, without clicking it.</summary>
    public static async Task<ILocator> ShowAsync(IPage page, string entryTestId)
    {
        await EditorPageObject.WaitUntilInteractiveAsync(page);
        await MenuOf(page, entryTestId).ClickAsync();
        return page.GetByTestId(entryTestId);
    }

    public static ILocator AdminMenu(IPage page) => page.GetByRole(AriaRole.Button, new() { Name = "Admin", Exact = true });

    private static ILocator MenuOf(IPage page, string entryTestId) =>
        page.GetByRole(AriaRole.Button, new() { Name = entryTestId.StartsWith("workspace-", StringComparison.Ordinal) ? "Workspace" : "Admin", Exact = true });
}
