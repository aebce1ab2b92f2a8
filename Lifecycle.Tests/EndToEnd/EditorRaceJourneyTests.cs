using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Lifecycle.Tests.EndToEnd;

/// <summary>Decision 019 in a real browser: two people on one draft, one of them typing while the other saves the same property.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class EditorRaceJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task V4_TextBeingTypedSurvivesAnotherSaveOfTheSamePropertyAndMeetsTheConflict()
    {
        var first = await browser.NewPageAsync();
        var second = await browser.NewPageAsync();
        try
        {
            await Journeys.FirstRunSetupAsync(first);
            var editor = await Journeys.CreateAppAsync(first, "Racing");
            await editor.AddComponentAsync("Text", "text1");

            await Journeys.SignInAsync(second);
            await second.GotoAsync("/apps/racing/edit");
            await EditorPageObject.WaitUntilInteractiveAsync(second);
            var other = new EditorPageObject(second);
            await other.SelectComponentAsync("text1");
            var typing = second.GetByTestId("property-panel").GetByLabel("text", new() { Exact = true });
            await typing.ClearAsync();
            await typing.PressSequentiallyAsync("Mine");

            // The first browser saves the same property while the second one is still typing in it.
            await editor.SetPropertyAsync("text", "Theirs");
            await typing.PressAsync("Tab");

            await Expect(other.SaveStatus).ToHaveTextAsync("Not stored");
            await Expect(other.SaveConflict).ToContainTextAsync("Conflict");
            await Expect(typing).ToHaveValueAsync("Mine");
            await Expect(first.GetByTestId("component-text1")).ToHaveTextAsync("Theirs");

            // The second person chooses to keep theirs; the first browser follows within seconds (SPEC V10).
            await other.SaveConflict.GetByRole(AriaRole.Button, new() { Name = "Save mine over theirs" }).ClickAsync();
            await Expect(other.SaveStatus).ToHaveTextAsync(EditorPageObject.StoredText);
            await Expect(other.SaveConflict).ToHaveCountAsync(0);
            await Expect(first.GetByTestId("component-text1")).ToHaveTextAsync("Mine", new() { Timeout = 2_000 });
            await Expect(editor.SaveStatus).ToHaveTextAsync(EditorPageObject.StoredText);
        }
        catch (Exception failure)
        {
            throw await Journeys.DescribeFailureAsync(failure, second, browser.Server);
        }
    }
}
