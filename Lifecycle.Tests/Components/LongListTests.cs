using Bunit;
using Lifecycle.Data.Environments;
using Lifecycle.Data.Versions;
using Lifecycle.Web.Features.Apps;
using Lifecycle.Web.Features.Versions;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;
using MudBlazor.Services;

namespace Lifecycle.Tests.Components;

/// <summary>Issue 9: long lists show one page at a time and are searched on the server.</summary>
public sealed class LongListTests
{
    [Fact]
    public async Task The_apps_page_shows_one_page_and_finds_an_app_by_name_or_address()
    {
        await using var harness = await ComponentHarness.CreateAsync();
        for (var i = 1; i <= 30; i++)
        {
            await harness.CreateAppAsync($"App {i:D2}", $"app-{i:D2}");
        }

        harness.Context.SetRendererInfo(new RendererInfo("Server", isInteractive: true)); // a page, as in a circuit
        var page = harness.Context.Render<AppsPage>();
        page.WaitForAssertion(() => Assert.Equal(25, page.FindAll("[data-testid=app-list] tbody tr").Count));
        Assert.Equal("1–25 of 30 apps", page.Find("[data-testid=app-count]").TextContent.Trim());
        Assert.NotNull(page.Find("[data-testid=apps-pager]"));

        await page.Find("[data-testid=app-search]").InputAsync(new() { Value = "APP-27" });

        page.WaitForAssertion(() => Assert.Equal(["app-app-27"], page.FindAll("[data-testid=app-list] tbody tr").Select(r => r.GetAttribute("data-testid"))), TimeSpan.FromSeconds(5));
        Assert.Equal("1 app", page.Find("[data-testid=app-count]").TextContent.Trim());
        Assert.Empty(page.FindAll("[data-testid=apps-pager]"));
    }

    [Fact]
    public async Task The_apps_page_says_when_no_app_matches()
    {
        await using var harness = await ComponentHarness.CreateAsync();
        await harness.CreateAppAsync("Orders", "orders");

        harness.Context.SetRendererInfo(new RendererInfo("Server", isInteractive: true)); // a page, as in a circuit
        var page = harness.Context.Render<AppsPage>();
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=app-list] tbody tr")));
        await page.Find("[data-testid=app-search]").InputAsync(new() { Value = "payroll" });

        page.WaitForAssertion(() => Assert.Equal("No app matches “payroll”.", page.Find("[data-testid=no-apps-match]").TextContent.Trim()), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task The_version_list_shows_the_newest_twenty_and_more_on_request()
    {
        await using var ctx = NewContext();
        var popovers = await OpenVersionPillAsync(ctx, versions: 45);
        popovers.WaitForAssertion(() => Assert.Equal(20, Listed(popovers).Length));
        Assert.Equal(["v45", "v44"], Listed(popovers)[..2]);
        Assert.Contains("20 of 45 shown", popovers.Find("[data-testid=version-more]").TextContent);

        await popovers.Find("[data-testid=version-more]").ClickAsync(new MouseEventArgs());

        popovers.WaitForAssertion(() => Assert.Equal(40, Listed(popovers).Length));
        Assert.Contains("40 of 45 shown", popovers.Find("[data-testid=version-more]").TextContent);
    }

    [Fact]
    public async Task The_version_list_finds_versions_by_name()
    {
        await using var ctx = NewContext();
        var popovers = await OpenVersionPillAsync(ctx, versions: 45);
        popovers.WaitForAssertion(() => Assert.Equal(20, Listed(popovers).Length));

        await popovers.Find("[data-testid=version-search]").InputAsync(new() { Value = "V4" });

        popovers.WaitForAssertion(() => Assert.Equal(["v45", "v44", "v43", "v42", "v41", "v40", "v4"], Listed(popovers)), TimeSpan.FromSeconds(5));
        Assert.Empty(popovers.FindAll("[data-testid=version-more]"));
        await popovers.Find("[data-testid=version-search]").InputAsync(new() { Value = "nothing like it" });
        popovers.WaitForAssertion(() => Assert.NotNull(popovers.Find("[data-testid=version-none]")), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task A_short_version_list_has_no_search_and_shows_every_version()
    {
        await using var ctx = NewContext();

        var popovers = await OpenVersionPillAsync(ctx, versions: 3);

        popovers.WaitForAssertion(() => Assert.Equal(["v3", "v2", "v1"], Listed(popovers)));
        Assert.Empty(popovers.FindAll("[data-testid=version-search]"));
    }

    private static BunitContext NewContext()
    {
        var ctx = new BunitContext();
        ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        ctx.Services.AddMudServices();
        return ctx;
    }

    /// <summary>The version pill of a draft with <paramref name="versions"/> versions (v1 to vN), clicked open; its menu is in the popovers.</summary>
    private static async Task<IRenderedComponent<MudPopoverProvider>> OpenVersionPillAsync(BunitContext ctx, int versions)
    {
        var popovers = ctx.Render<MudPopoverProvider>();
        var summaries = Versions(versions);
        var pill = ctx.Render<VersionPill>(p => p.Add(x => x.Versions, summaries).Add(x => x.Current, summaries[0]).Add(x => x.OnOpenVersion, _ => { }).Add(x => x.OnCreate, () => { }));
        await pill.Find(".lc-version-pill").ClickAsync(new MouseEventArgs());
        return popovers;
    }

    private static List<VersionSummary> Versions(int count) =>
        [.. Enumerable.Range(1, count).Select(i => new VersionSummary(i, 1, $"v{i}", DisplayedVersionState.Draft, DeploymentEnvironment.Development, null, null,
            DateTime.UnixEpoch.AddDays(i), "Ada", DateTime.UnixEpoch.AddDays(i), "Ada"))];

    private static string[] Listed(IRenderedComponent<MudPopoverProvider> popovers) =>
        [.. popovers.FindAll("[role=menu] [data-testid^=version-item-]").Select(i => i.GetAttribute("data-testid")!["version-item-".Length..])];
}
