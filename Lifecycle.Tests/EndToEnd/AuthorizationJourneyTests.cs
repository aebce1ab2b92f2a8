using System.Text.RegularExpressions;
using Lifecycle.Data.Access;
using Lifecycle.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Lifecycle.Tests.EndToEnd;

/// <summary>
/// Issue 7 in a real browser, where the UI used to offer what the server must refuse: a user manager saw the Admins box
/// and the reset and disable buttons on an admin's row (SPEC A7); an end user opened the editor and its drafts (SPEC A6).
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class AuthorizationJourneyTests(SeededAppFixture app) : IClassFixture<SeededAppFixture>
{
    [Fact]
    public async Task A7_AUserManagerIsOfferedNeitherTheAdminsGroupNorAnyActionOnAnAdmin()
    {
        // SPEC A7
        var page = await app.SignedInPageAsync(PermissionMatrix.UserManagers);
        try
        {
            await page.GotoAsync("/admin/users");
            await EditorPageObject.WaitUntilInteractiveAsync(page);

            var adminRow = page.GetByTestId($"user-row-{TestWorkspace.AdminEmail}");
            await Expect(adminRow).ToContainTextAsync("Admins");
            await Expect(adminRow.GetByRole(AriaRole.Button)).ToHaveCountAsync(0);
            var newcomerRow = page.GetByTestId($"user-row-{app.NewcomerEmail}");
            await Expect(newcomerRow.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Reset password of ") })).ToBeVisibleAsync();
            await Expect(newcomerRow.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Disable ") })).ToBeVisibleAsync();

            await page.GetByTestId("new-user").ClickAsync();
            var groups = page.GetByRole(AriaRole.Dialog).GetByTestId("new-user-groups");
            // Only groups whose rights the manager holds: Newcomers grants nothing, their own grants "manage users".
            await Expect(groups.GetByRole(AriaRole.Checkbox)).ToHaveCountAsync(2);
            Assert.Equal(["Newcomers", "User managers"], (await groups.Locator("label").AllInnerTextsAsync()).Select(l => l.Trim()).Order());
        }
        catch (Exception failure)
        {
            throw await Journeys.DescribeFailureAsync(failure, page, app.Server);
        }
    }

    [Fact]
    public async Task A6_AnEndUserIsRefusedTheEditorAndLedToTheReleasedApp()
    {
        // SPEC A6
        var page = await app.SignedInPageAsync(PermissionMatrix.EndUsers);
        try
        {
            await EditorPageObject.WaitUntilInteractiveAsync(page);
            await Expect(page.GetByTestId("app-alpha")).ToBeVisibleAsync();
            await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Edit Alpha" })).ToHaveCountAsync(0);

            await page.GotoAsync("/apps/alpha/edit");
            await EditorPageObject.WaitUntilInteractiveAsync(page);
            await Expect(page.GetByTestId("not-allowed")).ToContainTextAsync(AccessRules.VersionsRefusal);
            await Expect(page.GetByTestId("version-manager")).ToHaveCountAsync(0);
            await Expect(page.GetByTestId("queries-panel")).ToHaveCountAsync(0);

            await page.GetByTestId("open-released-app").ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex("/apps/alpha$"));
            await Expect(page.GetByTestId("released-app")).ToBeAttachedAsync(); // Alpha's release is an empty page
        }
        catch (Exception failure)
        {
            throw await Journeys.DescribeFailureAsync(failure, page, app.Server);
        }
    }
}
