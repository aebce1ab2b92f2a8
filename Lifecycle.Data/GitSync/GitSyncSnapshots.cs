using Lifecycle.Data.Apps;
using Lifecycle.Data.Persistence;
using Lifecycle.Data.Versions;
using Microsoft.EntityFrameworkCore;

namespace Lifecycle.Data.GitSync;

/// <summary>Reads what GitSync writes from the database: an app's saved versions and release history, the workspace's values.</summary>
internal static class GitSyncSnapshots
{
    public static async Task<AppSnapshot> LoadAppAsync(LifecycleDbContext db, GitSyncDefinitions definitions, App app, IReadOnlySet<int>? onlyVersionIds, CancellationToken cancellationToken)
    {
        var all = await db.Versions.AsNoTracking().Where(v => v.AppId == app.Id).OrderBy(v => v.Id).ToListAsync(cancellationToken);
        var names = all.ToDictionary(v => v.Id, v => v.Name);
        var versions = new List<VersionSnapshot>();
        foreach (var version in all.Where(v => v.State == VersionState.Saved && (onlyVersionIds is null || onlyVersionIds.Contains(v.Id))))
        {
            var definition = await definitions.LoadAsync(db, version, cancellationToken);
            versions.Add(new VersionSnapshot(
                version.Name,
                version.ParentVersionId is { } parent && names.TryGetValue(parent, out var parentName) ? parentName : null,
                version.SavedByName ?? version.UpdatedByName,
                RepositoryFiles.Utc(version.SavedAtUtc ?? version.UpdatedAtUtc),
                version.Description,
                version.Environment,
                version.DefinitionHash, // the root hash, which GitSyncDefinitions.HashOf gives for this content
                definition));
        }

        var releases = await db.Releases.AsNoTracking().Where(r => r.AppId == app.Id).OrderBy(r => r.Id).ToListAsync(cancellationToken);
        var released = app.ReleasedVersionId is { } releasedId && names.TryGetValue(releasedId, out var releasedName) ? releasedName : null;
        return new AppSnapshot(app.Name, app.Slug, released, versions,
            [.. releases.Select(r => new ReleaseLine(r.VersionName, r.Environment, r.Kind, r.ActorName, RepositoryFiles.Utc(r.AtUtc), r.Notes))]);
    }

    public static async Task<WorkspaceValuesSnapshot> LoadValuesAsync(LifecycleDbContext db, CancellationToken cancellationToken)
    {
        var sources = await db.DataSources.AsNoTracking().OrderBy(s => s.Name).ToListAsync(cancellationToken);
        var constants = await db.Constants.AsNoTracking().OrderBy(c => c.Name).ToListAsync(cancellationToken);
        return new WorkspaceValuesSnapshot([.. sources.Select(SecretStripping.Strip)], [.. constants.Select(SecretStripping.Strip)]);
    }
}
