using Lifecycle.Data.Apps;
using AngleSharp.Dom;
using Bunit;
using Lifecycle.Data.Access;
using Lifecycle.Data.Environments;
using Lifecycle.Data.Versions;
using Lifecycle.Web.Features.Versions;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Lifecycle.Tests.Components;

/// <summary>The App Version Manager in the editor's header, over the real use cases. It renders the domain's VersionActions.</summary>
public sealed class VersionManagerTests
{
    private static readonly UserRights Admin = new(isAdmin: true, []);
    private static readonly UserRights Builder = new(false, [(Permission.EditApp, null), (Permission.PromoteToStaging, null)]);
    private static readonly UserRights Viewer = new(false, [(Permission.ViewApp, null)]);

    private static readonly string[] NextActionHooks = ["save-version", "promote-button", "release-button"];

    // SPEC T1: the pill names the open version, its state and its environment
    [Theory]
    [InlineData("v1", "Draft", "Development")]
    [InlineData("v2", "Released", "Production")]
    [InlineData("v3", "Saved", "Development")]
    public async Task Pill_shows_the_open_versions_name_state_and_environment(string name, string state, string environment)
    {
        await using var harness = await ComponentHarness.CreateAsync();
        var app = await harness.SeedAppWithEveryStateAsync();
        harness.RenderProviders();

        var cut = RenderManager(harness, app, app.Named(name), Admin);

        Assert.Equal(name, cut.Find("[data-testid=version-manager]").TextContent.Trim());
        Assert.Equal(state, cut.Find("[data-testid=version-state]").TextContent.Trim());
        Assert.Equal(environment, cut.Find("[data-testid=version-environment]").TextContent.Trim());
    }

    // SPEC V5, E2, V6 (issue 8): one primary button, the next step of the life cycle, per state
    [Theory]
    [InlineData("v1", "save-version", "Save version")]
    [InlineData("v3", "promote-button", "Promote to Staging")]
    [InlineData("v2", null, null)]
    public async Task Header_offers_the_single_next_action_of_the_open_versions_state(string name, string? hook, string? text)
    {
        await using var harness = await ComponentHarness.CreateAsync();
        var app = await harness.SeedAppWithEveryStateAsync();
        harness.RenderProviders();

        var cut = RenderManager(harness, app, app.Named(name), Admin);

        AssertSingleNextAction(cut, hook, text);
    }

    // SPEC V6: a saved version in production offers Release
    [Fact]
    public async Task Header_offers_release_for_a_saved_version_in_production()
    {
        await using var harness = await ComponentHarness.CreateAsync();
        var seeded = await harness.SeedAppWithEveryStateAsync();
        await PromoteToProductionAsync(harness, seeded.Named("v3").Id);
        var app = seeded with { Versions = await harness.ListVersionsAsync(seeded.AppId) };
        harness.RenderProviders();

        var cut = RenderManager(harness, app, app.Named("v3"), Admin);

        AssertSingleNextAction(cut, "release-button", "Release");
    }

    // SPEC A1, A2: the next action is offered only to who may take it
    [Theory]
    [InlineData("v1", "Builder", "save-version")]
    [InlineData("v3", "Builder", "promote-button")]
    [InlineData("v1", "Viewer", null)]
    [InlineData("v3", "Viewer", null)]
    public async Task Next_action_follows_the_users_rights(string name, string who, string? hook)
    {
        await using var harness = await ComponentHarness.CreateAsync();
        var app = await harness.SeedAppWithEveryStateAsync();
        harness.RenderProviders();

        var cut = RenderManager(harness, app, app.Named(name), who == "Builder" ? Builder : Viewer);

        AssertSingleNextAction(cut, hook, text: null);
    }

    // SPEC T1, V2: every version is one menu item (no control nested in it) with its state and who created and changed it
    [Fact]
    public async Task Version_list_has_one_item_per_version_with_state_creator_and_last_editor()
    {
        await using var harness = await ComponentHarness.CreateAsync();
        var app = await harness.SeedAppWithEveryStateAsync();
        var (popovers, _) = harness.RenderProviders();
        var cut = RenderManager(harness, app, app.Named("v1"), Admin);

        await OpenVersionListAsync(cut, popovers);

        foreach (var version in app.Versions)
        {
            var item = popovers.Find($"[role=menuitem][data-testid=version-item-{version.Name}]");
            Assert.Contains(version.State.ToString(), item.TextContent);
            Assert.Contains("Created by Admin", item.TextContent);
            Assert.Contains("changed by Admin", item.TextContent);
            Assert.Empty(item.QuerySelectorAll("button, a, input"));
        }
    }

