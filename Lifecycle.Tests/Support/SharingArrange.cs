using Lifecycle.Data.DataSources;
using Lifecycle.Data.Definitions;
using Lifecycle.Data.Environments;
using Lifecycle.Data.Sharing;

namespace Lifecycle.Tests.Support;

/// <summary>Arrange steps for the sharing tests (issue 10), through the use cases.</summary>
public static class SharingArrange
{
    /// <summary>A static JSON data source "stock" whose answer names its environment: ["development"], ["staging"], ["production"].</summary>
    public static async Task AddStockSourceAsync(this TestWorkspace workspace)
    {
        var sources = workspace.Get<DataSourceService>();
        var id = ResultAssert.Ok(await sources.CreateAsync(workspace.Admin, "stock", DataSourceKind.StaticJson));
        foreach (var environment in EnvironmentOrder.All)
        {
            ResultAssert.Ok(await sources.SaveSettingsAsync(workspace.Admin, id, environment, new DataSourceSettingsInput(null, null, null, $"[\"{environment.ToString().ToLowerInvariant()}\"]")));
        }
    }

    /// <summary>
    /// An app whose v1 reads "stock" in a query "items" shown by a text component, released as "v1" (needs
    /// <see cref="AddStockSourceAsync"/>); returns the app's id and v1's id.
    /// </summary>
    public static async Task<(int AppId, int V1)> ReleasedAppAsync(this TestWorkspace workspace, string name, string slug)
    {
        var app = await workspace.CreateAppAsync(workspace.Admin, name, slug);
        var v1 = await workspace.FirstVersionIdAsync(app.Id);
        var detail = ResultAssert.Ok(await workspace.Versions.GetAsync(workspace.Admin, v1));
        var definition = ResultAssert.Ok(DefinitionEdits.AddQuery(detail.Definition, "items", "stock"));
        ResultAssert.Ok(await workspace.Versions.UpdateDefinitionAsync(workspace.Admin, v1, detail.Revision, definition));
        await workspace.SaveAndReleaseAsync(v1);
        return (app.Id, v1);
    }

    public static async Task MakePublicAsync(this TestWorkspace workspace, int appId) =>
        ResultAssert.Ok(await workspace.Get<SharingService>().SetPublicAsync(workspace.Admin, appId, true));
}
