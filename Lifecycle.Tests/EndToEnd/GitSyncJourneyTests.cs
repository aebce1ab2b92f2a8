using Lifecycle.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Lifecycle.Tests.EndToEnd;

/// <summary>Issue 11 in a real browser: connect a local bare repository, save a version, see its commit in the GitSync page's history.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class GitSyncJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task G1_G2_A_saved_version_appears_as_a_commit_in_the_GitSync_history()
    {
        using var git = new GitRepositories();
        var bare = git.CreateBare();
        var page = await browser.NewPageAsync();
        try
        {
            await Journeys.FirstRunSetupAsync(page);
            await Expect(await AppBar.ShowAsync(page, "admin-gitsync-link")).ToBeVisibleAsync();
            await page.GotoAsync("/admin/gitsync");
            await EditorPageObject.WaitUntilInteractiveAsync(page);
            var connection = page.GetByTestId("gitsync-connection");
            await connection.GetByLabel("Repository").FillAsync(bare);
            await connection.GetByLabel("Commit author email").FillAsync("bot@example.com");
            await page.GetByTestId("gitsync-test").ClickAsync();
            await Expect(page.GetByTestId("gitsync-connection-report")).ToContainTextAsync("pushing is allowed");
            await page.GetByTestId("gitsync-save").ClickAsync();
            await Expect(page.GetByText("The connection is saved.")).ToBeVisibleAsync();

            var editor = await Journeys.CreateAppAsync(page, "Shop");
            await editor.CreateVersionAsync("v2", expectedFrom: "v1");
            await editor.SaveVersionAsync("First checkpoint");

            await page.GotoAsync("/admin/gitsync");
            await EditorPageObject.WaitUntilInteractiveAsync(page);
            var history = page.GetByTestId("gitsync-history");
            await Expect(history.GetByTestId("gitsync-commit-row").First).ToContainTextAsync("Save shop v2");
            await Expect(history).ToContainTextAsync("Ada Admin");
            await Expect(page.GetByTestId("gitsync-jobs").GetByTestId("gitsync-job-state").First).ToHaveTextAsync("Succeeded");
            await page.GetByTestId("gitsync-fetch").ClickAsync();
            await Expect(page.GetByTestId("gitsync-pull-shop-v2")).ToContainTextAsync("present");
            await Journeys.PhotographAsync(page, "gitsync-after-push");
            Assert.Equal("Save shop v2", GitRepositories.Git(bare, "log", "-1", "--format=%s", "main").Trim());
        }
        catch (Exception failure)
        {
            throw await Journeys.DescribeFailureAsync(failure, page, browser.Server);
        }
    }
}
