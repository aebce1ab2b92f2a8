using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Lifecycle.Tests.EndToEnd;

/// <summary>The core flow of the App Version Manager issue, in a real browser against the running app.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class VersionManagerJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Builder_sets_up_creates_versions_releases_and_meets_the_blocked_edit_prompt()
    {
        var page = await browser.NewPageAsync();
        try
        {
            await Journeys.FirstRunSetupAsync(page);
            var editor = await Journeys.CreateAppAsync(page, "Inventory");

            // SPEC V1 + T2: a new app opens on draft v1; a component is named after its type.
            await Expect(editor.VersionManager).ToHaveTextAsync("v1");
            await Expect(editor.VersionState).ToHaveTextAsync("Draft");
            await editor.AddComponentAsync("Text", "text1");
            await Expect(page.GetByTestId("component-text1")).ToBeVisibleAsync();
            await editor.SetPropertyAsync("text", "Stock: 42");
            await Expect(page.GetByTestId("component-text1")).ToHaveTextAsync("Stock: 42");

            // SPEC S2: before the first release the app's URL says so.
            var endUser = await browser.NewPageAsync();
            await Journeys.SignInAsync(endUser);
            await endUser.GotoAsync("/apps/inventory");
            await Expect(endUser.GetByTestId("not-released")).ToHaveTextAsync("This app is not released yet.");

            // SPEC V2: v2 from v1 (the default source is the open version).
            await editor.CreateVersionAsync("v2", expectedFrom: "v1");
            await Expect(page.GetByTestId("component-text1")).ToHaveTextAsync("Stock: 42");

            // A second builder has the editor open on v2 while it is saved and released (SPEC V10).
            var colleague = await browser.NewPageAsync();
            await Journeys.SignInAsync(colleague);
            await colleague.GotoAsync("/apps/inventory/edit");
            await EditorPageObject.WaitUntilInteractiveAsync(colleague);
            var colleagueEditor = new EditorPageObject(colleague);
            await Expect(colleagueEditor.VersionManager).ToHaveTextAsync("v2");

            // SPEC V5, E2, V6
            await editor.SavePromoteAndReleaseAsync("First stock screen");

            // SPEC V10: the other browser sees the release within 2 seconds, without reloading.
            await Expect(colleagueEditor.VersionState).ToHaveTextAsync("Released", new() { Timeout = 2_000 });
            await Expect(colleagueEditor.BlockedEditPrompt).ToBeVisibleAsync(new() { Timeout = 2_000 });

            // SPEC D3: the end user gets the released version at the app's URL.
            await endUser.GotoAsync("/apps/inventory");
            await Expect(endUser.GetByTestId("released-app")).ToContainTextAsync("Stock: 42");

            // SPEC V7: reopening the released version shows it read-only with the prompt.
            await page.GotoAsync("/apps/inventory/edit");
            await EditorPageObject.WaitUntilInteractiveAsync(page);
            await editor.OpenVersionAsync("v2");
            await Expect(editor.VersionState).ToHaveTextAsync("Released");
            await Expect(editor.BlockedEditPrompt).ToContainTextAsync("This version is released. Create a new version to make changes.");
            await Expect(page.GetByTestId("add-component").GetByRole(AriaRole.Button, new() { Name = "Add component" })).ToBeDisabledAsync();

            // The prompt's button opens the modal with "from" set to the released version.
            await page.GetByTestId("create-new-version").ClickAsync();
            await editor.SubmitCreateVersionAsync("v3", expectedFrom: "v2");
            await Expect(editor.BlockedEditPrompt).ToHaveCountAsync(0);
            await Expect(page.GetByTestId("component-text1")).ToHaveTextAsync("Stock: 42");

            // SPEC V8: release v3, then roll back to v2 from the history; the end user gets v2 again.
            await editor.SelectComponentAsync("text1");
            await editor.SetPropertyAsync("text", "Stock: 43");
            await editor.SavePromoteAndReleaseAsync("Second stock screen");
            await endUser.GotoAsync("/apps/inventory");
            await Expect(endUser.GetByTestId("released-app")).ToContainTextAsync("Stock: 43");

            await page.GotoAsync("/apps/inventory/releases");
            await EditorPageObject.WaitUntilInteractiveAsync(page);
            var history = page.GetByTestId("release-history");
            await Expect(history.GetByRole(AriaRole.Row)).ToHaveCountAsync(3); // header + two releases
            await history.GetByRole(AriaRole.Button, new() { Name = "Roll back to v2" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Dialog)).ToContainTextAsync("v3 is live now. Roll back to v2?");
            await page.GetByTestId("rollback-confirm").ClickAsync();
            await Expect(history.GetByRole(AriaRole.Row)).ToHaveCountAsync(4);
            await Expect(history.GetByRole(AriaRole.Row).Nth(1)).ToContainTextAsync("Rollback");
            await Expect(history.GetByRole(AriaRole.Row).Nth(2)).ToContainTextAsync("Released v3"); // notes
            await Journeys.PhotographAsync(page, "releases-inventory-after-rollback");
            await endUser.GotoAsync("/apps/inventory");
            await Expect(endUser.GetByTestId("released-app")).ToContainTextAsync("Stock: 42");
        }
        catch (Exception failure)
        {
            throw await Journeys.DescribeFailureAsync(failure, page, browser.Server);
        }
    }
}
