using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Lifecycle.Tests.EndToEnd;

/// <summary>Issue 8, the compact App Version Manager: one header row, dialogs that close on Escape, a menu that opens on every click.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class EditorHeaderTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    /// <summary>The header's controls, each of which must sit on the header's one row.</summary>
    private static readonly string[] HeaderControls = [".lc-app-name", "[data-testid=save-status]", ".lc-version-pill", "[data-testid=promote-button]", "[aria-label='More actions']", "[aria-label='Share']"];

    // SPEC T1: one row at 1280 and 1440 px with a saved version, never wrapping
    [Theory]
    [InlineData(1280)]
    [InlineData(1440)]
    public async Task Header_with_a_saved_version_keeps_every_control_on_one_row(int width)
    {
        var page = await browser.NewPageAsync();
        try
        {
            var editor = await OpenAppAsync(page, $"Header {width}");
            await editor.SaveVersionAsync("A saved version");
            await page.SetViewportSizeAsync(width, 900);

            var header = page.GetByTestId("editor-header");
            var boxes = new List<LocatorBoundingBoxResult>();
            foreach (var control in HeaderControls)
            {
                var box = await header.Locator(control).BoundingBoxAsync();
                Assert.True(box is not null, $"{control} is not in the header.");
                boxes.Add(box);
            }

            // One row: every control's box overlaps every other's vertically, and nothing overflows the header.
            Assert.True(boxes.Max(b => b.Y) < boxes.Min(b => b.Y + b.Height), $"The header wraps at {width} px: {string.Join(", ", boxes.Select(b => $"y={b.Y} h={b.Height}"))}");
            Assert.True(await header.EvaluateAsync<bool>("h => h.scrollWidth <= h.clientWidth"), $"The header overflows at {width} px.");
            var screenshots = Directory.CreateDirectory(Path.Combine(AppServer.RepositoryRoot(), "TestResults", "screenshots"));
            await header.ScreenshotAsync(new() { Path = Path.Combine(screenshots.FullName, $"editor-header-{width}.png") });

            // Messages go below the header, never inside it.
            await Expect(page.GetByTestId("blocked-edit-prompt")).ToBeVisibleAsync();
            Assert.True((await page.GetByTestId("blocked-edit-prompt").BoundingBoxAsync())!.Y >= boxes.Max(b => b.Y + b.Height));
        }
        catch (Exception failure)
        {
            throw await Journeys.DescribeFailureAsync(failure, page, browser.Server);
        }
    }

    // Issue 8: Escape closes a dialog (and creates nothing); Enter submits one; the version menu opens once per click after a rename
    [Fact]
    public async Task Dialogs_close_on_Escape_and_the_version_menu_opens_on_every_click_after_a_rename()
    {
        var page = await browser.NewPageAsync();
        try
        {
            var editor = await OpenAppAsync(page, "Dialogs");
            var violations = new List<string>();
            await AccessibilityScan.CollectAsync(page, "editor", violations);

            await editor.VersionManager.ClickAsync();
            await page.GetByTestId("create-version").ClickAsync();
            var dialog = page.GetByRole(AriaRole.Dialog);
            await Expect(dialog.GetByLabel("Version Name")).ToBeFocusedAsync();
            await dialog.GetByLabel("Version Name").FillAsync("never");
            await page.Keyboard.PressAsync("Escape");
            await Expect(dialog).ToHaveCountAsync(0);
            await editor.VersionManager.ClickAsync();
            await Expect(page.GetByRole(AriaRole.Menuitem).Filter(new() { HasText = "never" })).ToHaveCountAsync(0);
            await page.GetByTestId("create-version").ClickAsync();
            await dialog.GetByLabel("Version Name").FillAsync("v2");
            await page.Keyboard.PressAsync("Enter");
            await Expect(editor.VersionManager).ToHaveTextAsync("v2");
            await Expect(page.GetByText("v2 is created from v1. You are editing it now.")).ToBeVisibleAsync();

            // Rename from the overflow menu, submitted with Enter.
            await page.GetByRole(AriaRole.Button, new() { Name = "More actions" }).ClickAsync();
            await page.GetByRole(AriaRole.Menuitem, new() { Name = "Rename v2" }).ClickAsync();
            await Expect(dialog.GetByLabel("Version Name")).ToBeFocusedAsync();
            await dialog.GetByLabel("Version Name").FillAsync("v2 beta");
            await page.Keyboard.PressAsync("Enter");
            await Expect(dialog).ToHaveCountAsync(0);
            await Expect(editor.VersionManager).ToHaveTextAsync("v2 beta");

            // One click opens the list; choosing closes it; one click opens it again.
            for (var round = 0; round < 2; round++)
            {
                await editor.VersionManager.ClickAsync();
                var item = page.GetByTestId("version-item-v1");
                await Expect(item).ToBeVisibleAsync();
                await page.GetByTestId("version-item-v2 beta").ClickAsync();
                await Expect(item).ToHaveCountAsync(0);
            }

            Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations));
        }
        catch (Exception failure)
        {
            throw await Journeys.DescribeFailureAsync(failure, page, browser.Server);
        }
    }

    // Menus close on Escape, the first time they open (mounted by that click, decision 040) and every time after.
    [Fact]
    public async Task Menus_close_on_Escape_the_first_time_and_after()
    {
        var page = await browser.NewPageAsync();
        try
        {
            var editor = await OpenAppAsync(page, "Escaping");
            var moreActions = page.GetByRole(AriaRole.Button, new() { Name = "More actions" });
            var rename = page.GetByRole(AriaRole.Menuitem, new() { Name = "Rename v1" });
            for (var round = 0; round < 2; round++)
            {
                await moreActions.ClickAsync();
                await Expect(rename).ToBeVisibleAsync();
                await page.Keyboard.PressAsync("Escape");
                await Expect(rename).ToHaveCountAsync(0);

                await editor.VersionManager.ClickAsync();
                await Expect(page.GetByTestId("create-version")).ToBeVisibleAsync();
                await page.Keyboard.PressAsync("Escape");
                await Expect(page.GetByTestId("create-version")).ToHaveCountAsync(0);
            }
        }
        catch (Exception failure)
        {
            throw await Journeys.DescribeFailureAsync(failure, page, browser.Server);
        }
    }

    /// <summary>Signs in (setting the instance up on first use) and creates an app; returns in its editor on v1.</summary>
    private static async Task<EditorPageObject> OpenAppAsync(IPage page, string name)
    {
        await Journeys.SetUpOrSignInAsync(page);
        return await Journeys.CreateAppAsync(page, name);
    }
}
