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
using Lifecycle.Data.Sharing;
using Lifecycle.Data.Versions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Lifecycle.Data.Queries;

/// <summary>A query's result: its data, or why there is none.</summary>
public sealed record QueryOutcome(JsonNode? Data, string? Error);

/// <summary>Which queries of a definition to run: all of them (the editor's Run), those that run when the page opens, or one (an event, SPEC D5).</summary>
public sealed record QuerySelection(string? OnlyName, bool OnlyOnPageOpen)
{
    public static QuerySelection All { get; } = new(null, false);

    public static QuerySelection OnPageOpen { get; } = new(null, true);

    public static QuerySelection Named(string name) => new(name, false);

    internal bool Includes(QueryDefinition query) =>
        (OnlyName is null || query.Name == OnlyName) && (!OnlyOnPageOpen || query.RunsOnPageOpen);
}

/// <summary>What a rendered version can bind to (SPEC D2, E4): plain constants and query results of one environment.</summary>
public sealed record RenderData(DeploymentEnvironment Environment, IReadOnlyDictionary<string, string> Constants, IReadOnlyDictionary<string, QueryOutcome> Queries);

/// <summary>
/// Runs the queries of a version's definition on the server (SPEC E4): the editor's preview in the version's
/// environment, the released app in production. Only queries defined in the version run; never arbitrary requests.
/// </summary>
public sealed class QueryRunner(UseCaseRunner runner, DefinitionStore definitions, SecretProtector secrets, IHttpClientFactory httpClients, IOptions<QuerySettings> settings, OutboundAddressGuard guard, AnonymousQueryLimit anonymousLimit, ILogger<QueryRunner> logger)
{
    public const string HttpClientName = "lifecycle-queries";

    /// <summary>
    /// The editor's preview: the selected queries of the version (every one by default), in the version's environment.
    /// SPEC A6: builders and releasers of the app only.
    /// </summary>
    public Task<Result<RenderData>> RunForVersionAsync(Actor actor, int versionId, QuerySelection? selection = null, CancellationToken cancellationToken = default) =>
        runner.ReadAsync(actor, UseCase.OnVersionContent(AuditActions.QueriesRun, versionId), async context =>
        {
            return await VersionQueriesAsync(context.Db, versionId, cancellationToken) is var (version, queries)
                ? await RunSelectedAsync(context.Db, queries, version.Environment, selection ?? QuerySelection.All, cancellationToken)
                : Result<RenderData>.From(Result.NotFound("This version no longer exists."));
        }, cancellationToken);

    /// <summary>
    /// The released app: the selected queries of the released version (every one by default), with production values.
    /// SPEC S2, S5, S6: for its viewers, or anyone when the app is public; none while it is down for maintenance; a
    /// visitor who is not signed in (<paramref name="viewer"/> null) runs them a limited number of times a minute from
    /// <paramref name="visitorIp"/>.
    /// </summary>
    public Task<Result<RenderData>> RunReleasedAsync(Actor? viewer, int appId, QuerySelection? selection = null, string? visitorIp = null, CancellationToken cancellationToken = default) =>
        runner.ReadAsync(viewer, UseCase.OnApp(AuditActions.QueriesRun, appId, Permission.ViewApp).OrAnyoneIfPublic(), async context =>
        {
            context.Entry = context.Entry with { Environment = nameof(DeploymentEnvironment.Production) };
            if (context.Actor is null && anonymousLimit.TryTake(visitorIp) is { } tooMany)
            {
                return Result<RenderData>.From(tooMany);
            }

            // A release and the deletion of the version released before may come between the reads (decision 020).
            var read = await DefinitionStore.FollowAsync(
                () => (from app in context.Db.Apps
                       join version in context.Db.Versions on app.ReleasedVersionId equals version.Id
                       where app.Id == appId
                       select new ReleasedPointer(version.DefinitionHash, app.InMaintenance)).FirstOrDefaultAsync(cancellationToken),
                released => released.DefinitionHash,
                hash => definitions.QueriesAsync(context.Db, hash, cancellationToken));
            return read switch
            {
                null => Result<RenderData>.From(Result.NotFound("This app is not released yet.")),
                var (released, _) when released.InMaintenance => Result<RenderData>.From(Result.Unavailable("This app is down for maintenance.")),
                var (_, queries) => await RunSelectedAsync(context.Db, queries, DeploymentEnvironment.Production, selection ?? QuerySelection.All, cancellationToken),
            };
        }, cancellationToken);

    /// <summary>
    /// SPEC S4: a preview runs the selected queries of any version of the app with the values of
    /// <paramref name="environment"/>, for whoever may preview with them (<see cref="PreviewAccess"/>).
    /// </summary>
    public Task<Result<RenderData>> RunPreviewAsync(Actor actor, int versionId, DeploymentEnvironment environment, QuerySelection? selection = null, CancellationToken cancellationToken = default) =>
        runner.ReadAsync(actor, UseCase.OnVersionContent(AuditActions.QueriesRun, versionId), async context =>
        {
            context.Entry = context.Entry with { Environment = environment.ToString() };
            if (await VersionQueriesAsync(context.Db, versionId, cancellationToken) is not var (version, queries))
            {
                return Result<RenderData>.From(Result.NotFound("This version no longer exists."));
            }

            return PreviewAccess.Check(context, version.Environment, environment) is { } refused
                ? Result<RenderData>.From(refused)
                : await RunSelectedAsync(context.Db, queries, environment, selection ?? QuerySelection.All, cancellationToken);
        }, cancellationToken);

