using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Lifecycle.Tests.EndToEnd;

/// <summary>
/// Issue 8, apps that do something: a builder lays out components on the grid, binds them to each other and gives a
/// button an On click that runs a query; end users of the released app type, click and see the results. Every page on
/// the way is scanned for WCAG 2.1 A/AA violations.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class AppsThatDoSomethingTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    // SPEC D2, D3, D5, E4
    [Fact]
    public async Task Released_app_binds_inputs_runs_queries_from_buttons_and_keeps_the_builders_grid()
    {
        var page = await browser.NewPageAsync();
        var violations = new List<string>();
        try
        {
            await Journeys.FirstRunSetupAsync(page);
            await EditorPageObject.WaitUntilInteractiveAsync(page);
            await AccessibilityScan.CollectAsync(page, "/apps (empty)", violations);
            await AddStaticSourceAsync(page, violations);
            await page.GotoAsync("/workspace/constants");
            await EditorPageObject.WaitUntilInteractiveAsync(page);
            await AccessibilityScan.CollectAsync(page, "/workspace/constants", violations);

            var editor = await Journeys.CreateAppAsync(page, "Shop");
            await editor.AddQueryAsync("items", "catalog"); // runs when asked: by the button
            await editor.AddComponentAsync("Text input", "textinput1");
            await editor.SetPropertyAsync("label", "Your name");
            await editor.AddComponentAsync("Text", "text1");
            await editor.SetPropertyAsync("text", "Hello {{components.textinput1.value}}");
            await editor.AddComponentAsync("Button", "button1");
            await editor.SetPropertyAsync("label", "Load items");
            await editor.AddRunQueryActionAsync("items");
            await editor.AddComponentAsync("Table", "table1");
            await editor.SetPropertyAsync("data", "{{queries.items.data}}");
            await editor.AddComponentAsync("Text", "text2");
            await editor.SetPropertyAsync("text", "Picked {{components.table1.selectedRow.name}}");
            await AccessibilityScan.CollectAsync(page, "editor", violations);

            // A refused name in the property panel's plain text field (decision 041): the reason shows under the field,
            // tied to it, and the typed text stays until it is mended.
            var panel = page.GetByTestId("property-panel");
            var name = panel.GetByLabel("Component name");
            await name.FillAsync("text1");
            await name.PressAsync("Tab");
            await Expect(panel).ToContainTextAsync("A component named text1 already exists.");
            await Expect(name).ToHaveValueAsync("text1");
            await Expect(name).ToHaveAttributeAsync("aria-invalid", "true");
            await Journeys.PhotographAsync(page, "editor-shop-refused-name");
            await name.FillAsync("text2");
            await name.PressAsync("Tab");
            await Expect(name).ToHaveAttributeAsync("aria-invalid", "false");
            await Expect(page.GetByTestId("component-text2")).ToBeVisibleAsync();

            // The grid: the button moves beside the input, and is still there after a reload.
            await editor.DragToFirstRowAsync("button1", column: 6);
            await page.ReloadAsync();
            await EditorPageObject.WaitUntilInteractiveAsync(page);
            await Expect(page.GetByTestId("component-button1")).ToHaveAttributeAsync("data-row", "0");
            await Expect(page.GetByTestId("component-button1")).ToHaveAttributeAsync("data-column", "6");
            var input = (await page.GetByTestId("component-textinput1").BoundingBoxAsync())!;
            var button = (await page.GetByTestId("component-button1").BoundingBoxAsync())!;
            Assert.True(button.X > input.X + input.Width && button.Y < input.Y + input.Height, "The button is not beside the input.");

            // Preview runs the page as the released app will, with the version's (development) values.
            await page.GetByTestId("preview-toggle").CheckAsync();
            var preview = page.GetByTestId("preview");
            await preview.GetByLabel("Your name").FillAsync("Dev");
            await Expect(preview.GetByTestId("component-text1")).ToHaveTextAsync("Hello Dev");
            await preview.GetByRole(AriaRole.Button, new() { Name = "Load items" }).ClickAsync();
            await Expect(preview.GetByTestId("table-table1")).ToContainTextAsync("Development widget");
            await AccessibilityScan.CollectAsync(page, "editor preview", violations);
            await page.GetByTestId("preview-toggle").UncheckAsync();
            await Journeys.PhotographAsync(page, "editor-shop");
            // A menu mounted by its first click (decision 040) opens under its button, which has the focus, as a click on a
            // MudMenu leaves it; a second click closes it.
            var workspace = page.GetByRole(AriaRole.Button, new() { Name = "Workspace", Exact = true });
            await workspace.ClickAsync();
            await Expect(page.GetByTestId("workspace-constants-link")).ToBeVisibleAsync();
            await Expect(workspace).ToBeFocusedAsync();
            await Journeys.PhotographAsync(page, "editor-shop-workspace-menu");
            await workspace.ClickAsync();
            await Expect(page.GetByTestId("workspace-constants-link")).ToBeHiddenAsync();
            // A select mounted by its first click (decision 041) opens its list at its field; picking closes it.
            var theme = page.GetByTestId("settings-panel").GetByLabel("Theme");
            await theme.ClickAsync();
            var dark = page.GetByRole(AriaRole.Option, new() { Name = "Dark", Exact = true });
            await Expect(dark).ToBeVisibleAsync();
            var field = (await theme.BoundingBoxAsync())!;
            var option = (await dark.BoundingBoxAsync())!;
            Assert.True(Math.Abs(option.X - field.X) < 40 && option.Y > field.Y, $"The list is not at its field: {option.X},{option.Y} against {field.X},{field.Y}.");
            await Journeys.PhotographAsync(page, "editor-shop-theme-select");
            await page.GetByRole(AriaRole.Option, new() { Name = "Light", Exact = true }).ClickAsync();
            await Expect(dark).ToBeHiddenAsync();
            await Expect(theme).ToHaveTextAsync("Light");

            await editor.SavePromoteAndReleaseAsync("A shop that loads items");
            await AccessibilityScan.CollectAsync(page, "editor (released version)", violations);

            // The end user: typing changes the text bound to the input; the button's query fills the table (production values).
            await page.GotoAsync("/apps/shop");
            var app = page.GetByTestId("released-app");
            await EditorPageObject.WaitUntilInteractiveAsync(page);
            await Expect(app.GetByTestId("table-table1")).ToHaveCountAsync(0); // the query runs when asked
            await app.GetByLabel("Your name").PressSequentiallyAsync("Ann");
            await Expect(app.GetByTestId("component-text1")).ToHaveTextAsync("Hello Ann");
            await app.GetByRole(AriaRole.Button, new() { Name = "Load items" }).ClickAsync();
            var table = app.GetByTestId("table-table1");
            await Expect(table).ToContainTextAsync("Production widget");
            await table.GetByRole(AriaRole.Row).Filter(new() { HasText = "Production gadget" }).ClickAsync();
            await Expect(app.GetByTestId("component-text2")).ToHaveTextAsync("Picked Production gadget");
            await Journeys.PhotographAsync(page, "released-shop");
            await AccessibilityScan.CollectAsync(page, "/apps/shop", violations);

            foreach (var path in new[] { "/apps", "/apps/shop/releases", "/admin/users", "/admin/groups", "/admin/groups/2", "/admin/audit", "/admin/gitsync" })
            {
                await page.GotoAsync(path);
                await EditorPageObject.WaitUntilInteractiveAsync(page);
                await Expect(page.GetByTestId("loading")).ToHaveCountAsync(0);
                await AccessibilityScan.CollectAsync(page, path, violations);
            }

            Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations));
        }
        catch (Exception failure)
        {
            throw await Journeys.DescribeFailureAsync(failure, page, browser.Server);
        }
    }

    /// <summary>A static JSON data source "catalog" whose two items are named after the environment.</summary>
    private static async Task AddStaticSourceAsync(IPage page, List<string> violations)
    {
        await page.GotoAsync("/workspace/data-sources");
        await EditorPageObject.WaitUntilInteractiveAsync(page);
        await Expect(page.GetByTestId("empty")).ToBeVisibleAsync();
        await page.GetByLabel("Data source name").FillAsync("catalog");
        await EditorPageObject.PickAsync(page, page.GetByLabel("Kind"), "Static JSON");
        await page.GetByTestId("add-data-source").ClickAsync();
        var card = page.GetByTestId("data-source-catalog");
        foreach (var environment in new[] { "Development", "Staging", "Production" })
        {
            await card.GetByLabel($"JSON ({environment})").FillAsync($$"""[{"name":"{{environment}} widget"},{"name":"{{environment}} gadget"}]""");
            await card.GetByRole(AriaRole.Button, new() { Name = $"Save catalog in {environment}" }).ClickAsync();
            await Expect(page.GetByText($"catalog in {environment} is saved.")).ToBeVisibleAsync();
        }

        await AccessibilityScan.CollectAsync(page, "/workspace/data-sources", violations);
    }
}
