using Lifecycle.Data.Access;
using Lifecycle.Data.Audit;
using Lifecycle.Data.Common;
using Lifecycle.Data.Events;
using Lifecycle.Data.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Lifecycle.Data.Releases;

public sealed record ReleaseEntry(int Id, int? VersionId, string VersionName, string Environment, ReleaseKind Kind, string ActorName, DateTime AtUtc, string? Notes);

/// <summary>SPEC V6: release a saved version; the app's pointer and the history row commit together.</summary>
public sealed class ReleaseService(IDbContextFactory<LifecycleDbContext> dbFactory, TimeProvider clock, IAppChangeNotifier notifier, AuditWriter audit)
{
    private const int MaxAttempts = 5;

    public Task<Result> ReleaseAsync(Actor actor, int versionId, string? notes, CancellationToken cancellationToken = default) =>
        PointReleaseAsync(actor, versionId, notes, ReleaseKind.Release, cancellationToken);

    /// <summary>SPEC V8: re-releases a version that was released before and is still in production; recorded as a rollback.</summary>
    public Task<Result> RollbackAsync(Actor actor, int versionId, string? notes, CancellationToken cancellationToken = default) =>
        PointReleaseAsync(actor, versionId, notes, ReleaseKind.Rollback, cancellationToken);

    private async Task<Result> PointReleaseAsync(Actor actor, int versionId, string? notes, ReleaseKind kind, CancellationToken cancellationToken) =>
        await audit.RecordFailureAsync(actor, new AuditEvent(ActionOf(kind), VersionId: versionId), await PointReleaseCoreAsync(actor, versionId, notes, kind, cancellationToken));

    private static string ActionOf(ReleaseKind kind) => kind == ReleaseKind.Rollback ? AuditActions.AppRolledBack : AuditActions.AppReleased;

    private async Task<Result> PointReleaseCoreAsync(Actor actor, int versionId, string? notes, ReleaseKind kind, CancellationToken cancellationToken)
    {
        // A racing release of the same app changes the app's release stamp; the loser reloads and tries again,
        // so both releases land, one after the other, each with its history row.
        for (var attempt = 1; ; attempt++)
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var version = await db.Versions.AsNoTracking().FirstOrDefaultAsync(v => v.Id == versionId, cancellationToken);
            if (version is null)
            {
                return Result.NotFound("This version no longer exists.");
            }

            var rights = await AccessRules.LoadAsync(db, actor.UserId, cancellationToken);
            if (!rights.Has(Permission.ReleaseApp, version.AppId))
            {
                return Result.Forbidden(AccessRules.Refusal(Permission.ReleaseApp));
            }

            var app = await db.Apps.SingleAsync(a => a.Id == version.AppId, cancellationToken);
            var allowed = kind == ReleaseKind.Release
                ? ReleasePolicy.CanRelease(version, app.ReleasedVersionId)
                : ReleasePolicy.CanRollBack(version, app.ReleasedVersionId, await db.Releases.AnyAsync(r => r.AppId == app.Id && r.VersionId == version.Id, cancellationToken));
            if (!allowed.IsSuccess)
            {
                return allowed;
            }

            app.PointReleaseAt(version.Id);
            var trimmedNotes = string.IsNullOrWhiteSpace(notes) ? null : notes.Trim();
            db.Releases.Add(new ReleaseRecord(app.Id, version.Id, version.Name, version.Environment, kind, actor.UserId, actor.Name, clock.GetUtcNow().UtcDateTime, trimmedNotes));
            try
            {
                // One transaction: pointer, history row and audit entry.
                await audit.SaveAsync(db, actor, new AuditEvent(ActionOf(kind), app.Id, version.Id, version.Name, version.Environment.ToString(), trimmedNotes), cancellationToken);
            }
            catch (DbUpdateConcurrencyException) when (attempt < MaxAttempts)
            {
                continue;
            }

            notifier.Publish(new AppChange(app.Id, AppChangeKinds.Released, actor.Name, version.Id));
            return Result.Success();
        }
    }

    public async Task<Result<IReadOnlyList<ReleaseEntry>>> HistoryAsync(Actor actor, int appId, CancellationToken cancellationToken = default) =>
        await audit.RecordRefusalAsync(actor, new AuditEvent(AuditActions.AppViewed, AppId: appId), await HistoryCoreAsync(actor, appId, cancellationToken));

    private async Task<Result<IReadOnlyList<ReleaseEntry>>> HistoryCoreAsync(Actor actor, int appId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rights = await AccessRules.LoadAsync(db, actor.UserId, cancellationToken);
        if (!rights.Has(Permission.ViewApp, appId))
        {
            return Result<IReadOnlyList<ReleaseEntry>>.From(Result.Forbidden(AccessRules.Refusal(Permission.ViewApp)));
        }

        var rows = await db.Releases.AsNoTracking().Where(r => r.AppId == appId).OrderByDescending(r => r.Id).ToListAsync(cancellationToken);
        return rows.Select(r => new ReleaseEntry(r.Id, r.VersionId, r.VersionName, r.Environment.ToString(), r.Kind, r.ActorName, r.AtUtc, r.Notes)).ToList();
    }
}
