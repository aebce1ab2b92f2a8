using System.Text.Json;
using System.Text.RegularExpressions;
using Lifecycle.Data.DataSources;
using Lifecycle.Data.Definitions;
using Lifecycle.Data.Environments;
using Lifecycle.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Lifecycle.Tests.EndToEnd;

/// <summary>
/// A workspace with more apps than one page shows, an app with more versions than the version list shows at once, and an
/// app with a few components, served with a one-second pause delay for hidden tabs and the measurement endpoint on
/// (decision 036), so that the tests can see the server let go of a hidden tab's circuit.
/// </summary>
public sealed class ScreensFixture : IAsyncLifetime
{
    public const int Apps = 30;
    public const int Versions = 26;

    private IPlaywright? _playwright;

    public TestWorkspace Workspace { get; private set; } = default!;
    public AppServer Server { get; private set; } = default!;

    /// <summary>The data source of the released app "shop", whose query runs when its page opens.</summary>
    public FakeRestApi Api { get; } = new FakeRestApi().Answer("/items", """[{"name":"widget"}]""");
    public IBrowser Browser { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        Workspace = await TestWorkspace.StartAsync();
        for (var i = 1; i <= Apps - 3; i++)
        {
            await Workspace.CreateAppAsync(Workspace.Admin, $"Report {i:D2}", $"report-{i:D2}");
        }

        var history = await Workspace.CreateAppAsync(Workspace.Admin, "History", "history");
        var v1 = await Workspace.FirstVersionIdAsync(history.Id);
        for (var i = 2; i <= Versions; i++)
        {
            await Workspace.CreateVersionAsync(Workspace.Admin, history.Id, $"v{i}", v1);
        }

        var orders = await Workspace.CreateAppAsync(Workspace.Admin, "Orders", "orders");
        var draft = await Workspace.Versions.GetAsync(Workspace.Admin, await Workspace.FirstVersionIdAsync(orders.Id));
        var definition = draft.Value!.Definition;
        var page = definition.Pages[0].Id;
        definition = ResultAssert.Ok(DefinitionEdits.AddComponent(definition, page, ComponentType.Text, out _));
        definition = ResultAssert.Ok(DefinitionEdits.AddComponent(definition, page, ComponentType.Button, out _));
        ResultAssert.Ok(await Workspace.Versions.UpdateDefinitionAsync(Workspace.Admin, draft.Value.Summary.Id, draft.Value.Revision, definition));

        await ReleasedShopAsync();
        Server = await AppServer.StartOnAsync(Workspace.DatabasePath, Workspace.KeysDirectory, new Dictionary<string, string>
        {
            ["SignIn__AttemptsPerMinutePerIp"] = "1000",
            ["Circuits__PauseHiddenAfterSeconds"] = "1",
            ["Diagnostics__MemoryEndpoint"] = "true",
        });
        _playwright = await Playwright.CreateAsync();
        Browser = await BrowserFixture.LaunchChromiumAsync(_playwright);
    }

    /// <summary>"shop", released: a query on <see cref="Api"/> that runs when the page opens, a text bound to it, and an input.</summary>
    private async Task ReleasedShopAsync()
    {
        var sources = Workspace.Get<DataSourceService>();
        var source = ResultAssert.Ok(await sources.CreateAsync(Workspace.Admin, "stock", DataSourceKind.RestApi));
        foreach (var environment in Enum.GetValues<DeploymentEnvironment>())
        {
            ResultAssert.Ok(await sources.SaveSettingsAsync(Workspace.Admin, source, environment, new DataSourceSettingsInput(Api.BaseUrl, null, null, null)));
        }

        var shop = await Workspace.CreateAppAsync(Workspace.Admin, "Shop", "shop");
        var v1 = await Workspace.FirstVersionIdAsync(shop.Id);
        var detail = ResultAssert.Ok(await Workspace.Versions.GetAsync(Workspace.Admin, v1));
        var definition = ResultAssert.Ok(DefinitionEdits.AddQuery(detail.Definition, "items", "stock"));
        definition = ResultAssert.Ok(DefinitionEdits.SetQueryOption(definition, "items", QueryOptions.Path, "/items"));
        definition = ResultAssert.Ok(DefinitionEdits.SetQueryRunOnPageOpen(definition, "items", true));
        var page = definition.Pages[0].Id;
        definition = ResultAssert.Ok(DefinitionEdits.AddComponent(definition, page, ComponentType.TextInput, out _));
        definition = ResultAssert.Ok(DefinitionEdits.AddComponent(definition, page, ComponentType.Text, out var text));
        definition = ResultAssert.Ok(DefinitionEdits.SetProperty(definition, page, text!.Id, "text", "{{queries.items.data.0.name}} for {{components.textinput1.value}}"));
        ResultAssert.Ok(await Workspace.Versions.UpdateDefinitionAsync(Workspace.Admin, v1, detail.Revision, definition));
        await Workspace.SaveAndReleaseAsync(v1);
    }

