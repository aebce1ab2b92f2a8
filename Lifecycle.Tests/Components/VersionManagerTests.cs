using AngleSharp.Dom;
using Bunit;
using Lifecycle.Data.Environments;
using Lifecycle.Data.Versions;
using Lifecycle.Web.Features.Versions;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;

namespace Lifecycle.Tests.Components;

/// <summary>The App Version Manager (the version dropdown at the editor's top right), over the real use cases.</summary>
public sealed class VersionManagerTests
{
    // SPEC T1
    [Theory]
    [InlineData("v1", "Draft")]
    [InlineData("v2", "Released")]
    [InlineData("v3", "Saved")]
    public async Task Activator_shows_the_open_version_and_the_badge_its_state(string name, string state)
    {
        await using var harness = await ComponentHarness.CreateAsync();
        var app = await harness.SeedAppWithEveryStateAsync();
        harness.RenderProviders();

        var cut = RenderManager(harness, app, app.Named(name), canEdit: true, canRelease: true);

        Assert.Equal(name, cut.Find("[data-testid=version-manager]").TextContent.Trim());
        Assert.Equal(state, cut.Find("[data-testid=version-state]").TextContent.Trim());
    }

    // SPEC T1, SPEC V2 (the dropdown lists every version with its state)
    [Fact]
    public async Task Menu_lists_every_version_as_a_menu_item_with_its_name_and_state()
    {
        await using var harness = await ComponentHarness.CreateAsync();
        var app = await harness.SeedAppWithEveryStateAsync();
        var (popovers, _) = harness.RenderProviders();
        var cut = RenderManager(harness, app, app.Named("v1"), canEdit: true, canRelease: true);

        var items = await OpenMenuAsync(cut, popovers);

        var versionItems = items.Where(i => i.GetAttribute("data-testid") != "create-version").ToList();
        Assert.Equal(app.Versions.Count, versionItems.Count);
        foreach (var version in app.Versions)
        {
            var item = Assert.Single(versionItems, i => i.QuerySelector("p.mud-typography-body2")?.TextContent.Trim() == version.Name);
            Assert.Contains(version.State.ToString(), item.TextContent);
        }
    }

    // SPEC T1, SPEC V9: rename for drafts only; delete for every version but the released one
    [Fact]
    public async Task Rename_and_delete_actions_are_named_after_the_version_and_follow_its_state()
    {
        await using var harness = await ComponentHarness.CreateAsync();
        var app = await harness.SeedAppWithEveryStateAsync();
        var (popovers, _) = harness.RenderProviders();
        var cut = RenderManager(harness, app, app.Named("v1"), canEdit: true, canRelease: true);

        await OpenMenuAsync(cut, popovers);

        Assert.Equal(["Rename v1"], ActionLabels(popovers, "Rename "));
        Assert.Equal(["Delete v1", "Delete v3"], ActionLabels(popovers, "Delete "));
    }

    // SPEC T1, SPEC A1: without the edit right the dropdown offers no rename or delete
    [Fact]
    public async Task Rename_and_delete_actions_are_hidden_without_the_edit_right()
    {
        await using var harness = await ComponentHarness.CreateAsync();
        var app = await harness.SeedAppWithEveryStateAsync();
        var (popovers, _) = harness.RenderProviders();
        var cut = RenderManager(harness, app, app.Named("v1"), canEdit: false, canRelease: false);

        var items = await OpenMenuAsync(cut, popovers);

        Assert.Equal(app.Versions.Count, items.Count);
        Assert.Empty(ActionLabels(popovers, "Rename "));
        Assert.Empty(ActionLabels(popovers, "Delete "));
    }

    // SPEC T1
    [Fact]
    public async Task Clicking_a_version_in_the_menu_asks_the_editor_to_open_it()
    {
        await using var harness = await ComponentHarness.CreateAsync();
        var app = await harness.SeedAppWithEveryStateAsync();
        var (popovers, _) = harness.RenderProviders();
        var opened = new List<int>();
        var cut = RenderManager(harness, app, app.Named("v1"), canEdit: true, canRelease: true, opened.Add);

        await OpenMenuAsync(cut, popovers);
        await popovers.Find("[role=menuitem][data-testid=version-item-v2]").ClickAsync(new MouseEventArgs());

        Assert.Equal([app.Named("v2").Id], opened);
    }

    // SPEC T1, SPEC V5: only a draft can be saved, by a user who may edit the app
    [Theory]
    [InlineData(DisplayedVersionState.Draft, true, true)]
    [InlineData(DisplayedVersionState.Draft, false, false)]
    [InlineData(DisplayedVersionState.Saved, true, false)]
    [InlineData(DisplayedVersionState.Released, true, false)]
    public async Task Save_version_button_is_offered_for_a_draft_when_the_user_may_edit(DisplayedVersionState state, bool canEdit, bool offered)
    {
        await using var harness = await ComponentHarness.CreateAsync();
        var app = await harness.SeedAppWithEveryStateAsync();
        harness.RenderProviders();

        var cut = RenderManager(harness, app, app.InState(state), canEdit, canRelease: true);

        Assert.Equal(offered, cut.FindAll("[data-testid=save-version]").Count == 1);
    }

    // SPEC T1, SPEC V6: only a saved version that is not already released can be released, by a user who may release
    [Theory]
    [InlineData(DisplayedVersionState.Saved, true, true)]
    [InlineData(DisplayedVersionState.Saved, false, false)]
    [InlineData(DisplayedVersionState.Draft, true, false)]
    [InlineData(DisplayedVersionState.Released, true, false)]
    public async Task Release_button_is_offered_for_a_saved_version_when_the_user_may_release(DisplayedVersionState state, bool canRelease, bool offered)
    {
        await using var harness = await ComponentHarness.CreateAsync();
        var app = await harness.SeedAppWithEveryStateAsync();
        harness.RenderProviders();

        var cut = RenderManager(harness, app, app.InState(state), canEdit: true, canRelease);

        Assert.Equal(offered, cut.FindAll("[data-testid=release-button]").Count == 1);
    }

