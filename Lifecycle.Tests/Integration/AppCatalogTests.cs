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
    public async Task A1_EndUserSeesAppsButABuilderlessUserWithoutGroupsSeesNone()
    {
        await using var workspace = await TestWorkspace.StartAsync();
        await workspace.CreateAppAsync(workspace.Admin, "Orders", "orders");
        var endUser = await workspace.AddEndUserAsync("Eve User");
        var nobody = new Lifecycle.Data.Access.Actor("no-such-user", "Nobody");

        Assert.Single(await workspace.Apps.ListAsync(endUser));
        Assert.Empty(await workspace.Apps.ListAsync(nobody));
        ResultAssert.Failed(ResultStatus.Forbidden, await workspace.Apps.FindBySlugAsync(nobody, "orders"));
    }
}
