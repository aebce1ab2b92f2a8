using Lifecycle.Data.Access;
using Lifecycle.Data.Audit;
using Lifecycle.Data.Common;
using Lifecycle.Data.Environments;
using Lifecycle.Data.Queries;
using Lifecycle.Data.Sharing;
using Lifecycle.Tests.Support;

namespace Lifecycle.Tests.Integration.Sharing;

/// <summary>SPEC S4, E4: previews of any version with the values of an environment the user has access to (decision 027).</summary>
public sealed class PreviewTests
{
    [Fact]
    public async Task S4_APreviewRunsTheVersionWithTheChosenEnvironmentsValues()
    {
        // SPEC S4, E4
        await using var workspace = await TestWorkspace.StartAsync();
        await workspace.AddStockSourceAsync();
        var (orders, v1) = await workspace.ReleasedAppAsync("Orders", "orders");
        var draft = (await workspace.CreateVersionAsync(workspace.Admin, orders, "next", v1)).Id;
        var previews = workspace.Get<PreviewService>();

        foreach (var environment in EnvironmentOrder.All)
        {
            var preview = ResultAssert.Ok(await previews.OpenAsync(workspace.Admin, "orders", draft, environment));
            Assert.Equal(("next", environment), (preview.VersionName, preview.Environment));
            var data = ResultAssert.Ok(await workspace.Get<QueryRunner>().RunPreviewAsync(workspace.Admin, draft, environment));
            Assert.Equal(environment.ToString().ToLowerInvariant(), data.Queries["items"].Data![0]!.GetValue<string>());
        }

        var own = ResultAssert.Ok(await previews.OpenAsync(workspace.Admin, "orders", draft, null));
        Assert.Equal(DeploymentEnvironment.Development, own.Environment);
    }

    [Fact]
    public async Task S4_APreviewWithoutAccessToTheEnvironmentIsRefusedAndAudited()
    {
        // SPEC S4, A4, decision 027: builders never preview with production values unless the version is there
        await using var workspace = await TestWorkspace.StartAsync();
        await workspace.AddStockSourceAsync();
        var (orders, v1) = await workspace.ReleasedAppAsync("Orders", "orders");
        var draft = (await workspace.CreateVersionAsync(workspace.Admin, orders, "next", v1)).Id;
        var builder = await workspace.AddBuilderAsync("Bea Builder");
        var releaser = await workspace.AddUserAsync("Rae Releaser", await workspace.CreateGroupAsync("Orders releasers", (Permission.ReleaseApp, orders)));
        var endUser = await workspace.AddEndUserAsync("Eve User");
        var previews = workspace.Get<PreviewService>();
        var queries = workspace.Get<QueryRunner>();

        var refusals = new[]
        {
            await previews.OpenAsync(builder, "orders", draft, DeploymentEnvironment.Production),
            await previews.OpenAsync(releaser, "orders", draft, DeploymentEnvironment.Staging),
            await previews.OpenAsync(endUser, "orders", v1, DeploymentEnvironment.Production),
        };
        Assert.All(refusals, refused => ResultAssert.Failed(ResultStatus.Forbidden, refused));
        Assert.Equal("You may not preview this app with the Production data sources and constants.", refusals[0].Error);
        ResultAssert.Failed(ResultStatus.Forbidden, await queries.RunPreviewAsync(builder, draft, DeploymentEnvironment.Production));

        Assert.Equal([DeploymentEnvironment.Development, DeploymentEnvironment.Staging], ResultAssert.Ok(await previews.OpenAsync(builder, "orders", draft, DeploymentEnvironment.Staging)).Environments);
        Assert.Equal([DeploymentEnvironment.Development, DeploymentEnvironment.Production], ResultAssert.Ok(await previews.OpenAsync(releaser, "orders", draft, null)).Environments);
        ResultAssert.Ok(await previews.OpenAsync(builder, "orders", v1, DeploymentEnvironment.Production)); // the released version is in production: as in the editor
        var refused = (await workspace.AuditEntriesAsync()).Where(e => e.Action == AuditActions.AppPreviewed && e.Outcome == AuditOutcome.Refused).ToList();
        Assert.Equal([("Bea Builder", "Production"), ("Rae Releaser", "Staging"), ("Eve User", "Production")], refused.Select(e => (e.UserName, e.Environment)));
    }

    [Fact]
    public async Task S4_AVersionIsPreviewedOnlyUnderItsOwnAppsAddress()
    {
        // SPEC S4: /apps/other/preview?version=(a version of orders) shows nothing
        await using var workspace = await TestWorkspace.StartAsync();
        await workspace.AddStockSourceAsync();
        var (_, v1) = await workspace.ReleasedAppAsync("Orders", "orders");
        await workspace.CreateAppAsync(workspace.Admin, "Other", "other");

        ResultAssert.Failed(ResultStatus.NotFound, await workspace.Get<PreviewService>().OpenAsync(workspace.Admin, "other", v1, null));
        ResultAssert.Failed(ResultStatus.NotFound, await workspace.Get<PreviewService>().OpenAsync(workspace.Admin, "orders", 999_999, null));
    }
}
