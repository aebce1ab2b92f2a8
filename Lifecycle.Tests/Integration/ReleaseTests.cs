using Lifecycle.Data.Access;
using Lifecycle.Data.Common;
using Lifecycle.Data.Definitions;
using Lifecycle.Data.Releases;
using Lifecycle.Data.Versions;
using Lifecycle.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Lifecycle.Tests.Integration;

/// <summary>Release and the released app through <see cref="ReleaseService"/> and <see cref="ReleasedAppService"/>.</summary>
public sealed class ReleaseTests
{
    private static async Task<int> ReleaseRowsAsync(TestWorkspace workspace, int appId)
    {
        await using var db = await workspace.DbAsync();
        return await db.Releases.CountAsync(r => r.AppId == appId);
    }

    [Fact]
    public async Task V6_ReleaseSetsTheReleasedVersionAndAddsOneHistoryRow()
    {
        // SPEC V6
        await using var workspace = await TestWorkspace.StartAsync();
        var app = await workspace.CreateAppAsync(workspace.Admin);
        var v1 = await workspace.FirstVersionIdAsync(app.Id);
        ResultAssert.Ok(await workspace.Versions.SaveAsync(workspace.Admin, v1, null));

        await workspace.PromoteToProductionAsync(v1);
        ResultAssert.Ok(await workspace.Releases.ReleaseAsync(workspace.Admin, v1, "  first release  "));

        Assert.Equal(v1, (await workspace.AppRowAsync(app.Id)).ReleasedVersionId);
        var entry = Assert.Single(ResultAssert.Ok(await workspace.Releases.HistoryAsync(workspace.Admin, app.Id)));
        Assert.Equal((v1, "v1", ReleaseKind.Release, "Ada Admin", "first release"), (entry.VersionId, entry.VersionName, entry.Kind, entry.ActorName, entry.Notes));
        var versions = ResultAssert.Ok(await workspace.Versions.ListAsync(workspace.Admin, app.Id));
        Assert.Equal(DisplayedVersionState.Released, Assert.Single(versions).State);
    }

    [Fact]
    public async Task V6_DraftCannotBeReleased()
    {
        // SPEC V6
        await using var workspace = await TestWorkspace.StartAsync();
        var app = await workspace.CreateAppAsync(workspace.Admin);
        var v1 = await workspace.FirstVersionIdAsync(app.Id);

        ResultAssert.Failed(ResultStatus.Conflict, await workspace.Releases.ReleaseAsync(workspace.Admin, v1, null));

        Assert.Null((await workspace.AppRowAsync(app.Id)).ReleasedVersionId);
        Assert.Equal(0, await ReleaseRowsAsync(workspace, app.Id));
    }

    [Fact]
    public async Task V6_ReleasingTheReleasedVersionAgainIsRefused()
    {
        // SPEC V6
        await using var workspace = await TestWorkspace.StartAsync();
        var app = await workspace.CreateAppAsync(workspace.Admin);
        var v1 = await workspace.FirstVersionIdAsync(app.Id);
        await workspace.SaveAndReleaseAsync(v1);

        ResultAssert.Failed(ResultStatus.Conflict, await workspace.Releases.ReleaseAsync(workspace.Admin, v1, null));

        Assert.Equal(1, await ReleaseRowsAsync(workspace, app.Id));
    }

    [Fact]
    public async Task V6_ReleasingAnotherVersionMovesThePointerAndKeepsHistory()
    {
        // SPEC V6: one released version per app
        await using var workspace = await TestWorkspace.StartAsync();
        var app = await workspace.CreateAppAsync(workspace.Admin);
        var v1 = await workspace.FirstVersionIdAsync(app.Id);
        var v2 = await workspace.CreateProductionVersionAsync(workspace.Admin, app.Id, "v2", v1);
        await workspace.SaveAndReleaseAsync(v1);

        ResultAssert.Ok(await workspace.Releases.ReleaseAsync(workspace.Admin, v2, null));

        Assert.Equal(v2, (await workspace.AppRowAsync(app.Id)).ReleasedVersionId);
        var versions = ResultAssert.Ok(await workspace.Versions.ListAsync(workspace.Admin, app.Id));
        Assert.Equal(v2, Assert.Single(versions, v => v.State == DisplayedVersionState.Released).Id);
        var history = ResultAssert.Ok(await workspace.Releases.HistoryAsync(workspace.Admin, app.Id));
        Assert.Equal(["v2", "v1"], history.Select(h => h.VersionName));
    }