    // SPEC T1
    [Fact]
    public async Task Clicking_a_version_in_the_list_asks_the_editor_to_open_it()
    {
        await using var harness = await ComponentHarness.CreateAsync();
        var app = await harness.SeedAppWithEveryStateAsync();
        var (popovers, _) = harness.RenderProviders();
        var opened = new List<int>();
        var cut = RenderManager(harness, app, app.Named("v1"), Admin, opened.Add);

        await OpenVersionListAsync(cut, popovers);
        await popovers.Find("[role=menuitem][data-testid=version-item-v2]").ClickAsync(new MouseEventArgs());

        Assert.Equal([app.Named("v2").Id], opened);
    }

    // SPEC T1, V9: "Rename NAME" for drafts, "Delete NAME" for all but the released version, in the overflow menu
    [Theory]
    [InlineData("v1", new[] { "Rename v1", "Delete v1" })]
    [InlineData("v2", new string[0])]
    [InlineData("v3", new[] { "Delete v3" })]
    public async Task Overflow_menu_offers_rename_and_delete_of_the_open_version_as_the_rules_allow(string name, string[] expected)
    {
        await using var harness = await ComponentHarness.CreateAsync();
        var app = await harness.SeedAppWithEveryStateAsync();
        var (popovers, _) = harness.RenderProviders();
        var cut = RenderManager(harness, app, app.Named(name), Admin);

        var items = await OpenOverflowAsync(cut, popovers);

        Assert.Equal(expected, items.Where(i => i.StartsWith("Rename", StringComparison.Ordinal) || i.StartsWith("Delete", StringComparison.Ordinal)));
        Assert.Contains("Releases", items);
    }

    // SPEC A1: without the edit right there is no create, rename or delete
    [Fact]
    public async Task Viewer_gets_no_create_rename_or_delete()
    {
        await using var harness = await ComponentHarness.CreateAsync();
        var app = await harness.SeedAppWithEveryStateAsync();
        var (popovers, _) = harness.RenderProviders();
        var cut = RenderManager(harness, app, app.Named("v1"), Viewer);

        var overflow = await OpenOverflowAsync(cut, popovers);
        Assert.DoesNotContain(overflow, i => i.StartsWith("Rename", StringComparison.Ordinal) || i.StartsWith("Delete", StringComparison.Ordinal));
        await OpenVersionListAsync(cut, popovers);
        Assert.Empty(popovers.FindAll("[data-testid=create-version]"));
    }

    // Issue 8: "Open released app" only when there is a release
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Open_released_app_is_offered_only_when_the_app_has_a_release(bool hasRelease)
    {
        await using var harness = await ComponentHarness.CreateAsync();
        var app = await harness.SeedAppWithEveryStateAsync();
        var (popovers, _) = harness.RenderProviders();
        var cut = RenderManager(harness, app, app.Named("v1"), Admin, hasRelease: hasRelease);

        var items = await OpenOverflowAsync(cut, popovers);

        Assert.Equal(hasRelease, items.Contains("Open released app"));
    }

    // SPEC V2: the modal's "from" defaults to the open version; the editor switches to the created version; a toast confirms it
    [Fact]
    public async Task Create_version_entry_creates_from_the_open_version_opens_it_and_confirms()
    {
        await using var harness = await ComponentHarness.CreateAsync();
        var app = await harness.SeedAppWithEveryStateAsync();
        var (popovers, dialogs) = harness.RenderProviders();
        var opened = new List<int>();
        var current = app.Named("v3");
        var cut = RenderManager(harness, app, current, Admin, opened.Add);

        await OpenVersionListAsync(cut, popovers);
        // Awaited at the end: the entry's handler runs until the modal closes. (A synchronous Click() blocked a thread
        // meanwhile, and once starved the dispatcher of the waits below in a parallel run.)
        var choosing = popovers.Find("[role=menuitem][data-testid=create-version]").ClickAsync(new MouseEventArgs());
        await dialogs.WaitForElementAsync("[data-testid=version-name]");
        Assert.Equal("v3 (Saved)", dialogs.Find("[data-testid=version-from]").TextContent.Trim());
        await dialogs.Find("[data-testid=version-name]").InputAsync(new ChangeEventArgs { Value = "v4" });
        await dialogs.Find("[data-testid=create-version-submit]").ClickAsync(new MouseEventArgs());

        await cut.WaitForAssertionAsync(() => Assert.Single(opened));
        await choosing;
        var created = await harness.LoadVersionRowAsync(opened[0]);
        Assert.Equal("v4", created.Name);
        Assert.Equal(current.Id, created.ParentVersionId);
        Assert.Contains(harness.Snackbar.ShownSnackbars, s => s.Message == "v4 is created from v3. You are editing it now.");
    }

