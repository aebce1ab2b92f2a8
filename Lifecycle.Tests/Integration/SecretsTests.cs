using System.Text.Json.Nodes;
using Lifecycle.Data.Common;
using Lifecycle.Data.Definitions;
using Lifecycle.Data.Environments;
using Lifecycle.Data.Queries;
using Lifecycle.Data.Versions;
using Lifecycle.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Lifecycle.Tests.Integration;

/// <summary>
/// SPEC E5, issue 7: a builder could put a secret constant into a query's path, query string or body, run it against an
/// API that echoes its input and read the secret (and the data source's bearer token) in the result.
/// </summary>
public sealed class SecretsTests
{
    private const string Secret = "k-12345+/<secret>&'"; // characters that JSON, URL and HTML encoders each rewrite
    private const string Token = "tok-67890/=&\"quoted\"";

    private static void AllowLoopback(IServiceCollection services) =>
        services.Configure<QuerySettings>(settings => settings.AllowPrivateNetworks = true);

    [Theory]
    [InlineData("path", "/echo/{{constants.API_KEY}}", "", "")]
    [InlineData("query string", "/echo", "key={{ constants.API_KEY }}", "")]
    [InlineData("body", "/echo", "", "{\"key\":\"{{constants.API_KEY.x}}\"}")]
    public async Task E5_AQueryThatNamesASecretConstantIsRefusedAtRunTimeAndSendsNothing(string field, string path, string queryString, string body)
    {
        // SPEC E5
        await using var api = new FakeRestApi().Echo("/echo");
        await using var workspace = await TestWorkspace.StartAsync(AllowLoopback);
        await workspace.AddRestSourceAsync("echo", api.BaseUrl);
        var versionId = await workspace.AppWithQueryAsync("echo", path, "POST", queryString, body); // saved before API_KEY became a secret
        await workspace.AddConstantAsync("API_KEY", Secret, isSecret: true);

        var outcome = await workspace.RunQueryAsync(versionId);

        Assert.Null(outcome.Data);
        Assert.Contains($"The {field} of query items uses the secret constant API_KEY", outcome.Error);
        Assert.Contains("usable only in data source settings", outcome.Error);
        Assert.Empty(api.Requests);
    }

    [Fact]
    public async Task E5_SavingADraftThatNamesASecretConstantInAQueryOrAComponentIsRefused()
    {
        // SPEC E5: flagged when the query is edited, next to the field
        await using var workspace = await TestWorkspace.StartAsync();
        var (v1, detail) = await SecretAndPlainConstantAndADraftAsync(workspace);
        var withQuery = ResultAssert.Ok(DefinitionEdits.AddQuery(detail.Definition, "items", "stock"));
        var plainUse = ResultAssert.Ok(DefinitionEdits.SetQueryOption(withQuery, "items", QueryOptions.Path, "/items/{{constants.GREETING}}"));
        var secretUse = ResultAssert.Ok(DefinitionEdits.SetQueryOption(withQuery, "items", QueryOptions.Path, "/items/{{constants.API_KEY}}"));
        var pageId = detail.Definition.Pages[0].Id;
        var withText = ResultAssert.Ok(DefinitionEdits.AddComponent(detail.Definition, pageId, ComponentType.Text, out var text1));
        var secretText = ResultAssert.Ok(DefinitionEdits.SetProperty(withText, pageId, text1!.Id, "text", "{{constants.API_KEY}}"));

        var refusedQuery = await workspace.Versions.UpdateDefinitionAsync(workspace.Admin, v1, detail.Revision, secretUse);
        var refusedText = await workspace.Versions.UpdateDefinitionAsync(workspace.Admin, v1, detail.Revision, secretText);

        ResultAssert.Failed(ResultStatus.Invalid, refusedQuery, QueryOptions.Path);
        Assert.Contains("The path of query items uses the secret constant API_KEY", refusedQuery.Error);
        ResultAssert.Failed(ResultStatus.Invalid, refusedText, "text");
        Assert.Contains("component text1", refusedText.Error);
        ResultAssert.Ok(await workspace.Versions.UpdateDefinitionAsync(workspace.Admin, v1, detail.Revision, plainUse));
    }

