using Lifecycle.Data.Access;
using Lifecycle.Data.Audit;
using Lifecycle.Data.Common;
using Lifecycle.Data.Sharing;
using Lifecycle.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Lifecycle.Tests.Integration.Sharing;

/// <summary>SPEC S1 (decision 028): slugs can change; an old address leads to its app for 90 days, never to another app.</summary>
public sealed class SlugTests
{
    [Fact]
    public async Task S1_SlugRulesAreCheckedOnChangeAndARefusalChangesNothing()
    {
        // SPEC S1
        await using var workspace = await TestWorkspace.StartAsync();
        var orders = await workspace.CreateAppAsync(workspace.Admin, "Orders", "orders");
        await workspace.CreateAppAsync(workspace.Admin, "Stock", "stock");
        var sharing = workspace.Get<SharingService>();

        foreach (var bad in new[] { "", "ab", "Orders", "new orders", "-orders", "orders-", new string('a', 51), "orders\n", "stock", "orders" })
        {
            ResultAssert.Failed(ResultStatus.Invalid, await sharing.ChangeSlugAsync(workspace.Admin, orders.Id, bad), "slug");
        }

        Assert.Equal("orders", (await workspace.AppRowAsync(orders.Id)).Slug);
        var taken = await sharing.ChangeSlugAsync(workspace.Admin, orders.Id, "stock");
        Assert.Equal("The slug stock is taken by another app.", taken.Error);

        ResultAssert.Ok(await sharing.ChangeSlugAsync(workspace.Admin, orders.Id, " shop-orders "));
        Assert.Equal("shop-orders", (await workspace.AppRowAsync(orders.Id)).Slug);
        var audited = (await workspace.AuditEntriesAsync()).Last(e => e.Action == AuditActions.AppSlugChanged && e.Outcome == AuditOutcome.Allowed);
        Assert.Equal(("From /apps/orders to /apps/shop-orders.", orders.Id), (audited.Details, audited.AppId));
    }

    [Fact]
    public async Task S1_AnOldAddressLeadsToTheAppUntilAnotherAppTakesIt()
    {
        // SPEC S1, decision 028: even after a second change, and never to the app that took the slug
        await using var workspace = await TestWorkspace.StartAsync();
        await workspace.AddStockSourceAsync();
        var (orders, _) = await workspace.ReleasedAppAsync("Orders", "orders");
        var sharing = workspace.Get<SharingService>();
        ResultAssert.Ok(await sharing.ChangeSlugAsync(workspace.Admin, orders, "orders-2"));
        ResultAssert.Ok(await sharing.ChangeSlugAsync(workspace.Admin, orders, "orders-3"));

        Assert.Equal("orders-3", ResultAssert.Ok(await workspace.ReleasedApps.OpenAsync(workspace.Admin, "orders")).MovedTo);
        Assert.Equal("orders-3", ResultAssert.Ok(await workspace.ReleasedApps.OpenAsync(workspace.Admin, "orders-2")).MovedTo);
        Assert.Equal("orders-3", ResultAssert.Ok(await workspace.Apps.FindBySlugAsync(workspace.Admin, "orders")).Slug); // the editor's old address too
        var here = ResultAssert.Ok(await workspace.ReleasedApps.OpenAsync(workspace.Admin, "orders-3"));
        Assert.Null(here.MovedTo);
        Assert.NotNull(here.Definition);

        var newcomer = await workspace.CreateAppAsync(workspace.Admin, "New orders", "orders");
        var taken = ResultAssert.Ok(await workspace.ReleasedApps.OpenAsync(workspace.Admin, "orders"));
        Assert.Equal((newcomer.Id, null), (taken.AppId, taken.MovedTo));

        // The old owner may take back an address that still leads to it.
        ResultAssert.Ok(await sharing.ChangeSlugAsync(workspace.Admin, orders, "orders-2"));
        Assert.Null(ResultAssert.Ok(await workspace.ReleasedApps.OpenAsync(workspace.Admin, "orders-2")).MovedTo);
        Assert.Equal("orders-2", ResultAssert.Ok(await workspace.ReleasedApps.OpenAsync(workspace.Admin, "orders-3")).MovedTo);
    }

    [Fact]
    public async Task S1_AnOldAddressEndsAfterNinetyDays()
    {
        // SPEC S1, decision 028
        var clock = new ManualClock();
        await using var workspace = await TestWorkspace.StartAsync(services => services.AddSingleton<TimeProvider>(clock));
        var orders = await workspace.CreateAppAsync(workspace.Admin, "Orders", "orders");
        ResultAssert.Ok(await workspace.Get<SharingService>().ChangeSlugAsync(workspace.Admin, orders.Id, "shop"));

        clock.Advance(SlugRedirect.Lifetime - TimeSpan.FromMinutes(1));
        Assert.Equal("shop", ResultAssert.Ok(await workspace.ReleasedApps.OpenAsync(workspace.Admin, "orders")).MovedTo);
        clock.Advance(TimeSpan.FromMinutes(2));
        ResultAssert.Failed(ResultStatus.NotFound, await workspace.ReleasedApps.OpenAsync(workspace.Admin, "orders"));
    }

    [Fact]
    public async Task S1_AnOldAddressOfAPrivateAppTellsNothingToWhoMayNotOpenIt()
    {
        // SPEC S1, S2, decision 028: no new address for a visitor or a user without View, only the usual refusal
        await using var workspace = await TestWorkspace.StartAsync();
        await workspace.AddStockSourceAsync();
        var (orders, _) = await workspace.ReleasedAppAsync("Orders", "orders");
        var (other, _) = await workspace.ReleasedAppAsync("Other", "other");
        ResultAssert.Ok(await workspace.Get<SharingService>().ChangeSlugAsync(workspace.Admin, orders, "secret-orders"));
        var outsider = await workspace.AddUserAsync("Otto Outsider", await workspace.CreateGroupAsync("Other viewers", (Permission.ViewApp, other)));
        var viewer = await workspace.AddEndUserAsync("Eve Viewer");

        foreach (var refused in new[] { await workspace.ReleasedApps.OpenAsync(null, "orders"), await workspace.ReleasedApps.OpenAsync(outsider, "orders") })
        {
            ResultAssert.Failed(ResultStatus.Forbidden, refused);
            Assert.Null(refused.Value);
            Assert.DoesNotContain("secret", refused.Error);
        }

        Assert.Equal("secret-orders", ResultAssert.Ok(await workspace.ReleasedApps.OpenAsync(viewer, "orders")).MovedTo);
    }

    [Fact]
    public async Task S1_OnlyWhoMayReleaseTheAppChangesItsAddressAndARefusalIsAudited()
    {
        // SPEC S1, A4, decision 027
        await using var workspace = await TestWorkspace.StartAsync();
        var orders = await workspace.CreateAppAsync(workspace.Admin, "Orders", "orders");
        var builder = await workspace.AddBuilderAsync("Bea Builder");

        var refused = await workspace.Get<SharingService>().ChangeSlugAsync(builder, orders.Id, "mine");

        ResultAssert.Failed(ResultStatus.Forbidden, refused);
        Assert.Equal(SharingService.ReleasersOnly, refused.Error);
        Assert.Equal("orders", (await workspace.AppRowAsync(orders.Id)).Slug);
        Assert.Contains(await workspace.AuditEntriesAsync(), e => e.Action == AuditActions.AppSlugChanged && e.Outcome == AuditOutcome.Refused && e.UserId == builder.UserId);
    }
}
