using System.Text.Json;
using Lifecycle.Data.Access;
using Lifecycle.Data.Audit;
using Lifecycle.Data.Common;
using Lifecycle.Data.Definitions;
using Lifecycle.Data.Environments;
using Lifecycle.Data.Events;
using Lifecycle.Data.Persistence;
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
public sealed class AppTransferService(IDbContextFactory<LifecycleDbContext> dbFactory, GitSyncDefinitions definitions, GitSyncImporter importer, TimeProvider clock, IAppChangeNotifier notifier, AuditWriter audit)
{
    public const int MaxFileBytes = 5_000_000;

    /// <summary>Every saved version of the app, or only <paramref name="versionId"/>.</summary>
    public async Task<Result<ExportedFile>> ExportAsync(Actor actor, int appId, int? versionId, CancellationToken cancellationToken = default)
    {
        var what = new AuditEvent(AuditActions.AppExported, appId, versionId);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await audit.AuthorizeAsync(db, actor, Permission.ManageGitSync, what, cancellationToken) is { } refusal)
        {
            return Result<ExportedFile>.From(refusal);
        }

        var app = await db.Apps.AsNoTracking().FirstOrDefaultAsync(a => a.Id == appId, cancellationToken);
        if (app is null)
        {
            return await audit.RecordFailureAsync(actor, what, Result<ExportedFile>.From(Result.NotFound("This app no longer exists.")));
        }

        var snapshot = await GitSyncSnapshots.LoadAppAsync(db, definitions, app, versionId is { } id ? new HashSet<int> { id } : null, cancellationToken);
        if (snapshot.Versions.Count == 0)
        {
            return await audit.RecordFailureAsync(actor, what, Result<ExportedFile>.From(Result.Invalid(
                versionId is null ? "This app has no saved version yet. Save a version first." : "Only a saved version can be exported. Save it first.", "version")));
        }

        var references = snapshot.Versions.Select(v => DefinitionReferences.Of(v.Definition)).ToList();
        var values = (await GitSyncSnapshots.LoadValuesAsync(db, cancellationToken))
            .Only(references.SelectMany(r => r.DataSources).ToHashSet(), references.SelectMany(r => r.Constants).ToHashSet());
        var file = new AppExportFile(AppExportFile.FormatName, AppExportFile.CurrentFormatVersion, snapshot.Name, snapshot.Slug, snapshot.Versions, values.DataSources, values.Constants);
        var versionPart = versionId is null ? "" : "-" + RepositoryLayout.Segment(snapshot.Versions[0].Name);
        await audit.RecordAsync(actor, what with { Details = $"{snapshot.Versions.Count} version(s): {string.Join(", ", snapshot.Versions.Select(v => v.Name))}." }, AuditOutcome.Allowed);
        return new ExportedFile($"{snapshot.Slug}{versionPart}.lifecycle.json", GitSyncJson.Write(file));
    }

    /// <summary>Reads the file and says what an import would create, what clashes, and which secret values it needs.</summary>
    public async Task<Result<ImportPreview>> PreviewImportAsync(Actor actor, string text, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await audit.AuthorizeAsync(db, actor, Permission.ManageGitSync, new AuditEvent(AuditActions.AppImported, Details: "Preview."), cancellationToken) is { } refusal)
        {
            return Result<ImportPreview>.From(refusal);
        }

        var parsed = Parse(text);
        if (!parsed.IsSuccess)
        {
            return Result<ImportPreview>.From(parsed);
        }

        var file = parsed.Value!;
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
    }

    /// <summary>
    /// Creates the app (or adds the versions it lacks) with the file's saved versions, in their environments where this
    /// instance's values allow (SPEC E3), plus the data sources and constants it lacks with the secret values given.
    /// Versions whose names exist already are reported, never overwritten.
    /// </summary>
    public async Task<Result<string>> ImportAsync(Actor actor, string text, SecretValues secretValues, CancellationToken cancellationToken = default)
    {
        var what = new AuditEvent(AuditActions.AppImported);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await audit.AuthorizeAsync(db, actor, Permission.ManageGitSync, what, cancellationToken) is { } refusal)
        {
            return Result<string>.From(refusal);
        }

        var parsed = Parse(text);
        if (!parsed.IsSuccess)
        {
            return await audit.RecordFailureAsync(actor, what, Result<string>.From(parsed));
        }

        var file = parsed.Value!;
        var report = new ImportReport();
        await using (var transaction = await audit.BeginAsync(db, cancellationToken))
        {
            await importer.ImportValuesAsync(db, new WorkspaceValuesSnapshot(file.DataSources, file.Constants), secretValues, report, cancellationToken);
            var snapshot = new AppSnapshot(file.Name, file.Slug, null, file.Versions, []);
            await importer.ImportAppAsync(db, snapshot, null, withReleaseHistory: false, actor.UserId, clock.GetUtcNow().UtcDateTime, report, cancellationToken);
            var appId = await db.Apps.Where(a => a.Slug == file.Slug).Select(a => (int?)a.Id).FirstOrDefaultAsync(cancellationToken);
            var summary = report.Summary();
            await transaction.CommitAsync(actor, what with { AppId = appId, Details = summary.Length > AuditEntry.MaxDetailsLength ? summary[..AuditEntry.MaxDetailsLength] : summary }, cancellationToken);
        }

        foreach (var appId in report.ChangedApps.Union(report.CreatedApps))
        {
            notifier.Publish(new AppChange(appId, report.CreatedApps.Contains(appId) ? AppChangeKinds.Created : AppChangeKinds.VersionCreated, actor.Name));
        }

        return report.Summary();
    }

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