    /// <summary>A new browser context signed in as the workspace's admin, at the given width.</summary>
    public async Task<IPage> SignedInAdminAsync(int width = 1280, int height = 900)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Server.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
        });
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        await Journeys.SignInAsync(page, TestWorkspace.AdminEmail, TestWorkspace.Password);
        await EditorPageObject.WaitUntilInteractiveAsync(page);
        return page;
    }

    /// <summary>The circuits the server holds now, and those connected (the measurement endpoint, on for this instance only).</summary>
    public async Task<(int Open, int Connected)> CircuitsAsync(IPage page)
    {
        var response = await page.APIRequest.GetAsync("/diagnostics/memory");
        var root = JsonDocument.Parse(await response.TextAsync()).RootElement;
        return (root.GetProperty("circuits").GetInt32(), root.GetProperty("connectedCircuits").GetInt32());
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright?.Dispose();
        await Server.DisposeAsync();
        await Workspace.DisposeAsync();
        await Api.DisposeAsync();
    }
}

/// <summary>Issue 9 in a real browser: long lists are paged and searched; a hidden tab lets go of its circuit and comes back.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class ScreensJourneyTests(ScreensFixture app) : IClassFixture<ScreensFixture>
{
    [Fact]
    public async Task The_apps_page_shows_a_page_of_apps_and_finds_one_by_name_or_address()
    {
        await AsAdminAsync(async page =>
        {
            await Expect(page.GetByTestId("app-count")).ToHaveTextAsync($"1–25 of {ScreensFixture.Apps} apps");
            await Expect(page.GetByTestId("app-list").Locator("tbody tr")).ToHaveCountAsync(25);

            await page.GetByLabel("Search apps").FillAsync("report-2");
            await Expect(page.GetByTestId("app-count")).ToHaveTextAsync("8 apps"); // report-20 … report-27
            await page.GetByLabel("Search apps").FillAsync("HISTORY");
            await Expect(page.GetByTestId("app-list").Locator("tbody tr")).ToHaveCountAsync(1);
            await page.GetByRole(AriaRole.Link, new() { Name = "Edit History" }).ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex("/apps/history/edit$"));
        });
    }

    [Fact]
    public async Task A_page_connects_its_circuit_by_WebSocket_without_asking_for_initializers_or_negotiating()
    {
        // Decision 038: the only requests before the circuit are the document and its assets; the circuit is a WebSocket
        await AsAdminAsync(async page =>
        {
            var requests = new List<string>();
            var sockets = new List<string>();
            page.Request += (_, request) => requests.Add(new Uri(request.Url).AbsolutePath);
            page.WebSocket += (_, socket) => sockets.Add(new Uri(socket.Url).AbsolutePath);

            await page.GotoAsync("/apps");
            await EditorPageObject.WaitUntilInteractiveAsync(page);
            await page.GetByLabel("Search apps").FillAsync("HISTORY"); // the circuit answers events
            await Expect(page.GetByTestId("app-list").Locator("tbody tr")).ToHaveCountAsync(1);
            await Journeys.PhotographAsync(page, "apps-searched");

            Assert.Equal(["/_blazor"], sockets);
            Assert.DoesNotContain(requests, path => path.StartsWith("/_blazor/", StringComparison.Ordinal));
        });
    }

    [Fact]
    public async Task The_version_list_shows_the_newest_versions_and_finds_an_older_one()
    {
        await AsAdminAsync(async page =>
        {
            await page.GotoAsync("/apps/history/edit");
            await EditorPageObject.WaitUntilInteractiveAsync(page);
            await Expect(page.GetByTestId("version-manager")).ToHaveTextAsync($"v{ScreensFixture.Versions}"); // the newest draft opens
            await page.GetByTestId("version-manager").ClickAsync();
            var list = page.GetByRole(AriaRole.Menu);
            await Expect(list.Locator("[data-testid^=version-item-]")).ToHaveCountAsync(20);
            await Expect(page.GetByTestId("version-more")).ToContainTextAsync($"20 of {ScreensFixture.Versions} shown");

            await page.GetByLabel("Find a version").FillAsync("v1");
            await Expect(list.Locator("[data-testid^=version-item-]")).ToHaveCountAsync(11); // v19 … v10, v1
            await page.GetByTestId("version-item-v1").ClickAsync();
            await Expect(page.GetByTestId("version-manager")).ToHaveTextAsync("v1");
        });
    }

    [Fact]
    public async Task The_audit_log_is_searched_on_the_server()
    {
        await AsAdminAsync(async page =>
        {
            await AppBar.OpenAsync(page, "admin-audit-link");
            await Expect(page).ToHaveURLAsync(new Regex("/admin/audit$"));
            await EditorPageObject.WaitUntilInteractiveAsync(page);
            await page.GetByLabel("Search the log").FillAsync("report 07");
            await Expect(page.GetByTestId("audit-row").First).ToContainTextAsync("Report 07");
            await Expect(page.GetByTestId("audit-row").Filter(new() { HasNotText = "Report 07" })).ToHaveCountAsync(0);
        });
    }

    [Fact]
    public async Task The_released_app_runs_its_page_open_query_once_not_again_in_the_circuit()
    {
        // Decision 035: the prerendering ran the query; the circuit takes its result instead of calling the source again.
        await AsAdminAsync(async page =>
        {
            var before = app.Api.Requests.Count(r => r.Path == "/items");
            await page.GotoAsync("/apps/shop");
            await EditorPageObject.WaitUntilInteractiveAsync(page);
            await Expect(page.GetByTestId("component-text1")).ToHaveTextAsync("widget for ");

            // A round trip through the circuit: by its answer, a query the circuit had started would have been received.
            await page.GetByTestId("component-textinput1").Locator("input").FillAsync("Ann");
            await Expect(page.GetByTestId("component-text1")).ToHaveTextAsync("widget for Ann");

            Assert.Equal(before + 1, app.Api.Requests.Count(r => r.Path == "/items"));
        });
    }

    [Fact]
    public async Task A_hidden_editor_tab_lets_go_of_its_circuit_and_reopens_the_same_version_when_shown()
    {
        await AsAdminAsync(async page =>
        {
            await page.GotoAsync("/apps/orders/edit");
            await EditorPageObject.WaitUntilInteractiveAsync(page);
            await Expect(page.GetByTestId("component-button1")).ToBeVisibleAsync();

            var before = await app.CircuitsAsync(page); // other tests' closed tabs may still be counted until they expire
            await SetVisibilityAsync(page, hidden: true);
            await WaitForCircuitsAsync(page, c => c.Connected == before.Connected - 1 && c.Open <= before.Open - 1);
            await SetVisibilityAsync(page, hidden: false);
            await WaitForCircuitsAsync(page, c => c.Connected == before.Connected);

            // The resumed circuit renders the editor again: a click selects, the property panel answers.
            await Expect(page.GetByTestId("version-manager")).ToHaveTextAsync("v1");
            await page.GetByTestId("component-button1").ClickAsync();
            await Expect(page.GetByTestId("property-panel")).ToContainTextAsync("button1");

            // App settings is a button that leaves the selected component for the app's own settings.
            await page.GetByRole(AriaRole.Button, new() { Name = "App settings", Exact = true }).ClickAsync();
            await Expect(page.GetByTestId("settings-panel")).ToBeVisibleAsync();
            await Expect(page.GetByTestId("property-panel")).ToHaveCountAsync(0);
        });
    }

    /// <summary>Runs a journey in a new browser context signed in as the admin, and closes it after.</summary>
    private async Task AsAdminAsync(Func<IPage, Task> journey)
    {
        var page = await app.SignedInAdminAsync();
        try
        {
            await journey(page);
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    /// <summary>What the browser does when the user switches to another tab and back (the Page Visibility API).</summary>
    private static Task SetVisibilityAsync(IPage page, bool hidden) =>
        page.EvaluateAsync(
            """
            hidden => {
              Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => hidden ? 'hidden' : 'visible' });
              Object.defineProperty(document, 'hidden', { configurable: true, get: () => hidden });
              document.dispatchEvent(new Event('visibilitychange'));
            }
            """, hidden);

    private async Task WaitForCircuitsAsync(IPage page, Func<(int Open, int Connected), bool> expected)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!expected(await app.CircuitsAsync(page)))
        {
            Assert.True(DateTime.UtcNow < deadline, $"The server holds {await app.CircuitsAsync(page)} circuits (open, connected).");
            await Task.Delay(100); // polling the server's own count: what is awaited has no sign in the page
        }
    }
}
