using Lifecycle.Data.Access;
using Lifecycle.Data.Common;
using Lifecycle.Data.DataSources;
using Lifecycle.Data.Definitions;
using Lifecycle.Data.Environments;
using Lifecycle.Data.Queries;
using Lifecycle.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Lifecycle.Tests.Integration;

/// <summary>
/// SPEC A6 (issue 7, must-fix 3): View means using the released app. Drafts, saved versions, the release history and a
/// version's queries need edit or a promote or release right on the app; the server refuses everyone else.
/// </summary>
public sealed class ViewIsTheReleasedAppTests
{
    [Fact]
    public async Task A6_AnEndUserIsRefusedTheVersionsTheHistoryAndADraftsQueriesButUsesTheReleasedApp()
    {
        // SPEC A6, E4: before the fix, an end user listed the drafts and ran their queries (DELETE included)
        await using var api = new FakeRestApi().Answer("/dev/items", "[]").Answer("/prod/items", """["released"]""");
        await using var workspace = await TestWorkspace.StartAsync(services => services.Configure<QuerySettings>(settings => settings.AllowPrivateNetworks = true));
        var endUser = await workspace.AddEndUserAsync("Eve User");
        var (app, released, draft) = await AppWithAReleaseAndADraftAsync(workspace, api);
        var requestsBefore = api.Requests.Count;

        ResultAssert.Failed(ResultStatus.Forbidden, await workspace.Versions.ListAsync(endUser, app));
        ResultAssert.Failed(ResultStatus.Forbidden, await workspace.Versions.GetAsync(endUser, draft));
        ResultAssert.Failed(ResultStatus.Forbidden, await workspace.Releases.HistoryAsync(endUser, app));
        ResultAssert.Failed(ResultStatus.Forbidden, await workspace.Get<QueryRunner>().RunForVersionAsync(endUser, draft));
        ResultAssert.Failed(ResultStatus.Forbidden, await workspace.Get<QueryRunner>().RunForVersionAsync(endUser, released));
        Assert.Equal(requestsBefore, api.Requests.Count); // no query of a version reached the API

        var opened = ResultAssert.Ok(await workspace.ReleasedApps.OpenAsync(endUser, "orders"));
        Assert.Equal("prod", opened.VersionName);
        var data = ResultAssert.Ok(await workspace.Get<QueryRunner>().RunReleasedAsync(endUser, app));
        Assert.Equal("released", data.Queries["items"].Data![0]!.GetValue<string>());
    }

    [Fact]
    public async Task A6_APromoteOrReleaseRightOpensTheVersionsWithoutEdit()
    {
        // SPEC A6: "edit or a promote/release right on that app"
        await using var workspace = await TestWorkspace.StartAsync();
        var app = await workspace.CreateAppAsync(workspace.Admin, "Orders");
        var other = await workspace.CreateAppAsync(workspace.Admin, "Other");
        var releaser = await workspace.AddUserAsync("Rae Releaser", await workspace.CreateGroupAsync("Orders releasers", (Permission.ReleaseApp, app.Id)));
        var promoter = await workspace.AddUserAsync("Pia Promoter", await workspace.CreateGroupAsync("Promoters", (Permission.PromoteToProduction, app.Id)));

        foreach (var actor in new[] { releaser, promoter })
        {
            Assert.Single(ResultAssert.Ok(await workspace.Versions.ListAsync(actor, app.Id)));
            ResultAssert.Ok(await workspace.Releases.HistoryAsync(actor, app.Id));
            ResultAssert.Ok(await workspace.ReleasedApps.OpenAsync(actor, "orders"));
            ResultAssert.Failed(ResultStatus.Forbidden, await workspace.Versions.ListAsync(actor, other.Id));
        }
    }

    /// <summary>Orders, with "prod" released and a draft "next" whose query is a DELETE, both on the REST data source "stock".</summary>
    private static async Task<(int App, int Released, int Draft)> AppWithAReleaseAndADraftAsync(TestWorkspace workspace, FakeRestApi api)
    {
        var sources = workspace.Get<DataSourceService>();
        var source = ResultAssert.Ok(await sources.CreateAsync(workspace.Admin, "stock", DataSourceKind.RestApi));
        ResultAssert.Ok(await sources.SaveSettingsAsync(workspace.Admin, source, DeploymentEnvironment.Development, new DataSourceSettingsInput($"{api.BaseUrl}/dev", null, null, null)));
        ResultAssert.Ok(await sources.SaveSettingsAsync(workspace.Admin, source, DeploymentEnvironment.Staging, new DataSourceSettingsInput($"{api.BaseUrl}/dev", null, null, null)));
        ResultAssert.Ok(await sources.SaveSettingsAsync(workspace.Admin, source, DeploymentEnvironment.Production, new DataSourceSettingsInput($"{api.BaseUrl}/prod", null, null, null)));
        var app = await workspace.CreateAppAsync(workspace.Admin, "Orders");
        var v1 = await workspace.FirstVersionIdAsync(app.Id);
        var detail = ResultAssert.Ok(await workspace.Versions.GetAsync(workspace.Admin, v1));
        var definition = ResultAssert.Ok(DefinitionEdits.AddQuery(detail.Definition, "items", "stock"));
        definition = ResultAssert.Ok(DefinitionEdits.SetQueryOption(definition, "items", QueryOptions.Path, "/items"));
        ResultAssert.Ok(await workspace.Versions.UpdateDefinitionAsync(workspace.Admin, v1, detail.Revision, definition));
        var released = (await workspace.CreateVersionAsync(workspace.Admin, app.Id, "prod", v1)).Id;
        await workspace.SaveAndReleaseAsync(released);

        var draft = (await workspace.CreateVersionAsync(workspace.Admin, app.Id, "next", v1)).Id;
        var draftDetail = ResultAssert.Ok(await workspace.Versions.GetAsync(workspace.Admin, draft));
        var deleting = ResultAssert.Ok(DefinitionEdits.SetQueryOption(draftDetail.Definition, "items", QueryOptions.Method, "DELETE"));
        ResultAssert.Ok(await workspace.Versions.UpdateDefinitionAsync(workspace.Admin, draft, draftDetail.Revision, deleting));
        return (app.Id, released, draft);
    }
}
