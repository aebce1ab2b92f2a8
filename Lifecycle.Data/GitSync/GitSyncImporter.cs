using Lifecycle.Data.Apps;
using Lifecycle.Data.Common;
using Lifecycle.Data.Constants;
using Lifecycle.Data.DataSources;
using Lifecycle.Data.Definitions;
using Lifecycle.Data.Environments;
using Lifecycle.Data.Persistence;
using Lifecycle.Data.Versions;
using Microsoft.EntityFrameworkCore;

namespace Lifecycle.Data.GitSync;

/// <summary>What an import did, line by line, for the job's outcome or the import dialog.</summary>
public sealed class ImportReport
{
    public List<string> Imported { get; } = [];
    public List<string> Clashes { get; } = [];
    public List<string> Notes { get; } = [];
    public HashSet<int> ChangedApps { get; } = [];
    public HashSet<int> CreatedApps { get; } = [];

    public string Summary()
    {
        var lines = new List<string>
        {
            Imported.Count == 0 ? "Nothing new was imported." : $"Imported {string.Join(", ", Imported)}.",
        };
        lines.AddRange(Clashes.Select(c => "Not overwritten: " + c));
        lines.AddRange(Notes);
        return string.Join("\n", lines);
    }
}

/// <summary>Secret values the importing admin typed, by <see cref="SecretKey"/>; used once, stored encrypted (SPEC E5).</summary>
public sealed record SecretValues(IReadOnlyDictionary<string, string> Values)
{
    public static readonly SecretValues None = new(new Dictionary<string, string>());

    public static string ConstantKey(string name, DeploymentEnvironment environment) => $"constant:{name}:{environment}";

    public static string TokenKey(string dataSource, DeploymentEnvironment environment) => $"token:{dataSource}:{environment}";

    public string? Get(string key) => Values.TryGetValue(key, out var value) && !string.IsNullOrEmpty(value) ? value : null;
}

