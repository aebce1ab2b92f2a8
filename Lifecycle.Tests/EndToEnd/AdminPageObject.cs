using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Lifecycle.Tests.EndToEnd;

/// <summary>The admin pages (/admin/users, /admin/groups, /admin/audit), scripted through the hooks in docs/testing.md.</summary>
public sealed partial class AdminPageObject(IPage page)
{
    /// <summary>Creates a custom group and returns on its page.</summary>
    public async Task CreateGroupAsync(string name)
    {
        await OpenAsync("admin-groups-link", "/admin/groups");
        await page.GetByTestId("new-group").ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("Group name").FillAsync(name);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Create group" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(GroupPageUrl());
        await Expect(page.GetByTestId("group-name")).ToHaveTextAsync(name);
    }

    /// <summary>Ticks one cell of the group's per-app permissions (SPEC A2), e.g. "Edit" on "Alpha".</summary>
    public async Task GrantAsync(string permission, string app)
    {
        var cell = page.GetByRole(AriaRole.Checkbox, new() { Name = $"{permission} on {app}", Exact = true });
        await cell.CheckAsync();
        await Expect(cell).ToBeCheckedAsync();
    }

    /// <summary>Creates a user in the given groups (only those) and returns the one-time password shown once.</summary>
    public async Task<string> CreateUserAsync(string name, string email, params string[] groups)
    {
        await OpenAsync("admin-users-link", "/admin/users");
        await page.GetByTestId("new-user").ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("Name").FillAsync(name);
        await dialog.GetByLabel("Email").FillAsync(email);
        foreach (var box in await dialog.GetByTestId("new-user-groups").GetByRole(AriaRole.Checkbox).AllAsync())
        {
            var label = (await box.EvaluateAsync<string>("b => b.parentElement.textContent")).Trim();
            await box.SetCheckedAsync(groups.Contains(label));
        }

        await dialog.GetByTestId("new-user-submit").ClickAsync();
        var password = page.GetByTestId("one-time-password");
        await Expect(password).ToBeVisibleAsync();
        var text = (await password.TextContentAsync())!.Trim();
        await page.GetByTestId("one-time-password-done").ClickAsync();
        await Expect(page.GetByTestId($"user-row-{email}")).ToContainTextAsync(string.Join(", ", groups.Order()));
        return text;
    }

    /// <summary>Opens an admin page from the app bar's Admin menu and waits until it is interactive.</summary>
    public async Task OpenAsync(string menuTestId, string path)
    {
        await AppBar.OpenAsync(page, menuTestId);
        await Expect(page).ToHaveURLAsync(new Regex(Regex.Escape(path) + "$"));
        await EditorPageObject.WaitUntilInteractiveAsync(page);
    }

    [GeneratedRegex("/admin/groups/\\d+$")]
    private static partial Regex GroupPageUrl();
}
