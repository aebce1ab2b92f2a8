using Lifecycle.Data.Constants;
using Lifecycle.Data.DataSources;
using Lifecycle.Data.Definitions;
using Lifecycle.Data.Environments;
using Lifecycle.Tests.Support;

namespace Lifecycle.Tests.Integration.GitSync;

/// <summary>An app "Orders" whose v2 has two pages, a query on a REST data source and bindings to constants, with secrets around it.</summary>
internal static class GitSyncArrange
{
    public const string SecretConstantValue = "sk-live-constant-4242";
    public const string BearerTokenValue = "tok-bearer-9191";
    public const string SecretHeaderValue = "Basic aGVhZGVyLXNlY3JldA==";
    public const string PlainConstantValue = "Hello from constants";

    public sealed record Orders(int AppId, int V1, int V2);

    /// <summary>Data source "stock" (base URL, secret header and bearer token per environment) and constants GREETING (plain) and API_KEY (secret).</summary>
    public static async Task AddValuesAsync(TestWorkspace workspace)
    {
        var sources = workspace.Get<DataSourceService>();
        var stock = ResultAssert.Ok(await sources.CreateAsync(workspace.Admin, "stock", DataSourceKind.RestApi));
        foreach (var environment in EnvironmentOrder.All)
        {
            ResultAssert.Ok(await sources.SaveSettingsAsync(workspace.Admin, stock, environment, new DataSourceSettingsInput(
                $"https://stock.example.com/{environment.ToString().ToLowerInvariant()}",
                $$"""{"Accept": "application/json", "Authorization": "{{SecretHeaderValue}}", "X-Api-Key": "{{"{{constants.API_KEY}}"}}"}""",
                BearerTokenValue, null)));
        }

        var constants = workspace.Get<ConstantService>();
        var greeting = ResultAssert.Ok(await constants.CreateAsync(workspace.Admin, "GREETING", isSecret: false));
        var apiKey = ResultAssert.Ok(await constants.CreateAsync(workspace.Admin, "API_KEY", isSecret: true));
        foreach (var environment in EnvironmentOrder.All)
        {
            ResultAssert.Ok(await constants.SetValueAsync(workspace.Admin, greeting, environment, PlainConstantValue));
            ResultAssert.Ok(await constants.SetValueAsync(workspace.Admin, apiKey, environment, SecretConstantValue));
        }
    }

    /// <summary>Orders with draft v1 and a draft v2 made from it, edited (not saved yet).</summary>
    public static async Task<Orders> OrdersAsync(TestWorkspace workspace)
    {
        await AddValuesAsync(workspace);
        var app = await workspace.CreateAppAsync(workspace.Admin, "Orders");
        var v1 = await workspace.FirstVersionIdAsync(app.Id);
        var v2 = (await workspace.CreateVersionAsync(workspace.Admin, app.Id, "v2", v1)).Id;
        await EditAsync(workspace, v2, "Reports");
        return new Orders(app.Id, v1, v2);
    }

    /// <summary>Adds a page, a text bound to a constant on the home page and a query on "stock".</summary>
    public static async Task EditAsync(TestWorkspace workspace, int versionId, string pageName)
    {
        var detail = ResultAssert.Ok(await workspace.Versions.GetAsync(workspace.Admin, versionId));
        var definition = ResultAssert.Ok(DefinitionEdits.AddPage(detail.Definition, pageName));
        definition = ResultAssert.Ok(DefinitionEdits.AddComponent(definition, definition.Pages[0].Id, ComponentType.Text, out var text));
        definition = ResultAssert.Ok(DefinitionEdits.SetProperty(definition, definition.Pages[0].Id, text!.Id, "text", "{{constants.GREETING}} " + pageName));
        definition = ResultAssert.Ok(DefinitionEdits.AddQuery(definition, "items" + definition.Pages.Count, "stock"));
        ResultAssert.Ok(await workspace.Versions.UpdateDefinitionAsync(workspace.Admin, versionId, detail.Revision, definition));
    }
}
