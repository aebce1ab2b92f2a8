using Bunit;
using Lifecycle.Data.Access;
using Lifecycle.Data.Versions;
using Lifecycle.Web.Features.Sharing;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;

namespace Lifecycle.Tests.Components;

/// <summary>Issue 10: the Share dialog, opened as the editor opens it, over the real use cases.</summary>
public sealed class ShareDialogTests
{
    // SPEC S2, S4: before the first release there is nothing to share; a preview link instead
    [Fact]
    public async Task Before_the_first_release_it_says_so_and_offers_a_preview_link_but_no_switches()
    {
        await using var harness = await ComponentHarness.CreateAsync();
        var app = await harness.CreateAppAsync();
        var v1 = (await harness.ListVersionsAsync(app.Id)).Single();
        var (_, dialogs) = harness.RenderProviders();

        await OpenAsync(harness, dialogs, app.Id, v1);

        Assert.Contains("Orders is not released yet", dialogs.Find("[data-testid=share-not-released]").TextContent);
        Assert.Equal($"http://localhost/apps/orders/preview?version={v1.Id}&environment=development", dialogs.Find("[data-testid=share-preview-link]").GetAttribute("value"));
        Assert.Empty(dialogs.FindAll("[data-testid=share-url]"));
        Assert.Empty(dialogs.FindAll("[data-testid=share-public]"));
        Assert.Empty(dialogs.FindAll("[data-testid=share-embed-snippet]"));
    }

    // SPEC S1, decision 027: a builder sees the address but may not change it, nor visibility nor maintenance
    [Fact]
    public async Task A_builder_sees_the_address_and_switches_but_may_change_none_of_them()
    {
        await using var harness = await ComponentHarness.CreateAsync();
        var seeded = await harness.SeedAppWithEveryStateAsync();
        harness.SignInAs(await harness.AddUserAsync("Bea Builder", Group.BuildersId));
        var (_, dialogs) = harness.RenderProviders();

        await OpenAsync(harness, dialogs, seeded.AppId, seeded.Named("v1"));

        Assert.Equal("http://localhost/apps/orders", dialogs.Find("[data-testid=share-url]").GetAttribute("value"));
        Assert.True(dialogs.Find("[data-testid=share-slug]").HasAttribute("disabled"));
        Assert.Empty(dialogs.FindAll("[data-testid=share-slug-save]"));
        Assert.All(dialogs.FindAll("input[type=checkbox]"), box => Assert.True(box.HasAttribute("disabled")));
        Assert.Equal(Lifecycle.Data.Sharing.SharingService.ReleasersOnly, dialogs.Find("[data-testid=share-read-only]").TextContent.Trim());
        Assert.Equal(["share-preview-development", "share-preview-staging"], dialogs.FindAll("a[data-testid^=share-preview-]").Select(l => l.GetAttribute("data-testid")));
    }

    // SPEC S1: a refused slug stays in the field with the rule under it; an accepted one moves the editor
    [Fact]
    public async Task A_refused_slug_shows_the_rule_next_to_the_field_and_a_new_one_is_reported_to_the_editor()
    {
        await using var harness = await ComponentHarness.CreateAsync();
        var seeded = await harness.SeedAppWithEveryStateAsync();
        await harness.CreateAppAsync("Stock", "stock");
        var (_, dialogs) = harness.RenderProviders();
        string? followed = null;
        await OpenAsync(harness, dialogs, seeded.AppId, seeded.Named("v2"), slug => followed = slug);

        await ChangeSlugAsync(dialogs, "stock");
        await dialogs.WaitForAssertionAsync(() => Assert.Contains("The slug stock is taken by another app.", dialogs.Find(".mud-input-helper-text.mud-input-error").TextContent));
        Assert.Equal("stock", dialogs.Find("[data-testid=share-slug]").GetAttribute("value"));
        Assert.Null(followed);

        await ChangeSlugAsync(dialogs, "shop");
        await dialogs.WaitForAssertionAsync(() => Assert.Equal("shop", followed));
        Assert.Equal("http://localhost/apps/shop", dialogs.Find("[data-testid=share-url]").GetAttribute("value"));
    }

    private static async Task OpenAsync(ComponentHarness harness, IRenderedComponent<MudDialogProvider> dialogs, int appId, VersionSummary version, Action<string>? onSlugChanged = null)
    {
        var parameters = new DialogParameters<ShareDialog>
        {
            { d => d.AppId, appId },
            { d => d.Version, version },
            { d => d.OnSlugChanged, EventCallback.Factory.Create(new object(), onSlugChanged ?? (_ => { })) },
        };
        // A statement lambda: InvokeAsync must not await the dialog, which ends only when it closes.
        await dialogs.InvokeAsync(() => { _ = harness.Dialogs.ShowAsync<ShareDialog>("Share", parameters); });
        await dialogs.WaitForElementAsync("[data-testid=share-slug]");
    }

    private static async Task ChangeSlugAsync(IRenderedComponent<MudDialogProvider> dialogs, string slug)
    {
        await dialogs.Find("[data-testid=share-slug]").InputAsync(new ChangeEventArgs { Value = slug });
        await dialogs.Find("[data-testid=share-slug-save]").ClickAsync(new MouseEventArgs());
    }
}