    // Issue 12: the editor's render for a selection brings the header nothing new; drawing it again would only cost the
    // circuit a second frame buffer. A change of what it shows draws it.
    [Fact]
    public async Task A_parents_render_with_the_same_inputs_does_not_draw_the_manager_again_and_a_new_version_list_does()
    {
        await using var harness = await ComponentHarness.CreateAsync();
        var app = await harness.SeedAppWithEveryStateAsync();
        harness.RenderProviders();
        var cut = RenderManager(harness, app, app.Named("v1"), Admin);
        var rendered = cut.RenderCount;

        cut.Render(parameters => parameters.Add(p => p.OnChanged, () => { }).Add(p => p.Current, app.Named("v1") with { }));
        Assert.Equal(rendered, cut.RenderCount);

        cut.Render(parameters => parameters.Add(p => p.Versions, app.Versions.Where(v => v.Name != "v3").ToList()));
        Assert.True(cut.RenderCount > rendered); // bUnit counts the renders of the component and of its children

        rendered = cut.RenderCount;
        await cut.Find("button[aria-label='More actions']").ClickAsync(new MouseEventArgs()); // its own events still draw it
        Assert.True(cut.RenderCount > rendered);
    }

    private static void AssertSingleNextAction(IRenderedComponent<VersionManager> cut, string? hook, string? text)
    {
        var offered = NextActionHooks.Where(h => cut.FindAll($"[data-testid={h}]").Count == 1).ToList();
        Assert.Equal(hook is null ? [] : [hook], offered);
        if (hook is not null && text is not null)
        {
            Assert.Equal(text, cut.Find($"[data-testid={hook}]").TextContent.Trim());
        }
    }

    private static async Task PromoteToProductionAsync(ComponentHarness harness, int versionId)
    {
        var promotions = harness.Context.Services.GetRequiredService<PromotionService>();
        Assert.True((await promotions.PromoteAsync(harness.Admin, versionId, DeploymentEnvironment.Staging)).IsSuccess);
        Assert.True((await promotions.PromoteAsync(harness.Admin, versionId, DeploymentEnvironment.Production)).IsSuccess);
    }

    private static IRenderedComponent<VersionManager> RenderManager(
        ComponentHarness harness, SeededApp app, VersionSummary current, UserRights rights, Action<int>? onOpenVersion = null, bool hasRelease = true) =>
        harness.Context.Render<VersionManager>(parameters => parameters
            .Add(p => p.App, new AppSummary(app.AppId, "Orders", "orders", hasRelease ? current.Id : null, hasRelease ? current.Name : null))
            .Add(p => p.Versions, app.Versions)
            .Add(p => p.Current, current)
            .Add(p => p.Rights, rights)
            .Add(p => p.OnOpenVersion, onOpenVersion ?? (_ => { }))
            .Add(p => p.OnChanged, () => { }));

    /// <summary>Clicks the pill as a user would and returns once the list shows its items.</summary>
    private static async Task OpenVersionListAsync(IRenderedComponent<VersionManager> cut, IRenderedComponent<MudPopoverProvider> popovers)
    {
        await cut.Find(".lc-version-pill").ClickAsync(new MouseEventArgs());
        await popovers.WaitForElementAsync("[role=menu] [data-testid^=version-item-]");
    }

    /// <summary>Opens the overflow menu and returns its entries' text.</summary>
    private static async Task<IReadOnlyList<string>> OpenOverflowAsync(IRenderedComponent<VersionManager> cut, IRenderedComponent<MudPopoverProvider> popovers)
    {
        await cut.Find("button[aria-label='More actions']").ClickAsync(new MouseEventArgs());
        await popovers.WaitForElementAsync("[role=menu] [data-testid=releases-link]");
        return [.. popovers.FindAll("[role=menu] [role=menuitem]").Select(i => i.TextContent.Trim())];
    }
}