    // SPEC E2, V6: a saved version outside production offers the next promotion; Release is disabled and says why
    [Fact]
    public async Task Saved_version_in_development_offers_promotion_and_explains_the_disabled_release()
    {
        await using var harness = await ComponentHarness.CreateAsync();
        var app = await harness.SeedAppWithEveryStateAsync();
        harness.RenderProviders();

        var cut = RenderManager(harness, app, app.InState(DisplayedVersionState.Saved), canEdit: true, canRelease: true, canPromote: _ => true);

        Assert.Equal("Promote to Staging", cut.Find("[data-testid=promote-button]").TextContent.Trim());
        Assert.True(cut.Find("[data-testid=release-button]").HasAttribute("disabled"));
        Assert.Equal("Promote to production to release", cut.Find("[data-testid=release-hint]").TextContent.Trim());
        Assert.Equal("Development", cut.Find("[data-testid=version-environment]").TextContent.Trim());
    }

    // SPEC E2, A2: no promotion of drafts, and none for users who may not promote
    [Theory]
    [InlineData(DisplayedVersionState.Draft, true)]
    [InlineData(DisplayedVersionState.Saved, false)]
    public async Task Promote_button_is_not_offered_for_drafts_or_without_the_permission(DisplayedVersionState state, bool mayPromote)
    {
        await using var harness = await ComponentHarness.CreateAsync();
        var app = await harness.SeedAppWithEveryStateAsync();
        harness.RenderProviders();

        var cut = RenderManager(harness, app, app.InState(state), canEdit: true, canRelease: true, canPromote: _ => mayPromote);

        Assert.Empty(cut.FindAll("[data-testid=promote-button]"));
    }

    // SPEC T1
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Create_version_entry_is_in_the_menu_only_when_the_user_may_edit(bool canEdit)
    {
        await using var harness = await ComponentHarness.CreateAsync();
        var app = await harness.SeedAppWithEveryStateAsync();
        var (popovers, _) = harness.RenderProviders();
        var cut = RenderManager(harness, app, app.Named("v1"), canEdit, canRelease: true);

        var items = await OpenMenuAsync(cut, popovers);

        var entries = items.Where(i => i.GetAttribute("data-testid") == "create-version").ToList();
        Assert.Equal(canEdit ? 1 : 0, entries.Count);
    }

    // SPEC V2: the modal's "from" defaults to the open version; the editor switches to the created version
    [Fact]
    public async Task Create_version_entry_creates_from_the_open_version_and_opens_the_new_one()
    {
        await using var harness = await ComponentHarness.CreateAsync();
        var app = await harness.SeedAppWithEveryStateAsync();
        var (popovers, dialogs) = harness.RenderProviders();
        var opened = new List<int>();
        var current = app.Named("v3");
        var cut = RenderManager(harness, app, current, canEdit: true, canRelease: true, opened.Add);

        await OpenMenuAsync(cut, popovers);
        // Not awaited: the entry's handler runs until the modal closes.
        popovers.Find("[role=menuitem][data-testid=create-version]").Click();
        await dialogs.WaitForElementAsync("[data-testid=version-name]");
        Assert.Equal("v3 (Saved)", dialogs.Find("[data-testid=version-from]").TextContent.Trim());
        await dialogs.Find("[data-testid=version-name]").InputAsync(new ChangeEventArgs { Value = "v4" });
        await dialogs.Find("[data-testid=create-version-submit]").ClickAsync(new MouseEventArgs());

        await cut.WaitForAssertionAsync(() => Assert.Single(opened));
        var created = await harness.LoadVersionRowAsync(opened[0]);
        Assert.Equal("v4", created.Name);
        Assert.Equal(current.Id, created.ParentVersionId);
        Assert.Equal(VersionState.Draft, created.State);
    }

    private static IRenderedComponent<VersionManager> RenderManager(
        ComponentHarness harness, SeededApp app, VersionSummary current, bool canEdit, bool canRelease, Action<int>? onOpenVersion = null, Func<DeploymentEnvironment, bool>? canPromote = null) =>
        harness.Context.Render<VersionManager>(parameters => parameters
            .Add(p => p.AppId, app.AppId)
            .Add(p => p.CanPromote, canPromote ?? (_ => false))
            .Add(p => p.Versions, app.Versions)
            .Add(p => p.Current, current)
            .Add(p => p.CanEdit, canEdit)
            .Add(p => p.CanRelease, canRelease)
            .Add(p => p.OnOpenVersion, onOpenVersion ?? (_ => { }))
            .Add(p => p.OnChanged, () => { }));

    /// <summary>Clicks the activator as a user would and returns the menu's items once the popover shows them.</summary>
    private static async Task<IReadOnlyList<IElement>> OpenMenuAsync(IRenderedComponent<VersionManager> cut, IRenderedComponent<MudPopoverProvider> popovers)
    {
        await cut.Find("[data-testid=version-manager]").ClickAsync(new MouseEventArgs());
        await popovers.WaitForElementAsync("[role=menu] [role=menuitem]");
        return [.. popovers.FindAll("[role=menu] [role=menuitem]")];
    }

    private static List<string> ActionLabels(IRenderedComponent<MudPopoverProvider> popovers, string prefix) =>
        [.. popovers.FindAll("[role=menuitem] button[aria-label]")
            .Select(b => b.GetAttribute("aria-label")!)
            .Where(label => label.StartsWith(prefix, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)];
}
