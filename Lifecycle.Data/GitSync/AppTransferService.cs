using System.Text.Json;
using Lifecycle.Data.Access;
using Lifecycle.Data.Audit;
using Lifecycle.Data.Common;
using Lifecycle.Data.Definitions;
using Lifecycle.Data.Events;
using Microsoft.EntityFrameworkCore;

namespace Lifecycle.Data.GitSync;

/// <summary>
/// One app in one file (issue 11, ToolJet #11851): its saved versions (all, or one), and the definitions of the data
/// sources and constants they use, without secret values (SPEC E5).
/// </summary>
public sealed record AppExportFile(string Format, int FormatVersion, string Name, string Slug, IReadOnlyList<VersionSnapshot> Versions, IReadOnlyList<DataSourceRecord> DataSources, IReadOnlyList<ConstantRecord> Constants)
{
    public const string FormatName = "lifecycle-app";
    public const int CurrentFormatVersion = 1;
}

/// <summary>A secret the import asks for: a secret constant's value or a bearer token, in one environment.</summary>
public sealed record SecretRequest(string Key, string Label);

/// <summary>What importing a file would do, before it does it.</summary>
public sealed record ImportPreview(string Name, string Slug, bool AppExists, IReadOnlyList<string> NewVersions, IReadOnlyList<string> Clashes, IReadOnlyList<SecretRequest> Secrets);

public sealed record ExportedFile(string FileName, string Text);

/// <summary>Export and import of one app as a file. Both need "manage GitSync" and are audited (SPEC A3, A4).</summary>
public sealed class AppTransferService(UseCaseRunner runner, GitSyncDefinitions definitions, GitSyncImporter importer)
{
    public const int MaxFileBytes = 5_000_000;

    /// <summary>Every saved version of the app, or only <paramref name="versionId"/>.</summary>
    public Task<Result<ExportedFile>> ExportAsync(Actor actor, int appId, int? versionId, CancellationToken cancellationToken = default) =>
        runner.ChangeAsync<ExportedFile>(actor, UseCase.OnApp(AuditActions.AppExported, appId, Permission.ManageGitSync), async context =>
        {
            var app = await context.Db.Apps.AsNoTracking().SingleAsync(a => a.Id == appId, cancellationToken);
            var snapshot = await GitSyncSnapshots.LoadAppAsync(context.Db, definitions, app, versionId is { } id ? new HashSet<int> { id } : null, cancellationToken);
            if (snapshot.Versions.Count == 0)
            {
                return Result<ExportedFile>.From(Result.Invalid(
                    versionId is null ? "This app has no saved version yet. Save a version first." : "Only a saved version of this app can be exported. Save it first.", "version"));
            }

            var references = snapshot.Versions.Select(v => DefinitionReferences.Of(v.Definition)).ToList();
            var values = (await GitSyncSnapshots.LoadValuesAsync(context.Db, cancellationToken))
                .Only(references.SelectMany(r => r.DataSources).ToHashSet(), references.SelectMany(r => r.Constants).ToHashSet());
            var file = new AppExportFile(AppExportFile.FormatName, AppExportFile.CurrentFormatVersion, snapshot.Name, snapshot.Slug, snapshot.Versions, values.DataSources, values.Constants);
            var versionPart = versionId is null ? "" : "-" + RepositoryLayout.Segment(snapshot.Versions[0].Name);
            context.Entry = context.Entry with { VersionId = versionId, Details = $"{snapshot.Versions.Count} version(s): {string.Join(", ", snapshot.Versions.Select(v => v.Name))}." };
            return new ExportedFile($"{snapshot.Slug}{versionPart}.lifecycle.json", GitSyncJson.Write(file));
        }, cancellationToken);

