using Lifecycle.Data.Access;
using Lifecycle.Data.Audit;
using Lifecycle.Data.Common;
using Lifecycle.Data.Queries;
using Lifecycle.Data.Sharing;
using Lifecycle.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Lifecycle.Tests.Integration.Sharing;

/// <summary>SPEC S2, S5, S6: public and private apps, maintenance mode, and the limit on anonymous query runs.</summary>
public sealed class PublicAppTests
{
    [Fact]
    public async Task S2_APublicAppOpensAndRunsItsQueriesForAnyoneAndAPrivateOneOnlyForItsViewers()
    {
        // SPEC S2, E4: production values, signed in or not
        await using var workspace = await TestWorkspace.StartAsync();
        await workspace.AddStockSourceAsync();
        var (orders, _) = await workspace.ReleasedAppAsync("Orders", "orders");
        var queries = workspace.Get<QueryRunner>();
        var nobody = await workspace.AddUserAsync("Nora Nobody", await workspace.CreateGroupAsync("Nothing"));

        ResultAssert.Failed(ResultStatus.Forbidden, await workspace.ReleasedApps.OpenAsync(null, "orders"));
        ResultAssert.Failed(ResultStatus.Forbidden, await workspace.ReleasedApps.OpenAsync(nobody, "orders"));
        ResultAssert.Failed(ResultStatus.Forbidden, await queries.RunReleasedAsync(null, orders));

        await workspace.MakePublicAsync(orders);
        foreach (var visitor in new[] { null, nobody })
        {
            Assert.Equal("v1", ResultAssert.Ok(await workspace.ReleasedApps.OpenAsync(visitor, "orders")).VersionName);
            Assert.Equal("production", ResultAssert.Ok(await queries.RunReleasedAsync(visitor, orders, visitorIp: "203.0.113.5")).Queries["items"].Data![0]!.GetValue<string>());
        }

        ResultAssert.Ok(await workspace.Get<SharingService>().SetPublicAsync(workspace.Admin, orders, false));
        ResultAssert.Failed(ResultStatus.Forbidden, await workspace.ReleasedApps.OpenAsync(null, "orders"));
        ResultAssert.Failed(ResultStatus.Forbidden, await queries.RunReleasedAsync(nobody, orders));
    }

    [Fact]
    public async Task S2_AnUnreleasedAppCannotBeMadePublicAndSaysItIsNotReleasedYet()
    {
        // SPEC S2
        await using var workspace = await TestWorkspace.StartAsync();
        var orders = await workspace.CreateAppAsync(workspace.Admin, "Orders", "orders");

        ResultAssert.Failed(ResultStatus.Invalid, await workspace.Get<SharingService>().SetPublicAsync(workspace.Admin, orders.Id, true), "visibility");

        var opened = ResultAssert.Ok(await workspace.ReleasedApps.OpenAsync(await workspace.AddEndUserAsync("Eve User"), "orders"));
        Assert.False(opened.IsReleased);
        Assert.False((await workspace.AppRowAsync(orders.Id)).IsPublic);
    }

    [Fact]
    public async Task S2_VisibilityAndMaintenanceChangesAreAuditedAndAVisitorsRefusalIsNot()
    {
        // SPEC A4, S2, decision 027: a signed-out visitor is sent to sign in; the log does not grow per anonymous request
        await using var workspace = await TestWorkspace.StartAsync();
        await workspace.AddStockSourceAsync();
        var (orders, _) = await workspace.ReleasedAppAsync("Orders", "orders");
        var sharing = workspace.Get<SharingService>();
        var before = (await workspace.AuditEntriesAsync()).Count;

        ResultAssert.Failed(ResultStatus.Forbidden, await workspace.ReleasedApps.OpenAsync(null, "orders"));
        ResultAssert.Failed(ResultStatus.Forbidden, await workspace.Get<QueryRunner>().RunReleasedAsync(null, orders));
        Assert.Equal(before, (await workspace.AuditEntriesAsync()).Count);

        ResultAssert.Ok(await sharing.SetPublicAsync(workspace.Admin, orders, true));
        ResultAssert.Ok(await sharing.SetMaintenanceAsync(workspace.Admin, orders, true));
        var entries = (await workspace.AuditEntriesAsync()).Skip(before).Select(e => (e.Action, e.Details, e.AppId, e.UserName)).ToList();
        Assert.Equal(
            [
                (AuditActions.AppVisibilityChanged, "Public: anyone with the link, no sign-in.", orders, "Ada Admin"),
                (AuditActions.AppMaintenanceChanged, "Maintenance on.", orders, "Ada Admin"),
            ],
            entries);
    }

    [Fact]
    public async Task S5_InMaintenanceEndUsersGetNoAppAndNoQueriesWhileBuildersStillPreview()
    {
        // SPEC S5, S4
        await using var workspace = await TestWorkspace.StartAsync();
        await workspace.AddStockSourceAsync();
        var (orders, v1) = await workspace.ReleasedAppAsync("Orders", "orders");
        await workspace.MakePublicAsync(orders);
        var endUser = await workspace.AddEndUserAsync("Eve User");
        var builder = await workspace.AddBuilderAsync("Bea Builder");
        ResultAssert.Ok(await workspace.Get<SharingService>().SetMaintenanceAsync(workspace.Admin, orders, true));

        var seen = ResultAssert.Ok(await workspace.ReleasedApps.OpenAsync(endUser, "orders"));
        Assert.True(seen.InMaintenance);
        Assert.Null(seen.Definition);
        Assert.False(seen.MayPreview);
        Assert.True(ResultAssert.Ok(await workspace.ReleasedApps.OpenAsync(builder, "orders")).MayPreview);
        foreach (var visitor in new[] { null, endUser, workspace.Admin })
        {
            ResultAssert.Failed(ResultStatus.Unavailable, await workspace.Get<QueryRunner>().RunReleasedAsync(visitor, orders));
        }

        var preview = ResultAssert.Ok(await workspace.Get<PreviewService>().OpenAsync(builder, "orders", v1, null));
        Assert.Equal("v1", preview.VersionName);
        ResultAssert.Ok(await workspace.Get<QueryRunner>().RunPreviewAsync(builder, v1, preview.Environment));

        ResultAssert.Ok(await workspace.Get<SharingService>().SetMaintenanceAsync(workspace.Admin, orders, false));
        Assert.NotNull(ResultAssert.Ok(await workspace.ReleasedApps.OpenAsync(endUser, "orders")).Definition);
    }

