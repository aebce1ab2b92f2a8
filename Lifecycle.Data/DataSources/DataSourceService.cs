using System.Text.Json;
using Lifecycle.Data.Access;
using Lifecycle.Data.Audit;
using Lifecycle.Data.Common;
using Lifecycle.Data.Constants;
using Lifecycle.Data.Definitions;
using Lifecycle.Data.Environments;
using Lifecycle.Data.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Lifecycle.Data.DataSources;

/// <summary>A data source's options in one environment as the page shows them: the token only as "set" (SPEC E5).</summary>
public sealed record DataSourceSettingsView(DeploymentEnvironment Environment, string? BaseUrl, string? HeadersJson, bool HasBearerToken, string? StaticJson);

public sealed record DataSourceView(int Id, string Name, DataSourceKind Kind, IReadOnlyList<DataSourceSettingsView> Settings);

/// <summary>What the user typed for one environment. A null token keeps the stored one; an empty token removes it.</summary>
public sealed record DataSourceSettingsInput(string? BaseUrl, string? HeadersJson, string? NewBearerToken, string? StaticJson);

/// <summary>A data source as the editor's query panel knows it.</summary>
public sealed record DataSourceName(string Name, DataSourceKind Kind);

/// <summary>Use cases of the data sources page (SPEC E4, E5), for holders of "manage data sources", run through <see cref="UseCaseRunner"/>.</summary>
public sealed class DataSourceService(UseCaseRunner runner, SecretProtector secrets, DefinitionStore definitions)
{
    private readonly WorkspaceItems<DataSource> _items = new(definitions, "data source", references => references.DataSources);

    /// <summary>Renames a data source; refused while a saved version uses it in a query (it cannot change, SPEC V5).</summary>
    public Task<Result> RenameAsync(Actor actor, int dataSourceId, string newName, CancellationToken cancellationToken = default) =>
        runner.ChangeAsync(actor, UseCase.OnWorkspace(AuditActions.DataSourceRenamed, Permission.ManageDataSources),
            context => _items.RenameAsync(context, context.Db.DataSources, dataSourceId, newName, cancellationToken), cancellationToken);

    /// <summary>Deletes a data source with its value in every environment; refused while a saved version uses it.</summary>
    public Task<Result> DeleteAsync(Actor actor, int dataSourceId, CancellationToken cancellationToken = default) =>
        runner.ChangeAsync(actor, UseCase.OnWorkspace(AuditActions.DataSourceDeleted, Permission.ManageDataSources),
            context => _items.DeleteAsync(context, context.Db.DataSources, dataSourceId, cancellationToken), cancellationToken);

    public Task<Result<IReadOnlyList<DataSourceView>>> ListAsync(Actor actor, CancellationToken cancellationToken = default) =>
        runner.ReadAsync<IReadOnlyList<DataSourceView>>(actor, UseCase.OnWorkspace(AuditActions.DataSourcesViewed, Permission.ManageDataSources), async context =>
        {
            var sources = await context.Db.DataSources.AsNoTracking().OrderBy(s => s.Name).ToListAsync(cancellationToken);
            return sources.Select(s => new DataSourceView(s.Id, s.Name, s.Kind, s.Settings
                .OrderBy(x => x.Environment)
                .Select(x => new DataSourceSettingsView(x.Environment, x.BaseUrl, x.HeadersJson, x.ProtectedBearerToken is not null, x.StaticJson))
                .ToList())).ToList();
        }, cancellationToken);

    /// <summary>
    /// The data sources a builder picks from when adding a query to <paramref name="appId"/>: names and kinds only, no
    /// options. Open to whoever may open the app's versions (SPEC A6), as the editor's query panel is.
    /// </summary>
    public Task<Result<IReadOnlyList<DataSourceName>>> NamesAsync(Actor actor, int appId, CancellationToken cancellationToken = default) =>
        runner.ReadAsync<IReadOnlyList<DataSourceName>>(actor, UseCase.OnVersionsOf(AuditActions.DataSourceNamesViewed, appId), async context =>
            await context.Db.DataSources.AsNoTracking().OrderBy(s => s.Name).Select(s => new DataSourceName(s.Name, s.Kind)).ToListAsync(cancellationToken),
            cancellationToken);

