using Lifecycle.Data.Apps;
using Lifecycle.Data.Common;
using Lifecycle.Data.Environments;
using Lifecycle.Data.Releases;
using Lifecycle.Tests.Support;

namespace Lifecycle.Tests.Integration;

/// <summary>SPEC E2, V6, V8 through the use cases on a real SQLite file.</summary>
public sealed class PromotionAndRollbackTests
{
    [Fact]
    public async Task E2_BuilderPromotesToStagingButNotToProduction()
    {
        // SPEC E2, A1: Builders promote to staging; production needs the promote-to-production permission
        await using var workspace = await TestWorkspace.StartAsync();
        var builder = await workspace.AddBuilderAsync("Bea Builder");
        var app = await workspace.CreateAppAsync(builder);
        var saved = await workspace.CreateSavedVersionAsync(builder, app.Id, "v2", await workspace.FirstVersionIdAsync(app.Id));
        var promotions = workspace.Get<PromotionService>();

        ResultAssert.Ok(await promotions.PromoteAsync(builder, saved, DeploymentEnvironment.Staging));
        ResultAssert.Failed(ResultStatus.Forbidden, await promotions.PromoteAsync(builder, saved, DeploymentEnvironment.Production));

        Assert.Equal(DeploymentEnvironment.Staging, (await workspace.VersionRowAsync(saved)).Environment);
    }

    [Fact]
    public async Task E2_ServerRefusesDraftsSkipsAndDemotions()
    {
        // SPEC E2
        await using var workspace = await TestWorkspace.StartAsync();
        var app = await workspace.CreateAppAsync(workspace.Admin);
        var v1 = await workspace.FirstVersionIdAsync(app.Id);
        var saved = await workspace.CreateSavedVersionAsync(workspace.Admin, app.Id, "v2", v1);
        var promotions = workspace.Get<PromotionService>();

        ResultAssert.Failed(ResultStatus.Conflict, await promotions.PromoteAsync(workspace.Admin, v1, DeploymentEnvironment.Staging));
        ResultAssert.Failed(ResultStatus.Conflict, await promotions.PromoteAsync(workspace.Admin, saved, DeploymentEnvironment.Production));
        ResultAssert.Ok(await promotions.PromoteAsync(workspace.Admin, saved, DeploymentEnvironment.Staging));
        ResultAssert.Failed(ResultStatus.Conflict, await promotions.PromoteAsync(workspace.Admin, saved, DeploymentEnvironment.Development));

        Assert.Equal(DeploymentEnvironment.Development, (await workspace.VersionRowAsync(v1)).Environment);
        Assert.Equal(DeploymentEnvironment.Staging, (await workspace.VersionRowAsync(saved)).Environment);
    }

    [Fact]
    public async Task V6_SavedVersionInStagingCannotBeReleased()
    {
        // SPEC V6
        await using var workspace = await TestWorkspace.StartAsync();
        var app = await workspace.CreateAppAsync(workspace.Admin);
        var saved = await workspace.CreateSavedVersionAsync(workspace.Admin, app.Id, "v2", await workspace.FirstVersionIdAsync(app.Id));
        ResultAssert.Ok(await workspace.Get<PromotionService>().PromoteAsync(workspace.Admin, saved, DeploymentEnvironment.Staging));

        var result = await workspace.Releases.ReleaseAsync(workspace.Admin, saved, null);

        ResultAssert.Failed(ResultStatus.Conflict, result);
        Assert.Null((await workspace.AppRowAsync(app.Id)).ReleasedVersionId);
    }

    [Fact]
    public async Task V8_RollbackReReleasesAnEarlierReleaseAndIsRecordedAsRollback()
    {
        // SPEC V8
        await using var workspace = await TestWorkspace.StartAsync();
        var (app, v2, _) = await V2ThenV3ReleasedAsync(workspace);

        ResultAssert.Ok(await workspace.Releases.RollbackAsync(workspace.Admin, v2, "v3 broke checkout"));

        Assert.Equal(v2, (await workspace.AppRowAsync(app.Id)).ReleasedVersionId);
        var history = ResultAssert.Ok(await workspace.Releases.HistoryAsync(workspace.Admin, app.Id));
        Assert.Equal([("v2", ReleaseKind.Rollback), ("v3", ReleaseKind.Release), ("v2", ReleaseKind.Release)], history.Select(h => (h.VersionName, h.Kind)));
        Assert.Equal("v3 broke checkout", history[0].Notes);
    }

