using Lifecycle.Data.Common;
using Lifecycle.Tests.Support;

namespace Lifecycle.Tests.Integration;

/// <summary>The apps page's queries and app creation on a real SQLite file (SPEC S1, A1).</summary>
public sealed class AppCatalogTests
{
    [Fact]
    public async Task S1_ListShowsAppsByNameWithTheirReleasedVersion()
    {
        await using var workspace = await TestWorkspace.StartAsync();
        var zebra = await workspace.CreateAppAsync(workspace.Admin, "Zebra", "zebra");
        await workspace.CreateAppAsync(workspace.Admin, "Alpha", "alpha");
        var v1 = await workspace.FirstVersionIdAsync(zebra.Id);
        var saved = await workspace.CreateProductionVersionAsync(workspace.Admin, zebra.Id, "v2", v1);
        ResultAssert.Ok(await workspace.Releases.ReleaseAsync(workspace.Admin, saved, null));

        var apps = await workspace.Apps.ListAsync(workspace.Admin);

        Assert.Equal(["Alpha", "Zebra"], apps.Select(a => a.Name));
        Assert.Null(apps[0].ReleasedVersionName);
        Assert.Equal("v2", apps[1].ReleasedVersionName);
    }

    [Fact]
    public async Task S1_FindBySlugReturnsTheAppOrNotFound()
    {
        await using var workspace = await TestWorkspace.StartAsync();
        var created = await workspace.CreateAppAsync(workspace.Admin, "Orders", "orders");

        var found = ResultAssert.Ok(await workspace.Apps.FindBySlugAsync(workspace.Admin, "orders"));
        Assert.Equal(created.Id, found.Id);
        ResultAssert.Failed(ResultStatus.NotFound, await workspace.Apps.FindBySlugAsync(workspace.Admin, "missing"));
    }

    [Fact]
    public async Task S1_SlugMustBeValidAndUnique()
    {
        await using var workspace = await TestWorkspace.StartAsync();
        await workspace.CreateAppAsync(workspace.Admin, "Orders", "orders");

        var taken = await workspace.Apps.CreateAsync(workspace.Admin, "Orders again", "orders");
        var invalid = await workspace.Apps.CreateAsync(workspace.Admin, "Bad", "Bad Slug");

        Assert.Equal(("slug", ResultStatus.Invalid), (taken.Field, taken.Status));
        Assert.Equal(("slug", ResultStatus.Invalid), (invalid.Field, invalid.Status));
        Assert.Single(await workspace.Apps.ListAsync(workspace.Admin));
    }

    [Fact]
    public async Task A1_EndUserSeesReleasedAppsButABuilderlessUserWithoutGroupsSeesNone()
    {
        // Issue 10: the apps page shows end users only the released apps they may view; builders see theirs all
        await using var workspace = await TestWorkspace.StartAsync();
        await workspace.AddStockSourceAsync();
        await workspace.ReleasedAppAsync("Orders", "orders");
        await workspace.CreateAppAsync(workspace.Admin, "Unreleased", "unreleased");
        var endUser = await workspace.AddEndUserAsync("Eve User");
        var builder = await workspace.AddBuilderAsync("Bea Builder");
        var nobody = new Lifecycle.Data.Access.Actor("no-such-user", "Nobody");

        Assert.Equal(["orders"], (await workspace.Apps.ListAsync(endUser)).Select(a => a.Slug));
        Assert.Equal(["orders", "unreleased"], (await workspace.Apps.ListAsync(builder)).Select(a => a.Slug));
        Assert.Empty(await workspace.Apps.ListAsync(nobody));
        ResultAssert.Failed(ResultStatus.Forbidden, await workspace.Apps.FindBySlugAsync(nobody, "orders"));
    }

    [Fact]
    public async Task TheSearchBoxFindsAppsByNameOrAddressIgnoringCase()
    {
        // Issue 10: the apps page's search box
        await using var workspace = await TestWorkspace.StartAsync();
        await workspace.CreateAppAsync(workspace.Admin, "Orders", "orders");
        await workspace.CreateAppAsync(workspace.Admin, "Stock count", "warehouse");

        Assert.Equal(["Stock count"], (await workspace.Apps.ListAsync(workspace.Admin, "STOCK")).Select(a => a.Name));
        Assert.Equal(["Stock count"], (await workspace.Apps.ListAsync(workspace.Admin, " house ")).Select(a => a.Name));
        Assert.Equal(2, (await workspace.Apps.ListAsync(workspace.Admin, "  ")).Count);
        Assert.Empty(await workspace.Apps.ListAsync(workspace.Admin, "invoices"));
    }

    [Fact]
    public async Task The_apps_page_reads_one_page_of_apps_by_name_with_the_total()
    {
        // Issue 9: the apps page never loads every app
        await using var workspace = await TestWorkspace.StartAsync();
        foreach (var name in new[] { "Echo", "Bravo", "Delta", "Alpha", "Charlie" })
        {
            await workspace.CreateAppAsync(workspace.Admin, name, name.ToLowerInvariant());
        }

        var first = await workspace.Apps.ListAsync(workspace.Admin, null, 1, 2);
        var last = await workspace.Apps.ListAsync(workspace.Admin, null, 3, 2);

        Assert.Equal(5, first.Total);
        Assert.Equal(["Alpha", "Bravo"], first.Rows.Select(a => a.Name));
        Assert.Equal(["Echo"], last.Rows.Select(a => a.Name));
    }

    [Fact]
    public async Task The_apps_search_matches_name_or_address_ignoring_case()
    {
        await using var workspace = await TestWorkspace.StartAsync();
        await workspace.CreateAppAsync(workspace.Admin, "Stock Report", "inventory");
        await workspace.CreateAppAsync(workspace.Admin, "Orders", "orders");
        await workspace.CreateAppAsync(workspace.Admin, "Returns", "stock-returns");

        var found = await workspace.Apps.ListAsync(workspace.Admin, "  STOCK ", 1, 10);

        Assert.Equal(["Returns", "Stock Report"], found.Rows.Select(a => a.Name));
        Assert.Equal(2, found.Total);
    }

    [Fact]
    public async Task A6_A_page_of_apps_holds_only_the_apps_the_user_may_open_and_counts_only_those()
    {
        // SPEC A2, A6: viewing shows released apps only; building shows the app released or not
        await using var workspace = await TestWorkspace.StartAsync();
        await workspace.AddStockSourceAsync();
        var (ordersId, _) = await workspace.ReleasedAppAsync("Orders", "orders");
        var drafts = await workspace.CreateAppAsync(workspace.Admin, "Drafts", "drafts");
        await workspace.CreateAppAsync(workspace.Admin, "Payroll", "payroll");
        var shipping = await workspace.CreateAppAsync(workspace.Admin, "Shipping", "shipping");
        var group = await workspace.CreateGroupAsync("Logistics",
            (Lifecycle.Data.Access.Permission.ViewApp, ordersId), (Lifecycle.Data.Access.Permission.ViewApp, drafts.Id), (Lifecycle.Data.Access.Permission.EditApp, shipping.Id));
        var member = await workspace.AddUserAsync("Lou Logistics", group);

        var page = await workspace.Apps.ListAsync(member, null, 1, 10);

        Assert.Equal(["Orders", "Shipping"], page.Rows.Select(a => a.Name));
        Assert.Equal(2, page.Total);
        Assert.Equal(page.Rows, await workspace.Apps.ListAsync(member)); // the same answer as the whole list, one page of it
    }
}