    [Fact]
    public async Task E5_AnAutosaveThatWritesASecretConstantIntoAQueryOrAComponentIsRefused()
    {
        // SPEC E5 on the editor's path (decision 019): the query or component an operation writes is checked as it is after the batch
        await using var workspace = await TestWorkspace.StartAsync();
        var (v1, detail) = await SecretAndPlainConstantAndADraftAsync(workspace);
        var pageId = detail.Definition.Pages[0].Id;
        var revision = ResultAssert.Ok(await workspace.Versions.ApplyAsync(workspace.Admin, v1, detail.Revision,
            [new AddQuery("items", "stock"), new AddComponent(pageId, "cmp0000text1", ComponentType.Text)]));
        var text1 = ResultAssert.Ok(await workspace.Versions.GetAsync(workspace.Admin, v1)).Definition.Pages[0].Components.Single();

        var refusedQuery = await workspace.Versions.ApplyAsync(workspace.Admin, v1, revision, [new SetQueryOption("items", QueryOptions.Body, "{\"k\":\"{{constants.API_KEY}}\"}")]);
        var refusedText = await workspace.Versions.ApplyAsync(workspace.Admin, v1, revision, [new SetComponentProperty(pageId, text1.Id, "text", "{{ constants.API_KEY }}")]);
        var refusedRecord = await workspace.Versions.ApplyAsync(workspace.Admin, v1, revision,
            [new ReplaceComponent(pageId, text1 with { Properties = text1.Properties.SetItem("text", "{{constants.API_KEY}}") })]);

        ResultAssert.Failed(ResultStatus.Invalid, refusedQuery, QueryOptions.Body);
        Assert.Contains("The body of query items uses the secret constant API_KEY", refusedQuery.Error);
        ResultAssert.Failed(ResultStatus.Invalid, refusedText, "text");
        Assert.Contains("The text of component text1 uses the secret constant API_KEY", refusedText.Error);
        ResultAssert.Failed(ResultStatus.Invalid, refusedRecord, "text");
        Assert.Equal(revision, (await workspace.VersionRowAsync(v1)).Revision); // nothing refused was stored

        // A batch is judged by what it leaves: the secret typed and replaced before the save went out is never stored.
        var retyped = await workspace.Versions.ApplyAsync(workspace.Admin, v1, revision,
            [new SetComponentProperty(pageId, text1.Id, "text", "{{constants.API_KEY}}"), new SetComponentProperty(pageId, text1.Id, "text", "{{constants.GREETING}}")]);
        Assert.Equal(revision + 1, ResultAssert.Ok(retyped));
    }

    [Fact]
    public async Task E5_AnAutosaveChecksOnlyWhatItWrites()
    {
        // Decision 019: the check costs what the change costs. A constant that became secret after a draft named it is refused
        // when the component or query that names it is written again (and a query naming it is refused when it runs), not
        // in an edit of something else.
        await using var workspace = await TestWorkspace.StartAsync();
        var app = await workspace.CreateAppAsync(workspace.Admin);
        var v1 = await workspace.FirstVersionIdAsync(app.Id);
        var detail = ResultAssert.Ok(await workspace.Versions.GetAsync(workspace.Admin, v1));
        var pageId = detail.Definition.Pages[0].Id;
        var revision = ResultAssert.Ok(await workspace.Versions.ApplyAsync(workspace.Admin, v1, detail.Revision,
        [
            new AddComponent(pageId, "cmp000input1", ComponentType.TextInput),
            new SetComponentProperty(pageId, "cmp000input1", "label", "{{constants.LATER}}"),
            new AddComponent(pageId, "cmp0000text2", ComponentType.Text),
        ]));
        await workspace.AddConstantAsync("LATER", Secret, isSecret: true);

        revision = ResultAssert.Ok(await workspace.Versions.ApplyAsync(workspace.Admin, v1, revision,
            [new SetComponentProperty(pageId, "cmp0000text2", "text", "Elsewhere"), new ResizeComponent(pageId, "cmp000input1", 4)]));
        var refused = await workspace.Versions.ApplyAsync(workspace.Admin, v1, revision, [new SetComponentProperty(pageId, "cmp000input1", "placeholder", "Name")]);

        ResultAssert.Failed(ResultStatus.Invalid, refused, "label");
        Assert.Contains("uses the secret constant LATER", refused.Error);
    }

