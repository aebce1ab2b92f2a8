using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Lifecycle.Tests.EndToEnd;

/// <summary>Issue 4 in a real browser: an admin gives a new user edit rights on one app only (SPEC A1-A4).</summary>
[Collection(EndToEndCollection.Name)]
public sealed class AdminJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string AdminEmail = "admin@example.com";
    private const string AdminPassword = "correct horse battery";
    private const string EditorEmail = "ed@example.com";

    [Fact]
    public async Task Admin_creates_a_user_with_edit_on_one_app_who_edits_it_cannot_release_and_sees_no_other_app()
    {
        var page = await browser.NewPageAsync();
        IPage? ed = null;
        try
        {
            // SPEC A5: the first visit creates the first admin.
            await Journeys.FirstRunSetupAsync(page, "Ada Admin", AdminEmail, AdminPassword);

            await CreateAppAsync(page, "Alpha");
            await CreateAppAsync(page, "Beta");

            // SPEC A2: a custom group with edit on Alpha only, and a user in it (password shown once).
            var admin = new AdminPageObject(page);
            await admin.CreateGroupAsync("Alpha editors");
            await admin.GrantAsync("Edit", "Alpha");
            await Expect(page.GetByRole(AriaRole.Checkbox, new() { Name = "Edit on Beta", Exact = true })).Not.ToBeCheckedAsync();
            var password = await admin.CreateUserAsync("Ed Editor", EditorEmail, "Alpha editors");

            // The new user signs in at another computer (a second browser context).
            ed = await browser.NewPageAsync();
            await Journeys.SubmitSignInAsync(ed, EditorEmail, password);

            // The password was one-time: Ed chooses his own before anything else.
            await Expect(ed).ToHaveURLAsync(new Regex("/Account/ChangePassword$"));
            await ed.GotoAsync("/apps");
            await Expect(ed).ToHaveURLAsync(new Regex("/Account/ChangePassword$"));
            await ed.GetByLabel("Current password").FillAsync(password);
            await ed.GetByLabel("New password").FillAsync("eds own secret");
            await ed.GetByRole(AriaRole.Button, new() { Name = "Change password" }).ClickAsync();
            await Expect(ed).ToHaveURLAsync(new Regex("/apps$"));
            await EditorPageObject.WaitUntilInteractiveAsync(ed);

            // SPEC A2: only Alpha is listed; no admin menu, no New app.
            await Expect(ed.GetByTestId("app-alpha")).ToBeVisibleAsync();
            await Expect(ed.GetByTestId("app-beta")).ToHaveCountAsync(0);
            await Expect(ed.GetByTestId("create-app")).ToHaveCountAsync(0);
            await Expect(AppBar.AdminMenu(ed)).ToHaveCountAsync(0);

            // Ed edits Alpha: adds a component, which autosaves.
            await ed.GetByRole(AriaRole.Link, new() { Name = "Edit Alpha" }).ClickAsync();
            await Expect(ed).ToHaveURLAsync(new Regex("/apps/alpha/edit$"));
            await EditorPageObject.WaitUntilInteractiveAsync(ed);
            var editor = new EditorPageObject(ed);
            await editor.AddComponentAsync("Text", "text1");
            await Expect(ed.GetByTestId("component-text1")).ToBeVisibleAsync();
            await Expect(editor.SaveStatus).ToHaveTextAsync(EditorPageObject.StoredText);

            // Ed may save a version but not promote it to production or release it: no such buttons.
            await editor.SaveVersionAsync("Ed's first screen");
            await Expect(ed.GetByTestId("release-button")).ToHaveCountAsync(0);
            await Expect(ed.GetByTestId("promote-button")).ToHaveCountAsync(0);

            // SPEC A3: opening Beta by its address is refused by the server, and the refusal is audited (SPEC A4).
            await ed.GotoAsync("/apps/beta/edit");
            await Expect(ed.GetByTestId("not-allowed")).ToHaveTextAsync("You may not open this app.");
            await ed.GotoAsync("/admin/audit");
            await Expect(ed.GetByTestId("not-allowed")).ToHaveTextAsync("You may not view the audit log.");

            await admin.OpenAsync("admin-audit-link", "/admin/audit");
            await Expect(page.GetByTestId("audit-table")).ToContainTextAsync("Ed Editor");
            await page.GetByTestId("audit-verify").ClickAsync();
            await Expect(page.GetByTestId("audit-chain-status")).ToContainTextAsync("Chain intact");
            var csv = await page.APIRequest.GetAsync("/admin/audit/export?outcome=Refused");
            Assert.Equal(200, csv.Status);
            var refusals = await csv.TextAsync();
            Assert.Contains("Ed Editor,app.viewed", refusals);
            Assert.Contains("Ed Editor,audit.viewed", refusals);
            Assert.Equal(403, (await ed.APIRequest.GetAsync("/admin/audit/export")).Status);
        }
        catch (Exception failure)
        {
            var failing = ed ?? page;
            var snapshot = await failing.Locator("body").AriaSnapshotAsync(new() { Timeout = 5_000 });
            throw new Exception($"{failure.Message}{Environment.NewLine}Page: {failing.Url}{Environment.NewLine}{snapshot}{Environment.NewLine}App output:{Environment.NewLine}{browser.Server.Output}", failure);
        }
    }

    private static async Task CreateAppAsync(IPage page, string name)
    {
        await page.GotoAsync("/apps");
        await EditorPageObject.WaitUntilInteractiveAsync(page);
        await page.GetByTestId("create-app").ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByLabel("Name").FillAsync(name);
        await page.GetByTestId("create-app-submit").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/apps/{name.ToLowerInvariant()}/edit"));
        await EditorPageObject.WaitUntilInteractiveAsync(page);
    }
}