    public Task<Result<int>> CreateAsync(Actor actor, string name, DataSourceKind kind, CancellationToken cancellationToken = default) =>
        runner.ChangeAsync<int>(actor, UseCase.OnWorkspace(AuditActions.DataSourceCreated, Permission.ManageDataSources), async context =>
        {
            var trimmed = name.Trim();
            context.Entry = context.Entry with { Details = $"Data source {trimmed} ({kind})." };
            var error = Identifier.Validate(name)
                ?? (await context.Db.DataSources.AnyAsync(s => s.Name == trimmed, cancellationToken) ? $"A data source named {trimmed} already exists." : null);
            if (error is not null)
            {
                return Result<int>.From(Result.Invalid(error, "name"));
            }

            var source = new DataSource(trimmed, kind);
            context.Db.DataSources.Add(source);
            await context.Db.SaveChangesAsync(cancellationToken);
            return source.Id;
        }, cancellationToken);

    public Task<Result> SaveSettingsAsync(Actor actor, int dataSourceId, DeploymentEnvironment environment, DataSourceSettingsInput input, CancellationToken cancellationToken = default) =>
        runner.ChangeAsync(actor, UseCase.OnWorkspace(AuditActions.DataSourceSettingsSaved, Permission.ManageDataSources), async context =>
        {
            var source = await context.Db.DataSources.FirstOrDefaultAsync(s => s.Id == dataSourceId, cancellationToken);
            // Names and environments only: a token or header value never reaches the audit log (SPEC E5).
            context.Entry = context.Entry with
            {
                Environment = environment.ToString(),
                Details = $"Data source {source?.Name ?? dataSourceId.ToString()}{(input.NewBearerToken is not null ? ", bearer token replaced" : "")}.",
            };
            if (source is null)
            {
                return Result.NotFound("This data source no longer exists.");
            }

            var invalid = source.Kind == DataSourceKind.RestApi ? ValidateRest(input) : ValidateStatic(input);
            if (invalid is not null)
            {
                return invalid;
            }

            var settings = source.GetOrAddSettings(environment);
            if (source.Kind == DataSourceKind.RestApi)
            {
                settings.SetRest(Blank(input.BaseUrl), Blank(input.HeadersJson));
                if (input.NewBearerToken is not null)
                {
                    settings.SetProtectedBearerToken(input.NewBearerToken.Length == 0 ? null : secrets.Protect(input.NewBearerToken));
                }
            }
            else
            {
                settings.SetStaticJson(Blank(input.StaticJson));
            }

            return Result.Success();
        }, cancellationToken);

    private static Result? ValidateRest(DataSourceSettingsInput input)
    {
        var baseUrl = Blank(input.BaseUrl);
        if (baseUrl is not null && !(Uri.TryCreate(baseUrl, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
        {
            return Result.Invalid("Enter an absolute http or https address.", "baseUrl");
        }

        var headers = Blank(input.HeadersJson);
        if (headers is not null && !IsObjectOfStrings(headers))
        {
            return Result.Invalid("Headers are a JSON object of strings, such as {\"Accept\": \"application/json\"}.", "headers");
        }

        return null;
    }

    private static Result? ValidateStatic(DataSourceSettingsInput input)
    {
        var json = Blank(input.StaticJson);
        if (json is null)
        {
            return null;
        }

        try
        {
            using var _ = JsonDocument.Parse(json);
            return null;
        }
        catch (JsonException exception)
        {
            // Where, not the parser's own words: "line 2, character 5" means something to the person who typed it.
            return Result.Invalid($"This is not valid JSON (line {exception.LineNumber + 1}, character {exception.BytePositionInLine + 1}).", "staticJson");
        }
    }

    internal static bool IsObjectOfStrings(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.EnumerateObject().All(p => p.Value.ValueKind == JsonValueKind.String);
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

}
