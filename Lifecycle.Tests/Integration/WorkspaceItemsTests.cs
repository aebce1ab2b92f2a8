using Lifecycle.Data.Common;
using Lifecycle.Data.Constants;
using Lifecycle.Data.DataSources;
using Lifecycle.Data.Definitions;
using Lifecycle.Data.Environments;
using Lifecycle.Data.Queries;
using Lifecycle.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Lifecycle.Tests.Integration;

/// <summary>Renaming and deleting data sources and constants, and running a chosen set of queries (issue 8), on real SQLite.</summary>
public sealed class WorkspaceItemsTests
{
    // SPEC V5, E3: a saved version cannot change, so what it uses cannot be renamed or deleted; the refusal names it
    [Fact]
    public async Task V5_ADataSourceUsedByASavedVersionIsNeitherRenamedNorDeleted()
    {
        await using var workspace = await TestWorkspace.StartAsync();
        var sources = workspace.Get<DataSourceService>();
        var id = await StaticSourceAsync(workspace, "catalog");
        var (_, v1) = await AppUsingAsync(workspace, "catalog", "{{constants.GREETING}}");
        ResultAssert.Ok(await workspace.Versions.SaveAsync(workspace.Admin, v1, null));

        var renamed = await sources.RenameAsync(workspace.Admin, id, "catalog2");
        var deleted = await sources.DeleteAsync(workspace.Admin, id);

        foreach (var refused in new[] { renamed, deleted })
        {
            ResultAssert.Failed(ResultStatus.Conflict, refused);
            Assert.Contains("saved version Orders v1", refused.Error);
        }

        Assert.Equal(["catalog"], ResultAssert.Ok(await sources.ListAsync(workspace.Admin)).Select(s => s.Name));
    }

    // A draft can still change, so it does not hold a data source back
    [Fact]
    public async Task ADataSourceUsedOnlyByADraftIsRenamedThenDeleted()
    {
        await using var workspace = await TestWorkspace.StartAsync();
        var sources = workspace.Get<DataSourceService>();
        var id = await StaticSourceAsync(workspace, "catalog");
        await AppUsingAsync(workspace, "catalog", "");

        ResultAssert.Ok(await sources.RenameAsync(workspace.Admin, id, "products"));
        Assert.Equal(["products"], ResultAssert.Ok(await sources.ListAsync(workspace.Admin)).Select(s => s.Name));
        ResultAssert.Ok(await sources.DeleteAsync(workspace.Admin, id));
        Assert.Empty(ResultAssert.Ok(await sources.ListAsync(workspace.Admin)));
        Assert.Contains(await workspace.AuditEntriesAsync(), e => e.Action == Lifecycle.Data.Audit.AuditActions.DataSourceDeleted && e.Details == "Data source products.");
    }

    [Theory]
    [InlineData("has space")]
    [InlineData("other")]
    public async Task ARenameFollowsTheNameRules(string newName)
    {
        await using var workspace = await TestWorkspace.StartAsync();
        var id = await StaticSourceAsync(workspace, "catalog");
        await StaticSourceAsync(workspace, "other");

        var result = await workspace.Get<DataSourceService>().RenameAsync(workspace.Admin, id, newName);

        ResultAssert.Failed(ResultStatus.Invalid, result);
        Assert.Equal("name", result.Field);
    }

    // SPEC V5, E3
    [Fact]
    public async Task V5_AConstantUsedByASavedVersionIsNeitherRenamedNorDeleted()
    {
        await using var workspace = await TestWorkspace.StartAsync();
        var constants = workspace.Get<ConstantService>();
        var greeting = ResultAssert.Ok(await constants.CreateAsync(workspace.Admin, "GREETING", isSecret: false));
        var unused = ResultAssert.Ok(await constants.CreateAsync(workspace.Admin, "UNUSED", isSecret: false));
        await StaticSourceAsync(workspace, "catalog");
        var (_, v1) = await AppUsingAsync(workspace, "catalog", "{{constants.GREETING}}");
        ResultAssert.Ok(await workspace.Versions.SaveAsync(workspace.Admin, v1, null));

        var refused = await constants.RenameAsync(workspace.Admin, greeting, "HELLO");
        ResultAssert.Failed(ResultStatus.Conflict, refused);
        Assert.Contains("The constant GREETING is used by saved version Orders v1", refused.Error);
        ResultAssert.Failed(ResultStatus.Conflict, await constants.DeleteAsync(workspace.Admin, greeting));

        ResultAssert.Ok(await constants.RenameAsync(workspace.Admin, unused, "SPARE"));
        ResultAssert.Ok(await constants.DeleteAsync(workspace.Admin, unused));
        Assert.Equal(["GREETING"], ResultAssert.Ok(await constants.ListAsync(workspace.Admin)).Select(c => c.Name));
    }

    // Issue 8: a parser's internals are no message for a person
    [Fact]
    public async Task InvalidJsonSaysWhereNotWhatTheParserThought()
    {
        await using var workspace = await TestWorkspace.StartAsync();
        var id = await StaticSourceAsync(workspace, "catalog");

        var result = await workspace.Get<DataSourceService>().SaveSettingsAsync(workspace.Admin, id, DeploymentEnvironment.Staging, new DataSourceSettingsInput(null, null, null, "[1,\n 2,,]"));

        ResultAssert.Failed(ResultStatus.Invalid, result);
        Assert.Equal("This is not valid JSON (line 2, character 4).", result.Error);
    }