    [Theory]
    [InlineData(DeploymentEnvironment.Development)]
    [InlineData(DeploymentEnvironment.Staging)]
    public async Task E5_SecretsAndTheBearerTokenThatAnApiEchoesAreMasked(DeploymentEnvironment environment)
    {
        // SPEC E5: secret constants in data source settings (base URL, headers) and the token reach the API, never the browser
        await using var api = new FakeRestApi().Echo("/echo");
        await using var workspace = await TestWorkspace.StartAsync(AllowLoopback);
        await workspace.AddConstantAsync("API_KEY", Secret, isSecret: true);
        await workspace.AddConstantAsync("TENANT", "tenant-77aa", isSecret: true);
        await workspace.AddRestSourceAsync("echo", api.BaseUrl + "/echo/{{constants.TENANT}}", """{"X-Api-Key":"{{constants.API_KEY}}"}""", Token);
        var versionId = await workspace.AppWithQueryAsync("echo", "/items", "POST", "page=1", "{\"hello\":\"world\"}");
        if (environment == DeploymentEnvironment.Staging)
        {
            ResultAssert.Ok(await workspace.Versions.SaveAsync(workspace.Admin, versionId, null));
            ResultAssert.Ok(await workspace.Promotions.PromoteAsync(workspace.Admin, versionId, DeploymentEnvironment.Staging));
        }

        var outcome = await workspace.RunQueryAsync(versionId);

        Assert.Null(outcome.Error);
        var request = Assert.Single(api.Requests);
        Assert.Equal($"Bearer {Token}", request.Authorization); // the API got the real values
        Assert.StartsWith("/echo/tenant-77aa/items", request.Path);
        var shown = outcome.Data!.ToJsonString() + "\n" + string.Join("\n", StringsOf(outcome.Data)); // as sent, and as a browser would decode it
        foreach (var secret in new[] { Secret, Token, "tenant-77aa", "k-12345", "tok-67890", Uri.EscapeDataString(Secret), Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(Token)) })
        {
            Assert.DoesNotContain(secret, shown, StringComparison.OrdinalIgnoreCase);
        }

        Assert.Contains(SecretMask.Mask, outcome.Data!["headers"]!["X-Api-Key"]!.GetValue<string>());
        Assert.Equal("Bearer " + SecretMask.Mask, outcome.Data!["headers"]!["Authorization"]!.GetValue<string>());
        Assert.Equal("{\"hello\":\"world\"}", outcome.Data!["body"]!.GetValue<string>()); // what is not secret stays readable
    }

    /// <summary>The secret constant API_KEY, the plain constant GREETING and a new app's first draft.</summary>
    private static async Task<(int VersionId, VersionDetail Detail)> SecretAndPlainConstantAndADraftAsync(TestWorkspace workspace)
    {
        await workspace.AddConstantAsync("API_KEY", Secret, isSecret: true);
        await workspace.AddConstantAsync("GREETING", "Hello", isSecret: false);
        var app = await workspace.CreateAppAsync(workspace.Admin);
        var v1 = await workspace.FirstVersionIdAsync(app.Id);
        return (v1, ResultAssert.Ok(await workspace.Versions.GetAsync(workspace.Admin, v1)));
    }

    private static IEnumerable<string> StringsOf(JsonNode? node) => node switch
    {
        JsonObject obj => obj.SelectMany(p => StringsOf(p.Value).Prepend(p.Key)),
        JsonArray array => array.SelectMany(StringsOf),
        JsonValue value when value.TryGetValue<string>(out var text) => [text],
        _ => [],
    };
}
