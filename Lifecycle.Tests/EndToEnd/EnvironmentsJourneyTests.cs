using Lifecycle.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Lifecycle.Tests.EndToEnd;

/// <summary>
/// Issue 3 in a real browser: per-environment data sources and constants, the E3 check, promotion, release with
/// production data, and rollback. A local HTTP server on 127.0.0.1 stands in for the REST API.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class EnvironmentsJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    // SPEC E4: an app without queries still shows its environment's constants in the editor, when it opens and after
    // a reload (the call that runs the opening queries brings the constants).
    [Fact]
    public async Task The_editor_of_an_app_without_queries_shows_its_constants()
    {
        var page = await browser.NewPageAsync();
        try
        {
            await Journeys.SetUpOrSignInAsync(page);
            await AddConstantAsync(page, "WELCOME", ("Development", "Welcome from dev"));
            var editor = await Journeys.CreateAppAsync(page, "Greeter");
            await editor.AddComponentAsync("Text", "text1");
            await editor.SetPropertyAsync("text", "{{constants.WELCOME}}");
            await Expect(page.GetByTestId("component-text1")).ToHaveTextAsync("Welcome from dev");

            await page.ReloadAsync();
            await EditorPageObject.WaitUntilInteractiveAsync(page);
            await Expect(page.GetByTestId("component-text1")).ToHaveTextAsync("Welcome from dev");
        }
        catch (Exception failure)
        {
            throw await Journeys.DescribeFailureAsync(failure, page, browser.Server);
        }
    }

    [Fact]
    public async Task Versions_move_to_production_and_end_users_get_production_data()
    {
        await using var api = new FakeRestApi()
            .Answer("/dev/items", """[{"name":"dev widget"},{"name":"dev gadget"}]""")
            .Answer("/staging/items", """[{"name":"staging widget"},{"name":"staging gadget"}]""")
            .Answer("/prod/items", """[{"name":"prod widget"},{"name":"prod gadget"}]""");
        var page = await browser.NewPageAsync();
        try
        {
            await Journeys.SetUpOrSignInAsync(page);
            await AddRestDataSourceAsync(page, "stock", api);
            await AddConstantAsync(page, "GREETING", ("Development", "Hello from dev"));

            // SPEC E4: the editor's preview runs the query in the version's environment (development).
            var editor = await Journeys.CreateAppAsync(page, "Shop");
            await editor.AddQueryAsync("items", "stock", path: "/items", runWhenPageOpens: true);
            await page.GetByTestId("queries-panel").GetByTestId("run-queries").ClickAsync();
            await Expect(page.GetByTestId("query-result-items")).ToContainTextAsync("dev widget");
            await editor.AddComponentAsync("Text", "text1");
            await editor.SetPropertyAsync("text", "{{queries.items.data.0.name}}");
            await Expect(page.GetByTestId("component-text1")).ToHaveTextAsync("dev widget");
            await editor.AddComponentAsync("Text", "text2");
            await editor.SetPropertyAsync("text", "{{constants.GREETING}}");
            await Expect(page.GetByTestId("component-text2")).ToHaveTextAsync("Hello from dev");

            // SPEC E3: promotion to staging is refused while GREETING has no staging value, naming it.
            await editor.CreateVersionAsync("v2", expectedFrom: "v1");
            await editor.SaveVersionAsync("Stock list");
            await page.GetByTestId("promote-button").ClickAsync();
            await page.GetByTestId("promote-confirm").ClickAsync();
            await Expect(page.GetByTestId("promotion-error")).ToContainTextAsync("constant GREETING");
            await Expect(page.GetByTestId("version-environment")).ToHaveTextAsync("Development");

            await SetConstantAsync(page, "GREETING", ("Staging", "Hello from staging"), ("Production", "Hello from prod"));
            await page.GotoAsync("/apps/shop/edit");
            await EditorPageObject.WaitUntilInteractiveAsync(page);
            await editor.OpenVersionAsync("v2");
            await editor.PromoteAsync("Development", "Staging");
            await Expect(page.GetByTestId("component-text1")).ToHaveTextAsync("staging widget"); // preview follows the version
            await editor.PromoteAsync("Staging", "Production");
            await editor.ReleaseAsync();

            // SPEC E4: the released app renders with production values.
            await page.GotoAsync("/apps/shop");
            await Expect(page.GetByTestId("released-app")).ToContainTextAsync("prod widget");
            await Expect(page.GetByTestId("released-app")).ToContainTextAsync("Hello from prod");

            // v3 the same way, then roll back to v2 from the history.
            await page.GotoAsync("/apps/shop/edit");
            await EditorPageObject.WaitUntilInteractiveAsync(page);
            await editor.OpenVersionAsync("v2");
            await page.GetByTestId("create-new-version").ClickAsync();
            await editor.SubmitCreateVersionAsync("v3", expectedFrom: "v2");
            await editor.SelectComponentAsync("text1");
            await editor.SetPropertyAsync("text", "{{queries.items.data.1.name}}");
            await editor.SavePromoteAndReleaseAsync("Second item");
            await page.GotoAsync("/apps/shop");
            await Expect(page.GetByTestId("released-app")).ToContainTextAsync("prod gadget");

            await page.GotoAsync("/apps/shop/releases");
            await EditorPageObject.WaitUntilInteractiveAsync(page);
            await page.GetByTestId("release-history").GetByRole(AriaRole.Button, new() { Name = "Roll back to v2" }).ClickAsync();
            await page.GetByTestId("rollback-confirm").ClickAsync();
            await Expect(page.GetByTestId("release-history").GetByRole(AriaRole.Row).Nth(1)).ToContainTextAsync("Rollback");
            await page.GotoAsync("/apps/shop");
            await Expect(page.GetByTestId("released-app")).ToContainTextAsync("prod widget");
            Assert.Contains(api.Requests, r => r.Path == "/prod/items");
        }
        catch (Exception failure)
        {
            throw await Journeys.DescribeFailureAsync(failure, page, browser.Server);
        }
    }

    private static async Task AddRestDataSourceAsync(IPage page, string name, FakeRestApi api)
    {
        await page.GotoAsync("/workspace/data-sources");
        await EditorPageObject.WaitUntilInteractiveAsync(page);
        await page.GetByLabel("Data source name").FillAsync(name);
        await page.GetByTestId("add-data-source").ClickAsync();
        var card = page.GetByTestId($"data-source-{name}");
        foreach (var (environment, folder) in new[] { ("Development", "dev"), ("Staging", "staging"), ("Production", "prod") })
        {
            await card.GetByLabel($"Base URL ({environment})").FillAsync($"{api.BaseUrl}/{folder}");
            await card.GetByRole(AriaRole.Button, new() { Name = $"Save {name} in {environment}" }).ClickAsync();
            await Expect(page.GetByText($"{name} in {environment} is saved.")).ToBeVisibleAsync();
        }
    }

    private static async Task AddConstantAsync(IPage page, string name, params (string Environment, string Value)[] values)
    {
        await page.GotoAsync("/workspace/constants");
        await EditorPageObject.WaitUntilInteractiveAsync(page);
        await page.GetByLabel("Constant name").FillAsync(name);
        await page.GetByTestId("add-constant").ClickAsync();
        await Expect(page.GetByTestId($"constant-{name}")).ToBeVisibleAsync();
        await SetConstantValuesAsync(page, name, values);
    }

    private static async Task SetConstantAsync(IPage page, string name, params (string Environment, string Value)[] values)
    {
        await page.GotoAsync("/workspace/constants");
        await EditorPageObject.WaitUntilInteractiveAsync(page);
        await SetConstantValuesAsync(page, name, values);
    }

    private static async Task SetConstantValuesAsync(IPage page, string name, (string Environment, string Value)[] values)
    {
        foreach (var (environment, value) in values)
        {
            var field = page.GetByLabel($"{name} in {environment}");
            await field.FillAsync(value);
            await field.PressAsync("Tab");
            await Expect(page.GetByText($"{name} in {environment} is saved.")).ToBeVisibleAsync();
        }
    }
}
