using Lifecycle.Data.Access;
using Lifecycle.Data.Audit;
using Lifecycle.Data.Common;
using Lifecycle.Data.Definitions;
using Microsoft.EntityFrameworkCore;

namespace Lifecycle.Data.Releases;

/// <summary>
/// What end users get at /apps/{slug}: the released version's definition; none before the first release (SPEC S2) or
/// while the app is down for maintenance (SPEC S5). <see cref="MovedTo"/> names the app's address when it was reached
/// through an old one (SPEC S1); <see cref="MayPreview"/> says whether the viewer may preview its versions instead (SPEC S4).
/// </summary>
public sealed record ReleasedApp(int AppId, string AppName, string? MovedTo, int? VersionId, string? VersionName, AppDefinition? Definition, bool InMaintenance, bool MayPreview)
{
    public bool IsReleased => VersionId is not null;
}

/// <summary>SPEC A6, S1, S2, S5: what <c>/apps/{slug}</c> shows, to whoever may view the app. Runs through <see cref="UseCaseRunner"/>.</summary>
public sealed class ReleasedAppService(UseCaseRunner runner, DefinitionStore definitions)
{
    /// <summary>
    /// SPEC S2: a private app opens only for signed-in users who may view it, a public one for anyone.
    /// <paramref name="viewer"/> is null when nobody is signed in. An old address of the app answers where it lives now,
    /// to whoever may open it (decision 028).
    /// </summary>
    public Task<Result<ReleasedApp>> OpenAsync(Actor? viewer, string slug, CancellationToken cancellationToken = default) =>
        runner.ReadAsync<ReleasedApp>(viewer, UseCase.OnAppAt(AuditActions.AppViewed, slug, Permission.ViewApp).OrAnyoneIfPublic(), async context =>
        {
            var app = await context.Db.Apps.AsNoTracking().SingleAsync(a => a.Id == context.AppId, cancellationToken);
            var mayPreview = context.Rights.MayOpenVersions(app.Id);
            var movedTo = app.Slug == slug ? null : app.Slug;
            if (app.InMaintenance || movedTo is not null)
            {
                var releasedVersion = app.ReleasedVersionId is { } releasedId
                    ? await context.Db.Versions.AsNoTracking().Where(v => v.Id == releasedId).Select(v => new { v.Id, v.Name }).FirstOrDefaultAsync(cancellationToken)
                    : null;
                return new ReleasedApp(app.Id, app.Name, movedTo, releasedVersion?.Id, releasedVersion?.Name, null, app.InMaintenance, mayPreview);
            }

            // A release and the deletion of the version released before may come between the reads (decision 020).
            var released = await DefinitionStore.FollowAsync(
                () => context.Db.Apps.Where(a => a.Id == app.Id).SelectMany(a => context.Db.Versions.Where(v => v.Id == a.ReleasedVersionId)).AsNoTracking().FirstOrDefaultAsync(cancellationToken),
                v => v.DefinitionHash,
                hash => definitions.GetAsync(context.Db, hash, cancellationToken));
            return released is var (version, definition)
                ? new ReleasedApp(app.Id, app.Name, null, version.Id, version.Name, definition, app.InMaintenance, mayPreview)
                : new ReleasedApp(app.Id, app.Name, null, null, null, null, app.InMaintenance, mayPreview);
        }, cancellationToken);
}
