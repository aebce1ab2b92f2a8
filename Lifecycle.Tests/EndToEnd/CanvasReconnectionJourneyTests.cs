using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Lifecycle.Tests.EndToEnd;

/// <summary>
/// Decision 044 in a real browser: the canvas's items cross as JavaScript calls, which the framework does not send again
/// after a dropped connection, so a reconnected editor receives its whole canvas again.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class CanvasReconnectionJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task An_editor_whose_connection_dropped_receives_its_canvas_again_and_goes_on_editing()
    {
        var page = await browser.NewPageAsync();
        try
        {
            await Journeys.FirstRunSetupAsync(page);
            var editor = await Journeys.CreateAppAsync(page, "Reconnecting");
            await editor.AddComponentAsync("Text", "text1");
            var item = page.GetByTestId("component-text1");
            // A mark only this browser knows: it stays on the element until the server sends the item again.
            await item.EvaluateAsync("element => element.setAttribute('data-probe', 'before the drop')");
            await Expect(page.Locator("[data-testid=component-text1][data-probe]")).ToHaveCountAsync(1);

            await page.EvaluateAsync("() => Blazor._internal.forceCloseConnection()");

            await Expect(page.Locator("[data-testid=component-text1][data-probe]")).ToHaveCountAsync(0, new() { Timeout = 15_000 });
            await Expect(item).ToBeVisibleAsync();
            await editor.SelectComponentAsync("text1");
            await editor.SetPropertyAsync("text", "After the drop");
            await Expect(item).ToHaveTextAsync("After the drop");
            await Expect(editor.SaveStatus).ToHaveTextAsync(EditorPageObject.StoredText);
        }
        catch (Exception failure)
        {
            throw await Journeys.DescribeFailureAsync(failure, page, browser.Server);
        }
    }
}
