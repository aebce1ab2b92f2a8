using Lifecycle.Data.Access;
using Lifecycle.Data.Audit;
using Lifecycle.Data.Common;
using Lifecycle.Data.Definitions;
using Lifecycle.Data.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Lifecycle.Data.Releases;

/// <summary>What end users get at /apps/{slug}: the released version's definition, or none before the first release.</summary>
public sealed record ReleasedApp(int AppId, string AppName, string? VersionName, AppDefinition? Definition)
{
    public bool IsReleased => Definition is not null;
}

public sealed class ReleasedAppService(IDbContextFactory<LifecycleDbContext> dbFactory, DefinitionStore definitions, AuditWriter audit)
{
    /// <summary>SPEC S2: a private app opens only for signed-in users who may view it. <paramref name="viewer"/> is null when nobody is signed in.</summary>
    public async Task<Result<ReleasedApp>> OpenAsync(Actor? viewer, string slug, CancellationToken cancellationToken = default) =>
        await audit.RecordRefusalAsync(viewer, new AuditEvent(AuditActions.AppViewed, Details: $"/apps/{slug}"), await OpenCoreAsync(viewer, slug, cancellationToken));

    private async Task<Result<ReleasedApp>> OpenCoreAsync(Actor? viewer, string slug, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var app = await db.Apps.AsNoTracking().FirstOrDefaultAsync(a => a.Slug == slug, cancellationToken);
        if (app is null)
        {
            return Result<ReleasedApp>.From(Result.NotFound($"There is no app at /apps/{slug}."));
        }

        var rights = viewer is null ? UserRights.None : await AccessRules.LoadAsync(db, viewer.UserId, cancellationToken);
        if (!rights.Has(Permission.ViewApp, app.Id))
        {
            return Result<ReleasedApp>.From(Result.Forbidden(AccessRules.Refusal(Permission.ViewApp)));
        }

        if (app.ReleasedVersionId is not { } releasedId)
        {
            return new ReleasedApp(app.Id, app.Name, null, null);
        }

        var version = await db.Versions.AsNoTracking().SingleAsync(v => v.Id == releasedId, cancellationToken);
        return new ReleasedApp(app.Id, app.Name, version.Name, await definitions.GetAsync(db, version.DefinitionHash, cancellationToken));
    }
}
