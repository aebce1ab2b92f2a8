using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Lifecycle.Tests.EndToEnd;

/// <summary>
/// Decision 044 in a real browser: the canvas's items cross as patches that lifecycle.canvas.apply applies (an added item
/// appended, a deleted one removed, a changed one replaced), and the framework does not send JavaScript calls again after
/// a dropped connection, so a reconnected editor receives its whole canvas again.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class CanvasReconnectionJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    /// <summary>The canvas items' test ids in the order the page shows them.</summary>
    private const string ShownItems = "() => [...document.querySelectorAll('[data-testid=canvas] [data-component-id]')].map(item => item.dataset.testid)";

    [Fact]
    public async Task T2_Patches_add_remove_and_replace_items_and_a_reconnected_editor_receives_its_canvas_again()
    {
        var page = await browser.NewPageAsync();
        try
        {
            await Journeys.FirstRunSetupAsync(page);
            var editor = await Journeys.CreateAppAsync(page, "Reconnecting");
            await editor.AddComponentAsync("Text", "text1");
            await editor.AddComponentAsync("Text", "text2");
            await editor.AddComponentAsync("Text", "text3");
            Assert.Equal(["component-text1", "component-text2", "component-text3"], await page.EvaluateAsync<string[]>(ShownItems));

            await editor.SelectComponentAsync("text2");
            await page.GetByTestId("delete-component").ClickAsync();
            await Expect(page.GetByTestId("component-text2")).ToHaveCountAsync(0);
            Assert.Equal(["component-text1", "component-text3"], await page.EvaluateAsync<string[]>(ShownItems));

            // A mark only this browser knows: it stays on the element until the server sends the item again. The script
            // keeps its items in a map on the host, which only a patch that replaces every item makes anew (Blazor's
            // interop caches the function, so it cannot be wrapped).
            var item = page.GetByTestId("component-text1");
            await item.EvaluateAsync("element => element.setAttribute('data-probe', 'before the drop')");
            await page.EvaluateAsync("() => window.itemsBeforeTheDrop = document.querySelector('.lc-canvas-items').lifecycleItems");

            await page.EvaluateAsync("() => Blazor._internal.forceCloseConnection()");

            await page.WaitForFunctionAsync("() => document.querySelector('.lc-canvas-items').lifecycleItems !== window.itemsBeforeTheDrop", null, new() { Timeout = 15_000 });
            await Expect(page.Locator("[data-testid=component-text1][data-probe]")).ToHaveCountAsync(0);
            Assert.Equal(["component-text1", "component-text3"], await page.EvaluateAsync<string[]>(ShownItems));
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
