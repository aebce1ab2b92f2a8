using System.Text.Json.Nodes;
using Lifecycle.Data.Common;
using Lifecycle.Data.Constants;
using Lifecycle.Data.DataSources;
using Lifecycle.Data.Definitions;
using Lifecycle.Data.Environments;
using Lifecycle.Data.Persistence;
using Lifecycle.Data.Queries;
using Lifecycle.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Lifecycle.Tests.Integration;

/// <summary>SPEC E3, E4, E5: per-environment constants and data sources, secrets at rest, queries on the server.</summary>
public sealed class EnvironmentValuesTests
{
    private static void AllowLoopback(IServiceCollection services) =>
        services.Configure<QuerySettings>(settings => settings.AllowPrivateNetworks = true);

    [Fact]
    public async Task E4_EachEnvironmentSeesItsOwnDataSourceValues()
    {
        // SPEC E4: the editor's preview runs in the version's environment, the released app in production
        await using var api = new FakeRestApi().Answer("/dev/items", """[{"name":"dev widget"}]""").Answer("/prod/items", """[{"name":"prod widget"}]""");
        await using var workspace = await TestWorkspace.StartAsync(AllowLoopback);
        await ConfigureStockSourceAsync(workspace, api, withStaging: true);
        var (app, versionId) = await AppWithQueryAsync(workspace, "stock", "/items");
        var runner = workspace.Get<QueryRunner>();

        var preview = ResultAssert.Ok(await runner.RunForVersionAsync(workspace.Admin, versionId));
        Assert.Equal("dev widget", preview.Queries["items"].Data![0]!["name"]!.GetValue<string>());

        ResultAssert.Ok(await workspace.Versions.SaveAsync(workspace.Admin, versionId, null));
        await workspace.PromoteToProductionAsync(versionId);
        ResultAssert.Ok(await workspace.Releases.ReleaseAsync(workspace.Admin, versionId, null));
        var released = ResultAssert.Ok(await runner.RunReleasedAsync(workspace.Admin, app));
        Assert.Equal(DeploymentEnvironment.Production, released.Environment);
        Assert.Equal("prod widget", released.Queries["items"].Data![0]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task E5_BearerTokenIsEncryptedAtRestAndSentToTheApi()
    {
        // SPEC E5
        await using var api = new FakeRestApi().Answer("/dev/items", "[]");
        await using var workspace = await TestWorkspace.StartAsync(AllowLoopback);
        var sources = workspace.Get<DataSourceService>();
        var id = ResultAssert.Ok(await sources.CreateAsync(workspace.Admin, "stock", DataSourceKind.RestApi));
        ResultAssert.Ok(await sources.SaveSettingsAsync(workspace.Admin, id, DeploymentEnvironment.Development, new DataSourceSettingsInput($"{api.BaseUrl}/dev", null, "s3cret-token", null)));
        var (_, versionId) = await AppWithQueryAsync(workspace, "stock", "/items");

        ResultAssert.Ok(await workspace.Get<QueryRunner>().RunForVersionAsync(workspace.Admin, versionId));

        Assert.Equal("Bearer s3cret-token", Assert.Single(api.Requests).Authorization);
        await using var db = await workspace.DbAsync();
        var stored = await db.DataSources.AsNoTracking().SelectMany(s => s.Settings).SingleAsync();
        Assert.DoesNotContain("s3cret-token", stored.ProtectedBearerToken);
        var listed = ResultAssert.Ok(await sources.ListAsync(workspace.Admin)).Single().Settings.Single();
        Assert.True(listed.HasBearerToken); // the page learns that a token is set, never the token
    }

    [Fact]
    public async Task E5_SecretConstantSurvivesARestartAndIsNeverListed()
    {
        // SPEC E5: encrypted at rest with Data Protection; keys persisted, so a restarted host still decrypts
        await using var api = new FakeRestApi().Answer("/dev/items", "[]");
        await using var workspace = await TestWorkspace.StartAsync(AllowLoopback);
        var constants = workspace.Get<ConstantService>();
        var apiKey = ResultAssert.Ok(await constants.CreateAsync(workspace.Admin, "API_KEY", isSecret: true));
        ResultAssert.Ok(await constants.SetValueAsync(workspace.Admin, apiKey, DeploymentEnvironment.Development, "k-12345"));
        var sources = workspace.Get<DataSourceService>();
        var id = ResultAssert.Ok(await sources.CreateAsync(workspace.Admin, "stock", DataSourceKind.RestApi));
        ResultAssert.Ok(await sources.SaveSettingsAsync(workspace.Admin, id, DeploymentEnvironment.Development, new DataSourceSettingsInput($"{api.BaseUrl}/dev", """{"Authorization":"Key {{constants.API_KEY}}"}""", null, null)));

        await workspace.RestartAsync();
        var (_, versionId) = await AppWithQueryAsync(workspace, "stock", "/items");
        var data = ResultAssert.Ok(await workspace.Get<QueryRunner>().RunForVersionAsync(workspace.Admin, versionId));

        Assert.Null(data.Queries["items"].Error);
        Assert.Equal("Key k-12345", Assert.Single(api.Requests).Authorization); // usable in data source settings (SPEC E5)
        Assert.False(data.Constants.ContainsKey("API_KEY")); // bindings that reach the browser never see secrets
        var listed = Assert.Single(ResultAssert.Ok(await workspace.Get<ConstantService>().ListAsync(workspace.Admin)));
        Assert.Empty(listed.PlainValues);
        Assert.Contains(DeploymentEnvironment.Development, listed.SetIn);
        await using var db = await workspace.DbAsync();
        Assert.DoesNotContain("k-12345", (await db.Constants.AsNoTracking().SingleAsync()).Values.Single().StoredValue);
    }

    [Theory]
    [InlineData("http://127.0.0.1:{port}")]
    [InlineData("http://localhost:{port}")] // a name that resolves to 127.0.0.1
    [InlineData("http://10.1.2.3")]
    [InlineData("http://192.168.0.10")]
    [InlineData("http://172.16.5.4")]
    [InlineData("http://169.254.169.254")] // link-local: cloud metadata
    public async Task RestQueriesRefuseLoopbackPrivateAndLinkLocalAddresses(string baseUrl)
    {
        // Issue 3: SSRF refusals by default. The guard refuses before connecting, so nothing is sent anywhere.
        await using var api = new FakeRestApi().Answer("/items", "[]");
        await using var workspace = await TestWorkspace.StartAsync();
        var sources = workspace.Get<DataSourceService>();
        var id = ResultAssert.Ok(await sources.CreateAsync(workspace.Admin, "stock", DataSourceKind.RestApi));
        ResultAssert.Ok(await sources.SaveSettingsAsync(workspace.Admin, id, DeploymentEnvironment.Development, new DataSourceSettingsInput(baseUrl.Replace("{port}", api.Port.ToString()), null, null, null)));
        var (_, versionId) = await AppWithQueryAsync(workspace, "stock", "/items");

        var data = ResultAssert.Ok(await workspace.Get<QueryRunner>().RunForVersionAsync(workspace.Admin, versionId));

        Assert.Null(data.Queries["items"].Data);
        Assert.StartsWith("Refused to call", data.Queries["items"].Error);
        Assert.Empty(api.Requests);
    }

    [Fact]
    public async Task E3_PromotionIsRefusedAndListsWhatIsMissingInTheTarget()
    {
        // SPEC E3
        await using var api = new FakeRestApi();
        await using var workspace = await TestWorkspace.StartAsync();
        await ConfigureStockSourceAsync(workspace, api); // development and production only: no staging value
        var constants = workspace.Get<ConstantService>();
        var greeting = ResultAssert.Ok(await constants.CreateAsync(workspace.Admin, "GREETING", isSecret: false));
        ResultAssert.Ok(await constants.SetValueAsync(workspace.Admin, greeting, DeploymentEnvironment.Development, "Hello"));
        var (_, versionId) = await AppWithQueryAsync(workspace, "stock", "/items", text: "{{constants.GREETING}}");
        ResultAssert.Ok(await workspace.Versions.SaveAsync(workspace.Admin, versionId, null));
        var promotions = workspace.Get<PromotionService>();

        var refused = await promotions.PromoteAsync(workspace.Admin, versionId, DeploymentEnvironment.Staging);

        ResultAssert.Failed(ResultStatus.Invalid, refused);
        Assert.Equal(PromotionService.MissingValuesField, refused.Field);
        Assert.Contains("constant GREETING", refused.Error);
        Assert.Contains("data source stock", refused.Error);
        Assert.Equal(DeploymentEnvironment.Development, (await workspace.VersionRowAsync(versionId)).Environment);

        ResultAssert.Ok(await constants.SetValueAsync(workspace.Admin, greeting, DeploymentEnvironment.Staging, "Hi"));
        var sourceId = ResultAssert.Ok(await workspace.Get<DataSourceService>().ListAsync(workspace.Admin)).Single().Id;
        ResultAssert.Ok(await workspace.Get<DataSourceService>().SaveSettingsAsync(workspace.Admin, sourceId, DeploymentEnvironment.Staging, new DataSourceSettingsInput($"{api.BaseUrl}/staging", null, null, null)));
        ResultAssert.Ok(await promotions.PromoteAsync(workspace.Admin, versionId, DeploymentEnvironment.Staging));
    }

    [Fact]
    public async Task E4_OnlyManagersChangeConstantsAndDataSources()
    {
        // SPEC A1, A2: Builders do not hold "manage constants" or "manage data sources" by default
        await using var workspace = await TestWorkspace.StartAsync();
        var builder = await workspace.AddBuilderAsync("Bea Builder");

        ResultAssert.Failed(ResultStatus.Forbidden, await workspace.Get<ConstantService>().CreateAsync(builder, "X", false));
        ResultAssert.Failed(ResultStatus.Forbidden, await workspace.Get<DataSourceService>().CreateAsync(builder, "x", DataSourceKind.StaticJson));
        ResultAssert.Failed(ResultStatus.Forbidden, await workspace.Get<ConstantService>().ListAsync(builder));
    }

    [Fact]
    public async Task E4_BadInputIsRefusedNextToTheField()
    {
        await using var workspace = await TestWorkspace.StartAsync();
        var sources = workspace.Get<DataSourceService>();
        var rest = ResultAssert.Ok(await sources.CreateAsync(workspace.Admin, "rest", DataSourceKind.RestApi));
        var json = ResultAssert.Ok(await sources.CreateAsync(workspace.Admin, "json", DataSourceKind.StaticJson));

        ResultAssert.Failed(ResultStatus.Invalid, await sources.SaveSettingsAsync(workspace.Admin, rest, DeploymentEnvironment.Development, new("ftp://x", null, null, null)), "baseUrl");
        ResultAssert.Failed(ResultStatus.Invalid, await sources.SaveSettingsAsync(workspace.Admin, rest, DeploymentEnvironment.Development, new("https://x.test", "[1]", null, null)), "headers");
        ResultAssert.Failed(ResultStatus.Invalid, await sources.SaveSettingsAsync(workspace.Admin, json, DeploymentEnvironment.Development, new(null, null, null, "{oops")), "staticJson");
        ResultAssert.Failed(ResultStatus.Invalid, await sources.CreateAsync(workspace.Admin, "rest", DataSourceKind.RestApi), "name");
        ResultAssert.Failed(ResultStatus.Invalid, await workspace.Get<ConstantService>().CreateAsync(workspace.Admin, "bad name", false), "name");
    }

    [Fact]
    public async Task E4_StaticJsonSourceGivesItsDocumentPerEnvironment()
    {
        // SPEC E4
        await using var workspace = await TestWorkspace.StartAsync();
        var sources = workspace.Get<DataSourceService>();
        var id = ResultAssert.Ok(await sources.CreateAsync(workspace.Admin, "colors", DataSourceKind.StaticJson));
        ResultAssert.Ok(await sources.SaveSettingsAsync(workspace.Admin, id, DeploymentEnvironment.Development, new(null, null, null, """["red","green"]""")));
        var (_, versionId) = await AppWithQueryAsync(workspace, "colors", "");

        var data = ResultAssert.Ok(await workspace.Get<QueryRunner>().RunForVersionAsync(workspace.Admin, versionId));

        Assert.Equal("green", data.Queries["items"].Data![1]!.GetValue<string>());
    }

    private static async Task ConfigureStockSourceAsync(TestWorkspace workspace, FakeRestApi api, bool withStaging = false)
    {
        var sources = workspace.Get<DataSourceService>();
        var id = ResultAssert.Ok(await sources.CreateAsync(workspace.Admin, "stock", DataSourceKind.RestApi));
        ResultAssert.Ok(await sources.SaveSettingsAsync(workspace.Admin, id, DeploymentEnvironment.Development, new DataSourceSettingsInput($"{api.BaseUrl}/dev", null, null, null)));
        ResultAssert.Ok(await sources.SaveSettingsAsync(workspace.Admin, id, DeploymentEnvironment.Production, new DataSourceSettingsInput($"{api.BaseUrl}/prod", null, null, null)));
        if (withStaging)
        {
            ResultAssert.Ok(await sources.SaveSettingsAsync(workspace.Admin, id, DeploymentEnvironment.Staging, new DataSourceSettingsInput($"{api.BaseUrl}/staging", null, null, null)));
        }
    }

    /// <summary>An app whose v1 has a query "items" on the data source, and a text component bound as given.</summary>
    private static async Task<(int AppId, int VersionId)> AppWithQueryAsync(TestWorkspace workspace, string dataSource, string path, string queryString = "", string text = "{{queries.items.data}}")
    {
        var app = await workspace.CreateAppAsync(workspace.Admin);
        var v1 = await workspace.FirstVersionIdAsync(app.Id);
        var detail = ResultAssert.Ok(await workspace.Versions.GetAsync(workspace.Admin, v1));
        var definition = ResultAssert.Ok(DefinitionEdits.AddQuery(detail.Definition, "items", dataSource));
        definition = ResultAssert.Ok(DefinitionEdits.SetQueryOption(definition, "items", QueryOptions.Path, path));
        definition = ResultAssert.Ok(DefinitionEdits.SetQueryOption(definition, "items", QueryOptions.QueryString, queryString));
        var pageId = definition.Pages[0].Id;
        definition = ResultAssert.Ok(DefinitionEdits.AddComponent(definition, pageId, ComponentType.Text, out var text1));
        definition = ResultAssert.Ok(DefinitionEdits.SetProperty(definition, pageId, text1!.Id, "text", text));
        ResultAssert.Ok(await workspace.Versions.UpdateDefinitionAsync(workspace.Admin, v1, detail.Revision, definition));
        return (app.Id, v1);
    }
}