    // SPEC D5: at open only the queries that run when the page opens; an event runs the one it names
    [Fact]
    public async Task D5_QueriesRunWhenThePageOpensOrWhenAsked()
    {
        await using var workspace = await TestWorkspace.StartAsync();
        await StaticSourceAsync(workspace, "catalog");
        var (_, v1) = await AppUsingAsync(workspace, "catalog", "", definition =>
        {
            definition = ResultAssert.Ok(DefinitionEdits.AddQuery(definition, "onOpen", "catalog"));
            return ResultAssert.Ok(DefinitionEdits.SetQueryRunOnPageOpen(definition, "onOpen", true));
        });
        var runner = workspace.Get<QueryRunner>();

        var opened = ResultAssert.Ok(await runner.RunForVersionAsync(workspace.Admin, v1, QuerySelection.OnPageOpen));
        var asked = ResultAssert.Ok(await runner.RunForVersionAsync(workspace.Admin, v1, QuerySelection.Named("items")));
        var all = ResultAssert.Ok(await runner.RunForVersionAsync(workspace.Admin, v1));

        Assert.Equal(["onOpen"], opened.Queries.Keys);
        Assert.Equal(["items"], asked.Queries.Keys);
        Assert.Equal(["items", "onOpen"], all.Queries.Keys.Order());
        Assert.Equal("Development widget", asked.Queries["items"].Data![0]!["name"]!.GetValue<string>());
    }

    // Issue 8: a refused or unreachable query is one line in the log, without a stack trace or the address it called
    [Fact]
    public async Task QueriesThatFailLogOneLineWithoutAStackTrace()
    {
        var logs = new CapturedLogs();
        await using var workspace = await TestWorkspace.StartAsync(services => services.AddLogging(logging => logging.AddProvider(logs).SetMinimumLevel(LogLevel.Trace)));
        var sources = workspace.Get<DataSourceService>();
        var id = ResultAssert.Ok(await sources.CreateAsync(workspace.Admin, "local", DataSourceKind.RestApi));
        ResultAssert.Ok(await sources.SaveSettingsAsync(workspace.Admin, id, DeploymentEnvironment.Development, new DataSourceSettingsInput("http://127.0.0.1:9/secret-path", null, null, null)));
        var (_, v1) = await AppUsingAsync(workspace, "local", "");

        var data = ResultAssert.Ok(await workspace.Get<QueryRunner>().RunForVersionAsync(workspace.Admin, v1));

        Assert.StartsWith("Refused to call 127.0.0.1", data.Queries["items"].Error);
        var written = logs.Entries.Where(e => e.Category.StartsWith("System.Net.Http", StringComparison.Ordinal) || e.Category.Contains("QueryRunner", StringComparison.Ordinal)).ToList();
        var line = Assert.Single(written);
        Assert.Null(line.Exception);
        Assert.Equal(LogLevel.Warning, line.Level);
        Assert.Equal("Query items on data source local in Development failed: Refused to call 127.0.0.1: the address is loopback (127.0.0.0/8). An admin can allow it in the outbound allowlist.", line.Message);
        Assert.DoesNotContain("secret-path", line.Message);
    }

    private static async Task<int> StaticSourceAsync(TestWorkspace workspace, string name)
    {
        var sources = workspace.Get<DataSourceService>();
        var id = ResultAssert.Ok(await sources.CreateAsync(workspace.Admin, name, DataSourceKind.StaticJson));
        ResultAssert.Ok(await sources.SaveSettingsAsync(workspace.Admin, id, DeploymentEnvironment.Development, new DataSourceSettingsInput(null, null, null, """[{"name":"Development widget"}]""")));
        return id;
    }

    /// <summary>An app "Orders" whose v1 has a query "items" on the data source and a text showing <paramref name="text"/>.</summary>
    private static async Task<(int AppId, int VersionId)> AppUsingAsync(TestWorkspace workspace, string dataSource, string text, Func<AppDefinition, AppDefinition>? more = null)
    {
        var app = await workspace.CreateAppAsync(workspace.Admin);
        var v1 = await workspace.FirstVersionIdAsync(app.Id);
        var detail = ResultAssert.Ok(await workspace.Versions.GetAsync(workspace.Admin, v1));
        var definition = ResultAssert.Ok(DefinitionEdits.AddQuery(detail.Definition, "items", dataSource));
        var pageId = definition.Pages[0].Id;
        definition = ResultAssert.Ok(DefinitionEdits.AddComponent(definition, pageId, ComponentType.Text, out var text1));
        definition = ResultAssert.Ok(DefinitionEdits.SetProperty(definition, pageId, text1!.Id, "text", text));
        ResultAssert.Ok(await workspace.Versions.UpdateDefinitionAsync(workspace.Admin, v1, detail.Revision, more?.Invoke(definition) ?? definition));
        return (app.Id, v1);
    }
}