    /// <summary>Reads the file and says what an import would create, what clashes, and which secret values it needs.</summary>
    public Task<Result<ImportPreview>> PreviewImportAsync(Actor actor, string text, CancellationToken cancellationToken = default) =>
        runner.ReadAsync<ImportPreview>(actor, GitSyncService.Declared(AuditActions.AppImported), async context =>
        {
            var parsed = Parse(text);
            if (!parsed.IsSuccess)
            {
                return Result<ImportPreview>.From(parsed);
            }

            var file = parsed.Value!;
            var db = context.Db;
            var app = await db.Apps.AsNoTracking().FirstOrDefaultAsync(a => a.Slug == file.Slug, cancellationToken);
            var existing = app is null ? [] : await db.Versions.AsNoTracking().Where(v => v.AppId == app.Id).Select(v => v.NameKey).ToListAsync(cancellationToken);
            var clashes = file.Versions.Where(v => existing.Contains(Versions.VersionNameRules.UniquenessKey(v.Name))).Select(v => v.Name).ToList();
            var sourceNames = await db.DataSources.AsNoTracking().Select(s => s.Name).ToListAsync(cancellationToken);
            var constantNames = await db.Constants.AsNoTracking().Select(c => c.Name).ToListAsync(cancellationToken);
            var secretsNeeded = file.Constants.Where(c => c.Secret && !constantNames.Contains(c.Name))
                .SelectMany(c => c.SetIn.Select(e => new SecretRequest(SecretValues.ConstantKey(c.Name, e), $"{c.Name} in {e}")))
                .Concat(file.DataSources.Where(s => !sourceNames.Contains(s.Name))
                    .SelectMany(s => s.Environments.Where(e => e.Value.HasBearerToken).Select(e => new SecretRequest(SecretValues.TokenKey(s.Name, e.Key), $"Bearer token of {s.Name} in {e.Key}"))))
                .ToList();
            return new ImportPreview(file.Name, file.Slug, app is not null, [.. file.Versions.Select(v => v.Name).Except(clashes)], clashes, secretsNeeded);
        }, cancellationToken);

    /// <summary>
    /// Creates the app (or adds the versions it lacks) with the file's saved versions, in their environments where this
    /// instance's values allow (SPEC E3), plus the data sources and constants it lacks with the secret values given.
    /// Versions whose names exist already are reported, never overwritten.
    /// </summary>
    public Task<Result<string>> ImportAsync(Actor actor, string text, SecretValues secretValues, CancellationToken cancellationToken = default) =>
        runner.ChangeAsync<string>(actor, GitSyncService.Declared(AuditActions.AppImported), async context =>
        {
            var parsed = Parse(text);
            if (!parsed.IsSuccess)
            {
                return Result<string>.From(parsed);
            }

            var file = parsed.Value!;
            var report = new ImportReport();
            await importer.ImportValuesAsync(context.Db, new WorkspaceValuesSnapshot(file.DataSources, file.Constants), secretValues, report, cancellationToken);
            var snapshot = new AppSnapshot(file.Name, file.Slug, null, file.Versions, []);
            await importer.ImportAppAsync(context.Db, snapshot, null, withReleaseHistory: false, context.User.UserId, context.NowUtc, report, cancellationToken);
            var appId = await context.Db.Apps.Where(a => a.Slug == file.Slug).Select(a => (int?)a.Id).FirstOrDefaultAsync(cancellationToken);
            var summary = report.Summary();
            context.Entry = context.Entry with { AppId = appId, Details = summary.Length > AuditEntry.MaxDetailsLength ? summary[..AuditEntry.MaxDetailsLength] : summary };
            foreach (var changed in report.ChangedApps.Union(report.CreatedApps))
            {
                context.Publish(report.CreatedApps.Contains(changed) ? AppChangeKinds.Created : AppChangeKinds.VersionCreated, appId: changed);
            }

            return summary;
        }, cancellationToken);

    private static Result<AppExportFile> Parse(string text)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Length > MaxFileBytes)
        {
            return Result<AppExportFile>.From(Result.Invalid($"Choose an export file (a .lifecycle.json file of at most {MaxFileBytes / 1_000_000} MB).", "file"));
        }

        try
        {
            var file = GitSyncJson.Read<AppExportFile>(text);
            if (file.Format != AppExportFile.FormatName || file.FormatVersion != AppExportFile.CurrentFormatVersion || file.Versions is null || file.Versions.Count == 0)
            {
                return Result<AppExportFile>.From(Result.Invalid("This is not a Lifecycle app export (format lifecycle-app, version 1, with at least one version).", "file"));
            }

            return file with { DataSources = file.DataSources ?? [], Constants = file.Constants ?? [] };
        }
        catch (JsonException exception)
        {
            return Result<AppExportFile>.From(Result.Invalid($"This file cannot be read: {exception.Message}", "file"));
        }
    }
}
