using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Lifecycle.Tests.EndToEnd;

/// <summary>
/// The example flow of docs/testing.md, run exactly as written: the lines between the markers below are the document's
/// code block, and <see cref="DocumentedExampleDriftTests"/> fails when the two differ.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class DocumentedExampleTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    // SPEC V2, V5, E2, V6, V7, T1
    [Fact]
    public async Task The_example_flow_of_the_testing_docs_runs_as_written()
    {
        var page = await browser.NewPageAsync();
        try
        {
            await Journeys.FirstRunSetupAsync(page); // as the docs say: signed in as an admin, with an app "inventory"
            await Journeys.CreateAppAsync(page, "Inventory");

            // docs/testing.md example: begin
            await page.GotoAsync("/apps/inventory/edit");
            await Expect(page.GetByTestId("interactive")).ToBeAttachedAsync();
            await page.GetByTestId("version-manager").ClickAsync();
            await page.GetByTestId("create-version").ClickAsync();
            await page.GetByLabel("Version Name").FillAsync("v2");
            await page.GetByTestId("create-version-submit").ClickAsync();
            await Expect(page.GetByTestId("version-manager")).ToHaveTextAsync("v2");
            await page.GetByTestId("save-version").ClickAsync();
            await page.GetByTestId("save-version-submit").ClickAsync();
            await page.GetByTestId("promote-button").ClickAsync();   // Promote to Staging
            await page.GetByTestId("promote-confirm").ClickAsync();
            await Expect(page.GetByTestId("version-environment")).ToHaveTextAsync("Staging");
            await page.GetByTestId("promote-button").ClickAsync();   // Promote to Production
            await page.GetByTestId("promote-confirm").ClickAsync();
            await Expect(page.GetByTestId("version-environment")).ToHaveTextAsync("Production");
            await page.GetByTestId("release-button").ClickAsync();
            await page.GetByTestId("release-confirm").ClickAsync();
            await Expect(page.GetByTestId("version-state")).ToHaveTextAsync("Released");
            await Expect(page.GetByTestId("blocked-edit-prompt")).ToBeVisibleAsync();
            // docs/testing.md example: end
        }
        catch (Exception failure)
        {
            throw await Journeys.DescribeFailureAsync(failure, page, browser.Server);
        }
    }
}

/// <summary>The documented example and the executed one are the same lines (no browser needed).</summary>
public sealed class DocumentedExampleDriftTests
{
    [Fact]
    public void The_testing_docs_example_is_the_code_the_suite_runs()
    {
        var root = AppServer.RepositoryRoot();
        var docs = File.ReadAllLines(Path.Combine(root, "docs", "testing.md"));
        var start = Array.FindIndex(docs, line => line.Trim() == "```csharp");
        Assert.True(start >= 0, "docs/testing.md has no ```csharp example.");
        var documented = docs.Skip(start + 1).TakeWhile(line => line.Trim() != "```").Select(line => line.Trim()).ToList();

        var test = File.ReadAllLines(Path.Combine(root, "Lifecycle.Tests", "EndToEnd", "DocumentedExampleTests.cs"));
        var executed = test.SkipWhile(line => line.Trim() != "// docs/testing.md example: begin").Skip(1)
            .TakeWhile(line => line.Trim() != "// docs/testing.md example: end").Select(line => line.Trim()).ToList();

        Assert.NotEmpty(documented);
        Assert.Equal(documented, executed);
    }
}