    [Fact]
    public async Task V6_ParallelReleasesLeaveOneReleasedVersionAndOneHistoryRowPerRelease()
    {
        // SPEC V6: the pointer and its history row commit together, even when two releases race
        await using var workspace = await TestWorkspace.StartAsync();
        var releaser = await workspace.AddUserAsync("Rae Releaser", Group.AdminsId);
        var app = await workspace.CreateAppAsync(workspace.Admin);
        var v1 = await workspace.FirstVersionIdAsync(app.Id);
        var successes = 0;

        for (var iteration = 0; iteration < 20; iteration++)
        {
            var a = await workspace.CreateProductionVersionAsync(workspace.Admin, app.Id, $"a{iteration}", v1);
            var b = await workspace.CreateProductionVersionAsync(workspace.Admin, app.Id, $"b{iteration}", v1);

            var results = await Task.WhenAll(
                Task.Run(() => workspace.Releases.ReleaseAsync(workspace.Admin, a, null)),
                Task.Run(() => workspace.Releases.ReleaseAsync(releaser, b, null)));

            // Issue 3: both racing releases land, one after the other: two history rows, one released version.
            Assert.All(results, r => ResultAssert.Ok(r));
            successes += 2;
            await using var db = await workspace.DbAsync();
            var rows = await db.Releases.AsNoTracking().Where(r => r.AppId == app.Id).OrderBy(r => r.Id).ToListAsync();
            Assert.Equal(successes, rows.Count);
            var releasedId = (await workspace.AppRowAsync(app.Id)).ReleasedVersionId;
            Assert.Contains(releasedId, new int?[] { a, b });
            Assert.Equal(releasedId, rows[^1].VersionId); // the pointer is the last release recorded
            var versions = ResultAssert.Ok(await workspace.Versions.ListAsync(workspace.Admin, app.Id));
            Assert.Single(versions, v => v.State == DisplayedVersionState.Released);
        }
    }

    [Fact]
    public async Task S2_OpenBeforeFirstReleaseSaysNotReleased()
    {
        // SPEC S2
        await using var workspace = await TestWorkspace.StartAsync();
        var viewer = await workspace.AddEndUserAsync("Eve User");
        var app = await workspace.CreateAppAsync(workspace.Admin, "Orders", "orders");

        var opened = ResultAssert.Ok(await workspace.ReleasedApps.OpenAsync(viewer, "orders"));

        Assert.False(opened.IsReleased);
        Assert.Null(opened.Definition);
        Assert.Null(opened.VersionName);
        Assert.Equal("Orders", opened.AppName);
    }

    [Fact]
    public async Task S2_OpenAfterReleaseGivesTheReleasedDefinitionNotTheDraft()
    {
        // SPEC S2, V6, D3
        await using var workspace = await TestWorkspace.StartAsync();
        var viewer = await workspace.AddEndUserAsync("Eve User");
        var app = await workspace.CreateAppAsync(workspace.Admin, "Orders", "orders");
        var v1 = await workspace.FirstVersionIdAsync(app.Id);
        var detail = ResultAssert.Ok(await workspace.Versions.GetAsync(workspace.Admin, v1));
        ResultAssert.Ok(await workspace.Versions.UpdateDefinitionAsync(workspace.Admin, v1, detail.Revision, ResultAssert.Ok(DefinitionEdits.AddPage(detail.Definition, "Released page"))));
        await workspace.SaveAndReleaseAsync(v1);
        var draft = await workspace.CreateVersionAsync(workspace.Admin, app.Id, "v2", v1);
        var draftDetail = ResultAssert.Ok(await workspace.Versions.GetAsync(workspace.Admin, draft.Id));
        ResultAssert.Ok(await workspace.Versions.UpdateDefinitionAsync(workspace.Admin, draft.Id, draftDetail.Revision, ResultAssert.Ok(DefinitionEdits.AddPage(draftDetail.Definition, "Draft page"))));

        var opened = ResultAssert.Ok(await workspace.ReleasedApps.OpenAsync(viewer, "orders"));

        Assert.True(opened.IsReleased);
        Assert.Equal("v1", opened.VersionName);
        var released = ResultAssert.Ok(await workspace.Versions.GetAsync(workspace.Admin, v1)).Definition;
        Assert.Equal(DefinitionJson.Serialize(released), DefinitionJson.Serialize(opened.Definition!));
        Assert.Equal(["Home", "Released page"], opened.Definition!.Pages.Select(p => p.Name));
    }

    [Fact]
    public async Task S2_PrivateAppRefusesAnonymousViewerAndUnknownSlugIsNotFound()
    {
        // SPEC S2
        await using var workspace = await TestWorkspace.StartAsync();
        await workspace.CreateAppAsync(workspace.Admin, "Orders", "orders");

        ResultAssert.Failed(ResultStatus.Forbidden, await workspace.ReleasedApps.OpenAsync(null, "orders"));
        ResultAssert.Failed(ResultStatus.NotFound, await workspace.ReleasedApps.OpenAsync(workspace.Admin, "no-such-app"));
    }
}
