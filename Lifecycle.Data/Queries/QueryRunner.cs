using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Lifecycle.Data.Access;
using Lifecycle.Data.Audit;
using Lifecycle.Data.Common;
using Lifecycle.Data.Constants;
using Lifecycle.Data.DataSources;
using Lifecycle.Data.Definitions;
using Lifecycle.Data.Environments;
using Lifecycle.Data.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Lifecycle.Data.Queries;

/// <summary>A query's result: its data, or why there is none.</summary>
public sealed record QueryOutcome(JsonNode? Data, string? Error);

/// <summary>What a rendered version can bind to (SPEC D2, E4): plain constants and query results of one environment.</summary>
public sealed record RenderData(DeploymentEnvironment Environment, IReadOnlyDictionary<string, string> Constants, IReadOnlyDictionary<string, QueryOutcome> Queries);

/// <summary>
/// Runs the queries of a version's definition on the server (SPEC E4): the editor's preview in the version's
/// environment, the released app in production. Only queries defined in the version run; never arbitrary requests.
/// </summary>
public sealed class QueryRunner(IDbContextFactory<LifecycleDbContext> dbFactory, DefinitionStore definitions, SecretProtector secrets, IHttpClientFactory httpClients, IOptions<QuerySettings> settings, AuditWriter audit)
{
    public const string HttpClientName = "lifecycle-queries";

    /// <summary>The editor's preview: every query of the version, in the version's environment.</summary>
    public async Task<Result<RenderData>> RunForVersionAsync(Actor actor, int versionId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var version = await db.Versions.AsNoTracking().FirstOrDefaultAsync(v => v.Id == versionId, cancellationToken);
        if (version is null)
        {
            return Result<RenderData>.From(Result.NotFound("This version no longer exists."));
        }

        if (await audit.AuthorizeAsync(db, actor, Permission.ViewApp, new AuditEvent(AuditActions.QueriesRun, version.AppId, version.Id), cancellationToken) is { } refusal)
        {
            return Result<RenderData>.From(refusal);
        }

        return await RunAllAsync(db, version.DefinitionHash, version.Environment, cancellationToken);
    }

    /// <summary>The released app: every query of the released version, with production values.</summary>
    public async Task<Result<RenderData>> RunReleasedAsync(Actor? viewer, int appId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rights = viewer is null ? UserRights.None : await AccessRules.LoadAsync(db, viewer.UserId, cancellationToken);
        if (!rights.Has(Permission.ViewApp, appId))
        {
            return await audit.RecordFailureAsync(viewer, new AuditEvent(AuditActions.QueriesRun, appId, Environment: nameof(DeploymentEnvironment.Production)),
                Result<RenderData>.From(Result.Forbidden(AccessRules.Refusal(Permission.ViewApp))));
        }

        var hash = await (from app in db.Apps
                          join version in db.Versions on app.ReleasedVersionId equals version.Id
                          where app.Id == appId
                          select version.DefinitionHash).FirstOrDefaultAsync(cancellationToken);
        return hash is null
            ? Result<RenderData>.From(Result.NotFound("This app is not released yet."))
            : await RunAllAsync(db, hash, DeploymentEnvironment.Production, cancellationToken);
    }

    private async Task<Result<RenderData>> RunAllAsync(LifecycleDbContext db, string definitionHash, DeploymentEnvironment environment, CancellationToken cancellationToken)
    {
        var queries = await definitions.QueriesAsync(db, definitionHash, cancellationToken);
        var values = await EnvironmentValues.LoadAsync(db, secrets, environment, cancellationToken);
        var outcomes = new Dictionary<string, QueryOutcome>(StringComparer.Ordinal);
        foreach (var query in queries)
        {
            outcomes[query.Name] = await RunAsync(query, values, cancellationToken);
        }

        return new RenderData(environment, values.PlainConstants, outcomes);
    }