    [Fact]
    public async Task V8_TheHistoryTellsEachReaderWhichRowsTheyMayRollBackTo()
    {
        // SPEC V8, A6: the releases page shows the domain's answer; only an earlier, no longer live release can be
        // rolled back to, and only by someone with the release right
        await using var workspace = await TestWorkspace.StartAsync();
        var (app, _, _) = await V2ThenV3ReleasedAsync(workspace);
        var builder = await workspace.AddBuilderAsync("Bea Builder"); // builds every app, releases none

        var asAdmin = ResultAssert.Ok(await workspace.Releases.HistoryAsync(workspace.Admin, app.Id));
        var asBuilder = ResultAssert.Ok(await workspace.Releases.HistoryAsync(builder, app.Id));

        Assert.Equal([("v3", true, false), ("v2", false, true)], asAdmin.Select(h => (h.VersionName, h.IsLive, h.CanRollBackTo)));
        Assert.Equal([("v3", true, false), ("v2", false, false)], asBuilder.Select(h => (h.VersionName, h.IsLive, h.CanRollBackTo)));
    }

    [Fact]
    public async Task V8_RollbackToAVersionNeverReleasedIsRefused()
    {
        // SPEC V8: a rollback goes back to an earlier released version
        await using var workspace = await TestWorkspace.StartAsync();
        var app = await workspace.CreateAppAsync(workspace.Admin);
        var v1 = await workspace.FirstVersionIdAsync(app.Id);
        var released = await workspace.CreateProductionVersionAsync(workspace.Admin, app.Id, "v2", v1);
        var neverReleased = await workspace.CreateProductionVersionAsync(workspace.Admin, app.Id, "v3", v1);
        ResultAssert.Ok(await workspace.Releases.ReleaseAsync(workspace.Admin, released, null));

        ResultAssert.Failed(ResultStatus.Conflict, await workspace.Releases.RollbackAsync(workspace.Admin, neverReleased, null));
        ResultAssert.Failed(ResultStatus.Conflict, await workspace.Releases.RollbackAsync(workspace.Admin, released, null));

        Assert.Equal(released, (await workspace.AppRowAsync(app.Id)).ReleasedVersionId);
        Assert.Single(ResultAssert.Ok(await workspace.Releases.HistoryAsync(workspace.Admin, app.Id)));
    }

    [Fact]
    public async Task V8_BuilderCannotRollBack()
    {
        // SPEC A1, A3: release and roll back are not Builder rights
        await using var workspace = await TestWorkspace.StartAsync();
        var builder = await workspace.AddBuilderAsync("Bea Builder");
        var (app, v2, v3) = await V2ThenV3ReleasedAsync(workspace);

        ResultAssert.Failed(ResultStatus.Forbidden, await workspace.Releases.RollbackAsync(builder, v2, null));
        Assert.Equal(v3, (await workspace.AppRowAsync(app.Id)).ReleasedVersionId);
    }

    /// <summary>An app whose saved versions v2 and then v3 were released, each from v1.</summary>
    private static async Task<(AppSummary App, int V2, int V3)> V2ThenV3ReleasedAsync(TestWorkspace workspace)
    {
        var app = await workspace.CreateAppAsync(workspace.Admin);
        var v1 = await workspace.FirstVersionIdAsync(app.Id);
        var v2 = await workspace.CreateProductionVersionAsync(workspace.Admin, app.Id, "v2", v1);
        var v3 = await workspace.CreateProductionVersionAsync(workspace.Admin, app.Id, "v3", v1);
        ResultAssert.Ok(await workspace.Releases.ReleaseAsync(workspace.Admin, v2, null));
        ResultAssert.Ok(await workspace.Releases.ReleaseAsync(workspace.Admin, v3, null));
        return (app, v2, v3);
    }
}
