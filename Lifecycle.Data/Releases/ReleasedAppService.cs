using Lifecycle.Data.Access;
using Lifecycle.Data.Audit;
using Lifecycle.Data.Common;
using Lifecycle.Data.Definitions;
using Microsoft.EntityFrameworkCore;

namespace Lifecycle.Data.Releases;

/// <summary>What end users get at /apps/{slug}: the released version's definition, or none before the first release.</summary>
public sealed record ReleasedApp(int AppId, string AppName, string? VersionName, AppDefinition? Definition)
{
    public bool IsReleased => Definition is not null;
}

/// <summary>SPEC A6, S2: what <c>/apps/{slug}</c> shows, to whoever may view the app. Runs through <see cref="UseCaseRunner"/>.</summary>
public sealed class ReleasedAppService(UseCaseRunner runner, DefinitionStore definitions)
{
    /// <summary>SPEC S2: a private app opens only for signed-in users who may view it. <paramref name="viewer"/> is null when nobody is signed in.</summary>
    public Task<Result<ReleasedApp>> OpenAsync(Actor? viewer, string slug, CancellationToken cancellationToken = default) =>
        runner.ReadAsync<ReleasedApp>(viewer, UseCase.OnAppAt(AuditActions.AppViewed, slug, Permission.ViewApp), async context =>
        {
            var app = await context.Db.Apps.AsNoTracking().SingleAsync(a => a.Id == context.AppId, cancellationToken);

            // A release and the deletion of the version released before may come between the reads (decision 020).
            var released = await DefinitionStore.FollowAsync(
                () => context.Db.Apps.Where(a => a.Id == app.Id).SelectMany(a => context.Db.Versions.Where(v => v.Id == a.ReleasedVersionId)).AsNoTracking().FirstOrDefaultAsync(cancellationToken),
                v => v.DefinitionHash,
                hash => definitions.GetAsync(context.Db, hash, cancellationToken));
            return released is var (version, definition)
                ? new ReleasedApp(app.Id, app.Name, version.Name, definition)
                : new ReleasedApp(app.Id, app.Name, null, null);
        }, cancellationToken);
}
