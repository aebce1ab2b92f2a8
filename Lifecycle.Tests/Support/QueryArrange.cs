using Lifecycle.Data.Constants;
using Lifecycle.Data.DataSources;
using Lifecycle.Data.Definitions;
using Lifecycle.Data.Environments;
using Lifecycle.Data.Queries;

namespace Lifecycle.Tests.Support;

/// <summary>Arrange steps for query tests, through the admin's use cases: data sources, constants, an app with one query.</summary>
public static class QueryArrange
{
    public const string QueryName = "items";

    /// <summary>A REST data source with the same settings in development and staging.</summary>
    public static async Task<int> AddRestSourceAsync(this TestWorkspace workspace, string name, string baseUrl, string? headersJson = null, string? token = null)
    {
        var sources = workspace.Get<DataSourceService>();
        var id = ResultAssert.Ok(await sources.CreateAsync(workspace.Admin, name, DataSourceKind.RestApi));
        foreach (var environment in new[] { DeploymentEnvironment.Development, DeploymentEnvironment.Staging })
        {
            ResultAssert.Ok(await sources.SaveSettingsAsync(workspace.Admin, id, environment, new DataSourceSettingsInput(baseUrl, headersJson, token, null)));
        }

        return id;
    }

    /// <summary>A constant with the same value in development and staging.</summary>
    public static async Task AddConstantAsync(this TestWorkspace workspace, string name, string value, bool isSecret)
    {
        var constants = workspace.Get<ConstantService>();
        var id = ResultAssert.Ok(await constants.CreateAsync(workspace.Admin, name, isSecret));
        ResultAssert.Ok(await constants.SetValueAsync(workspace.Admin, id, DeploymentEnvironment.Development, value));
        ResultAssert.Ok(await constants.SetValueAsync(workspace.Admin, id, DeploymentEnvironment.Staging, value));
    }

    /// <summary>A new app whose v1 has the query <see cref="QueryName"/> on <paramref name="dataSource"/> with the given options.</summary>
    public static async Task<int> AppWithQueryAsync(this TestWorkspace workspace, string dataSource, string path, string method = "GET", string queryString = "", string body = "", string appName = "Orders")
    {
        var app = await workspace.CreateAppAsync(workspace.Admin, appName);
        var v1 = await workspace.FirstVersionIdAsync(app.Id);
        var detail = ResultAssert.Ok(await workspace.Versions.GetAsync(workspace.Admin, v1));
        var definition = ResultAssert.Ok(DefinitionEdits.AddQuery(detail.Definition, QueryName, dataSource));
        foreach (var (option, value) in new[] { (QueryOptions.Method, method), (QueryOptions.Path, path), (QueryOptions.QueryString, queryString), (QueryOptions.Body, body) })
        {
            definition = ResultAssert.Ok(DefinitionEdits.SetQueryOption(definition, QueryName, option, value));
        }

        ResultAssert.Ok(await workspace.Versions.UpdateDefinitionAsync(workspace.Admin, v1, detail.Revision, definition));
        return v1;
    }

    /// <summary>Runs the version's queries as the admin and returns the outcome of <see cref="QueryName"/>.</summary>
    public static async Task<QueryOutcome> RunQueryAsync(this TestWorkspace workspace, int versionId) =>
        ResultAssert.Ok(await workspace.Get<QueryRunner>().RunForVersionAsync(workspace.Admin, versionId)).Queries[QueryName];
}