    /// <summary>
    /// A version and its queries; null when the version is gone. A draft may move on while its queries are read, and its
    /// former root be collected: the read follows it (decision 020).
    /// </summary>
    private Task<(AppVersion Version, IReadOnlyList<QueryDefinition> Queries)?> VersionQueriesAsync(LifecycleDbContext db, int versionId, CancellationToken cancellationToken) =>
        DefinitionStore.FollowAsync(
            () => db.Versions.AsNoTracking().FirstOrDefaultAsync(v => v.Id == versionId, cancellationToken),
            v => v.DefinitionHash,
            hash => definitions.QueriesAsync(db, hash, cancellationToken));

    private async Task<Result<RenderData>> RunSelectedAsync(LifecycleDbContext db, IReadOnlyList<QueryDefinition> queries, DeploymentEnvironment environment, QuerySelection selection, CancellationToken cancellationToken)
    {
        var values = await EnvironmentValues.LoadAsync(db, secrets, environment, cancellationToken);
        var outcomes = new Dictionary<string, QueryOutcome>(StringComparer.Ordinal);
        foreach (var query in queries.Where(selection.Includes))
        {
            var outcome = await RunAsync(query, values, cancellationToken);
            if (outcome.Error is not null)
            {
                // One line, no stack trace and no address or option values (they may hold secrets, SPEC E5): the reason is what the user sees too.
                logger.LogWarning("Query {Query} on data source {DataSource} in {Environment} failed: {Reason}", query.Name, query.DataSource, environment, outcome.Error);
            }

            outcomes[query.Name] = outcome;
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

        // SPEC E5: a builder's fields may not name a secret, which an API that echoes its input would hand back.
        if (SecretConstantRule.FindIn(query, values.SecretNames) is { } secretUse)
        {
            return new QueryOutcome(null, secretUse.Message);
        }

        // Data source settings, which only managers of data sources write, see every constant; a builder's fields see
        // plain ones only, so even a secret that slipped past the rule above would resolve to nothing.
        var settingsScope = ScopeOf(values.AllConstants);
        var queryScope = ScopeOf(values.PlainConstants);
        var token = options.ProtectedBearerToken is null ? null : Bindings.ResolveText(secrets.Unprotect(options.ProtectedBearerToken), settingsScope);
        var mask = SecretMask.For([.. values.SecretValues, token]);
        return mask.Apply(await CallAsync(query, options, token, settingsScope, queryScope, mask, cancellationToken));
    }

    private async Task<QueryOutcome> CallAsync(QueryDefinition query, DataSourceSettings options, string? token, JsonObject settingsScope, JsonObject queryScope, SecretMask mask, CancellationToken cancellationToken)
    {
        string Option(string key) => Bindings.ResolveText(query.Options.GetValueOrDefault(key, ""), queryScope);
        var method = Option(QueryOptions.Method).Trim().ToUpperInvariant() is { Length: > 0 } m ? m : "GET";
        if (!QueryOptions.Methods.Contains(method))
        {
            return new QueryOutcome(null, $"The query's method must be one of {string.Join(", ", QueryOptions.Methods)}.");
        }

        var target = QueryPath.Combine(Bindings.ResolveText(options.BaseUrl!, settingsScope), Option(QueryOptions.Path), Option(QueryOptions.QueryString));
        if (!target.IsSuccess)
        {
            return new QueryOutcome(null, target.Error);
        }

        var limits = settings.Value;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(limits.TimeoutSeconds));
        try
        {
            // SPEC Q1: refused before anything is sent; the connect callback checks the addresses it connects to again.
            await guard.ResolveAllowedAsync(target.Value!.IdnHost, timeout.Token);
            using var request = BuildRequest(target.Value, method, options, token, Option(QueryOptions.Body), settingsScope);
            return await SendAsync(request, mask, limits, timeout.Token);
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
            return new QueryOutcome(null, $"The API did not answer within {limits.TimeoutSeconds} seconds.");
        }
    }

    private static JsonObject ScopeOf(IReadOnlyDictionary<string, string> constants) =>
        new() { ["constants"] = new JsonObject(constants.Select(c => KeyValuePair.Create(c.Key, (JsonNode?)JsonValue.Create(c.Value)))) };

    private static HttpRequestMessage BuildRequest(Uri target, string method, DataSourceSettings options, string? bearerToken, string body, JsonObject settingsScope)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), target);
        if (options.HeadersJson is not null)
        {
            foreach (var header in JsonDocument.Parse(options.HeadersJson).RootElement.EnumerateObject())
            {
                request.Headers.TryAddWithoutValidation(header.Name, Bindings.ResolveText(header.Value.GetString() ?? "", settingsScope));
            }
        }

        if (!string.IsNullOrEmpty(bearerToken))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearerToken);
        }

        if (method != "GET" && body.Length > 0)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        return request;
    }

    private async Task<QueryOutcome> SendAsync(HttpRequestMessage request, SecretMask mask, QuerySettings limits, CancellationToken cancellationToken)
    {
        var client = httpClients.CreateClient(HttpClientName);
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            return new QueryOutcome(null, $"The API answered {(int)response.StatusCode} {response.ReasonPhrase}.");
        }

        if (response.Content.Headers.ContentLength > limits.MaxResponseBytes)
        {
            return TooLarge(limits);
        }

        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limits.MaxResponseBytes)
            {
                return TooLarge(limits);
            }

            buffer.Write(chunk, 0, read);
        }

        return new QueryOutcome(mask.ParseMasked(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length)), null);
    }

    private static QueryOutcome TooLarge(QuerySettings limits) =>
        new(null, $"The API's answer is larger than {limits.MaxResponseBytes} bytes.");

    /// <summary>The released version's root and whether the app is down for maintenance, read together.</summary>
    private sealed record ReleasedPointer(string DefinitionHash, bool InMaintenance);
}