    [Fact]
    public async Task S6_AnonymousRunsOfAPublicAppsQueriesAreLimitedPerAddressWithAClearMessage()
    {
        // SPEC S6, decision 027: three runs a minute here; another address and signed-in users are not held back
        await using var workspace = await TestWorkspace.StartAsync(services => services.Configure<SharingSettings>(s => s.AnonymousQueryRunsPerMinutePerIp = 3));
        await workspace.AddStockSourceAsync();
        var (orders, _) = await workspace.ReleasedAppAsync("Orders", "orders");
        await workspace.MakePublicAsync(orders);
        var queries = workspace.Get<QueryRunner>();
        var endUser = await workspace.AddEndUserAsync("Eve User");

        for (var run = 1; run <= 3; run++)
        {
            ResultAssert.Ok(await queries.RunReleasedAsync(null, orders, visitorIp: "2001:db8:1:2::10"));
        }

        var refused = await queries.RunReleasedAsync(null, orders, visitorIp: "2001:db8:1:2::99"); // the same /64
        ResultAssert.Failed(ResultStatus.Unavailable, refused);
        Assert.StartsWith("Too many requests from your address", refused.Error);
        Assert.Contains("3 times a minute", refused.Error);

        ResultAssert.Ok(await queries.RunReleasedAsync(null, orders, visitorIp: "2001:db8:1:3::10"));
        for (var run = 1; run <= 5; run++)
        {
            ResultAssert.Ok(await queries.RunReleasedAsync(endUser, orders, visitorIp: "2001:db8:1:2::10"));
        }
    }

    [Fact]
    public async Task S2_AVisitorReachesOnlyTheReleasedVersionOfAPublicApp()
    {
        // SPEC S2, A6: a signed-out circuit calls use cases with no actor; only those open to anyone, or to anyone on a
        // public app, let it through. Drafts, versions, history, previews, other apps and every admin use case refuse it.
        await using var workspace = await TestWorkspace.StartAsync();
        await workspace.AddStockSourceAsync();
        var (orders, v1) = await workspace.ReleasedAppAsync("Orders", "orders");
        var (other, _) = await workspace.ReleasedAppAsync("Other", "other");
        await workspace.MakePublicAsync(orders);
        var draft = (await workspace.CreateVersionAsync(workspace.Admin, orders, "next", v1)).Id;
        var runner = workspace.Get<UseCaseRunner>();

        var declarations = new Dictionary<string, UseCase>
        {
            ["a public app's released version"] = UseCase.OnAppAt(AuditActions.AppViewed, "orders", Permission.ViewApp).OrAnyoneIfPublic(),
            ["a private app's released version"] = UseCase.OnAppAt(AuditActions.AppViewed, "other", Permission.ViewApp).OrAnyoneIfPublic(),
            ["a private app's queries"] = UseCase.OnApp(AuditActions.QueriesRun, other, Permission.ViewApp).OrAnyoneIfPublic(),
            ["the public app's versions"] = UseCase.OnVersionsOf(AuditActions.VersionsViewed, orders),
            ["the public app's draft"] = UseCase.OnVersionContent(AuditActions.VersionsViewed, draft),
            ["editing the draft"] = UseCase.OnVersion(AuditActions.VersionEdited, draft, Permission.EditApp),
            ["the public app in the editor"] = UseCase.OnAppAt(AuditActions.VersionsViewed, "orders", Permission.EditApp),
            ["the list of apps"] = UseCase.ForSignedInUser(AuditActions.AppsListed),
            ["an admin page"] = UseCase.ForAdmins(AuditActions.EmbeddingViewed, EmbeddingService.AdminsOnly),
            ["a workspace page"] = UseCase.OnWorkspace(AuditActions.ConstantsViewed, Permission.ManageConstants),
        };
        var allowed = new List<string>();
        foreach (var (what, useCase) in declarations)
        {
            var result = await runner.ReadAsync<bool>(null, useCase, _ => Task.FromResult<Result<bool>>(true));
            if (result.IsSuccess)
            {
                allowed.Add(what);
            }
        }

        Assert.Equal(["a public app's released version"], allowed);
        ResultAssert.Failed(ResultStatus.Forbidden, await workspace.Get<QueryRunner>().RunReleasedAsync(null, other));
        ResultAssert.Failed(ResultStatus.Forbidden, await workspace.Versions.ListAsync(null!, orders));
        ResultAssert.Failed(ResultStatus.Forbidden, await workspace.Get<QueryRunner>().RunForVersionAsync(null!, draft));
        ResultAssert.Failed(ResultStatus.Forbidden, await workspace.Get<PreviewService>().OpenAsync(null!, "orders", draft, null));
        ResultAssert.Failed(ResultStatus.Forbidden, await workspace.Get<SharingService>().GetAsync(null!, orders, v1));
    }
}