/// <summary>
/// Brings apps, saved versions, release history, data sources and constants from a repository or an export file into
/// this instance (SPEC G4, G6), inside the caller's transaction. It never overwrites: an existing version with the
/// same name and other content is reported as a clash, existing data sources and constants are left as they are.
/// </summary>
public sealed class GitSyncImporter(GitSyncDefinitions definitions, SecretProtector secrets)
{
    /// <summary>Creates the data sources and constants this instance lacks, with their non-secret values and the secrets given.</summary>
    public async Task ImportValuesAsync(LifecycleDbContext db, WorkspaceValuesSnapshot values, SecretValues given, ImportReport report, CancellationToken cancellationToken)
    {
        var sourceNames = await db.DataSources.Select(s => s.Name).ToListAsync(cancellationToken);
        foreach (var record in values.DataSources.Where(r => !sourceNames.Contains(r.Name)))
        {
            if (Identifier.Validate(record.Name) is { } error)
            {
                report.Notes.Add($"Data source {record.Name} was not created: {error}");
                continue;
            }

            var source = new DataSource(record.Name, record.Kind);
            foreach (var (environment, options) in record.Environments)
            {
                var settings = source.GetOrAddSettings(environment);
                if (record.Kind == DataSourceKind.RestApi)
                {
                    settings.SetRest(options.BaseUrl, options.Headers is { Count: > 0 } headers ? System.Text.Json.JsonSerializer.Serialize(headers) : null);
                    if (options.HasBearerToken)
                    {
                        var token = given.Get(SecretValues.TokenKey(record.Name, environment));
                        if (token is null)
                        {
                            report.Notes.Add($"Data source {record.Name} has no bearer token in {environment} yet: set it on the Data sources page.");
                        }
                        else
                        {
                            settings.SetProtectedBearerToken(secrets.Protect(token));
                        }
                    }

                    foreach (var header in options.WithheldHeaders ?? [])
                    {
                        report.Notes.Add($"Data source {record.Name} lacks its {header} header in {environment}: its value was not exported; set it on the Data sources page.");
                    }
                }
                else
                {
                    settings.SetStaticJson(options.StaticJson);
                }
            }

            db.DataSources.Add(source);
            report.Imported.Add($"data source {record.Name}");
        }

        var constantNames = await db.Constants.Select(c => c.Name).ToListAsync(cancellationToken);
        foreach (var record in values.Constants.Where(r => !constantNames.Contains(r.Name)))
        {
            if (Identifier.Validate(record.Name) is { } error)
            {
                report.Notes.Add($"Constant {record.Name} was not created: {error}");
                continue;
            }

            var constant = new WorkspaceConstant(record.Name, record.Secret);
            if (record.Secret)
            {
                foreach (var environment in record.SetIn)
                {
                    var value = given.Get(SecretValues.ConstantKey(record.Name, environment));
                    if (value is null)
                    {
                        report.Notes.Add($"Secret constant {record.Name} has no value in {environment} yet: set it on the Constants page.");
                    }
                    else
                    {
                        constant.SetStoredValue(environment, secrets.Protect(value));
                    }
                }
            }
            else
            {
                foreach (var (environment, value) in record.Values)
                {
                    constant.SetStoredValue(environment, value);
                }
            }

            db.Constants.Add(constant);
            report.Imported.Add($"constant {record.Name}");
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// Imports the app's saved versions (all, or those named in <paramref name="onlyVersions"/>) as saved versions, each in
    /// its recorded environment where this instance's values allow it (SPEC E3), else the furthest one they allow. With
    /// <paramref name="withReleaseHistory"/>, an app created here also gets its release history and released version (SPEC G6).
    /// </summary>
    public async Task ImportAppAsync(LifecycleDbContext db, AppSnapshot snapshot, IReadOnlySet<string>? onlyVersions, bool withReleaseHistory, string importerId, DateTime nowUtc, ImportReport report, CancellationToken cancellationToken)
    {
        if ((SlugRules.Validate(snapshot.Slug) ?? App.ValidateName(snapshot.Name)) is { } invalid)
        {
            report.Notes.Add($"App {snapshot.Name} ({snapshot.Slug}) was not imported: {invalid}");
            return;
        }

        var app = await db.Apps.FirstOrDefaultAsync(a => a.Slug == snapshot.Slug, cancellationToken);
        var created = app is null;
        if (app is null)
        {
            app = new App(snapshot.Name.Trim(), snapshot.Slug, importerId, nowUtc);
            db.Apps.Add(app);
            await db.SaveChangesAsync(cancellationToken);
            report.CreatedApps.Add(app.Id);
            report.Imported.Add($"app {app.Name} (/apps/{app.Slug})");
        }

        var local = await db.Versions.Where(v => v.AppId == app.Id).ToListAsync(cancellationToken);
        var byKey = local.ToDictionary(v => v.NameKey, StringComparer.Ordinal);
        var environments = new Dictionary<DeploymentEnvironment, EnvironmentValues>();
        foreach (var version in snapshot.Versions.Where(v => onlyVersions is null || onlyVersions.Contains(v.Name)))
        {
            var label = $"{snapshot.Slug} {version.Name}";
            if (byKey.TryGetValue(VersionNameRules.UniquenessKey(version.Name), out var existing))
            {
                if (existing.DefinitionHash != GitSyncDefinitions.HashOf(version.Definition))
                {
                    report.Clashes.Add($"{label}: this instance has a different version named {existing.Name}.");
                }

                continue;
            }

            if (ImageSources.Offending(version.Definition) is [var image, ..])
            {
                report.Notes.Add($"{label} was not imported: {image}: {ImageSources.Refusal}"); // issue 7: the rule of every saved definition
                continue;
            }

            var environment = await AllowedEnvironmentAsync(db, environments, version, report, label, cancellationToken);
            var hash = await definitions.StoreAsync(db, version.Definition, cancellationToken);
            var parentId = version.Parent is { } parent && byKey.TryGetValue(VersionNameRules.UniquenessKey(parent), out var parentVersion) ? parentVersion.Id : (int?)null;
            var imported = AppVersion.Imported(app.Id, version.Name, hash, parentId, version.Description, environment, version.SavedBy, version.SavedAtUtc, importerId);
            if (!imported.IsSuccess)
            {
                report.Notes.Add($"{label} was not imported: {imported.Error}");
                continue;
            }

            db.Versions.Add(imported.Value!);
            await db.SaveChangesAsync(cancellationToken);
            byKey[imported.Value!.NameKey] = imported.Value;
            report.Imported.Add(label);
            report.ChangedApps.Add(app.Id);
        }

        if (withReleaseHistory && created)
        {
            ImportReleaseHistory(db, app, snapshot, byKey, importerId, report);
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    /// <summary>
    /// SPEC G6: replays the release history through <see cref="App.Release"/>, so each row is checked by the same rules
    /// (saved, in production, a rollback only to a version released before) and the app ends on the last release.
    /// </summary>
    private static void ImportReleaseHistory(LifecycleDbContext db, App app, AppSnapshot snapshot, Dictionary<string, AppVersion> byKey, string importerId, ImportReport report)
    {
        var releasedBefore = new HashSet<int>();
        foreach (var line in snapshot.Releases)
        {
            if (!byKey.TryGetValue(VersionNameRules.UniquenessKey(line.Version), out var version))
            {
                report.Notes.Add($"{snapshot.Slug}: the {line.Kind.ToString().ToLowerInvariant()} of {line.Version} at {line.At:u} is not in the history here: that version was not imported.");
                continue;
            }

            var released = app.Release(version, line.Kind, releasedBefore.Contains(version.Id), importerId, line.By, line.At, line.Notes);
            if (!released.IsSuccess)
            {
                report.Notes.Add($"{snapshot.Slug}: the {line.Kind.ToString().ToLowerInvariant()} of {line.Version} at {line.At:u} is not in the history here: {released.Error}");
                continue;
            }

            db.Releases.Add(released.Value!);
            releasedBefore.Add(version.Id);
        }
    }

    /// <summary>SPEC E3 on import: the recorded environment if every value the version uses is set there, else the furthest one before it that has them.</summary>
    private async Task<DeploymentEnvironment> AllowedEnvironmentAsync(LifecycleDbContext db, Dictionary<DeploymentEnvironment, EnvironmentValues> cache, VersionSnapshot version, ImportReport report, string label, CancellationToken cancellationToken)
    {
        for (var environment = version.Environment; environment > DeploymentEnvironment.Development; environment--)
        {
            if (!cache.TryGetValue(environment, out var values))
            {
                values = cache[environment] = await EnvironmentValues.LoadAsync(db, secrets, environment, cancellationToken);
            }

            var missing = values.MissingFor(version.Definition);
            if (missing.Count == 0)
            {
                return environment;
            }

            report.Notes.Add($"{label} is in {environment} in the repository but comes in below it here: no value in {environment} for {string.Join(", ", missing)}.");
        }

        return DeploymentEnvironment.Development;
    }
}