    private async Task<QueryOutcome> RunAsync(QueryDefinition query, EnvironmentValues values, CancellationToken cancellationToken)
    {
        if (!values.DataSources.TryGetValue(query.DataSource, out var found) || found.Settings is not { } options || !options.IsConfiguredFor(found.Source.Kind))
        {
            return new QueryOutcome(null, $"The data source {query.DataSource} has no value in {values.Environment}.");
        }

        if (found.Source.Kind == DataSourceKind.StaticJson)
        {
            return new QueryOutcome(JsonNode.Parse(options.StaticJson!), null);
        }

        var scope = new JsonObject { ["constants"] = new JsonObject(values.AllConstants.Select(c => KeyValuePair.Create(c.Key, (JsonNode?)JsonValue.Create(c.Value)))) };
        string Option(string key) => Bindings.ResolveText(query.Options.GetValueOrDefault(key, ""), scope);
        try
        {
            var token = options.ProtectedBearerToken is null ? null : secrets.Unprotect(options.ProtectedBearerToken);
            using var request = BuildRequest(options, token, Option, scope);
            return await SendAsync(request, cancellationToken);
        }
        catch (RefusedAddressException refused)
        {
            return new QueryOutcome(null, refused.Message);
        }
        catch (HttpRequestException failure) when (failure.InnerException is RefusedAddressException refused)
        {
            return new QueryOutcome(null, refused.Message);
        }
        catch (HttpRequestException failure)
        {
            return new QueryOutcome(null, $"The API could not be reached: {failure.Message}");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new QueryOutcome(null, $"The API did not answer within {settings.Value.TimeoutSeconds} seconds.");
        }
        catch (UriFormatException)
        {
            return new QueryOutcome(null, "The query's path does not make a valid address.");
        }
    }

    private static HttpRequestMessage BuildRequest(DataSourceSettings options, string? bearerToken, Func<string, string> option, JsonObject scope)
    {
        var baseUri = new Uri(options.BaseUrl!.TrimEnd('/') + "/");
        var path = option(QueryOptions.Path).TrimStart('/');
        var queryString = option(QueryOptions.QueryString).TrimStart('?');
        var target = new Uri(baseUri, path + (queryString.Length > 0 ? "?" + queryString : ""));
        if (target.Host != baseUri.Host || target.Port != baseUri.Port || target.Scheme != baseUri.Scheme)
        {
            throw new UriFormatException("A query's path cannot leave its data source's address.");
        }

        var method = option(QueryOptions.Method) is { Length: > 0 } m ? m : "GET";
        var request = new HttpRequestMessage(new HttpMethod(method), target);
        if (options.HeadersJson is not null)
        {
            foreach (var header in JsonDocument.Parse(options.HeadersJson).RootElement.EnumerateObject())
            {
                request.Headers.TryAddWithoutValidation(header.Name, Bindings.ResolveText(header.Value.GetString() ?? "", scope));
            }
        }

        if (bearerToken is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearerToken);
        }

        var body = option(QueryOptions.Body);
        if (method != "GET" && body.Length > 0)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        return request;
    }

    private async Task<QueryOutcome> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var limits = settings.Value;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(limits.TimeoutSeconds));
        var client = httpClients.CreateClient(HttpClientName);
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        if (!response.IsSuccessStatusCode)
        {
            return new QueryOutcome(null, $"The API answered {(int)response.StatusCode} {response.ReasonPhrase}.");
        }

        if (response.Content.Headers.ContentLength > limits.MaxResponseBytes)
        {
            return TooLarge(limits);
        }

        await using var stream = await response.Content.ReadAsStreamAsync(timeout.Token);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, timeout.Token)) > 0)
        {
            if (buffer.Length + read > limits.MaxResponseBytes)
            {
                return TooLarge(limits);
            }

            buffer.Write(chunk, 0, read);
        }

        var text = Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        try
        {
            return new QueryOutcome(JsonNode.Parse(text), null);
        }
        catch (JsonException)
        {
            return new QueryOutcome(JsonValue.Create(text), null); // not JSON: the text itself
        }
    }

    private static QueryOutcome TooLarge(QuerySettings limits) =>
        new(null, $"The API's answer is larger than {limits.MaxResponseBytes} bytes.");
}
