using Lifecycle.Data.Access;
using Lifecycle.Data.Audit;
using Lifecycle.Data.Common;
using Lifecycle.Data.Events;
using Microsoft.EntityFrameworkCore;

namespace Lifecycle.Data.Releases;

/// <summary>
/// One row of the release history. <see cref="IsLive"/>: the newest row, while its version is still released.
/// <see cref="CanRollBackTo"/>: the domain's answer for this reader (the right and SPEC V8), so pages do not re-derive it.
/// </summary>
public sealed record ReleaseEntry(int Id, int? VersionId, string VersionName, string Environment, ReleaseKind Kind, string ActorName, DateTime AtUtc, string? Notes,
    bool IsLive, bool CanRollBackTo);

/// <summary>SPEC V6, V8: release a saved version or roll back; the app's pointer, the history row and the audit entry commit together.</summary>
public sealed class ReleaseService(UseCaseRunner runner)
{
    /// <summary>A racing release of the same app changes the app's release stamp; the loser starts again, so both land in order.</summary>
    private const int MaxAttempts = 5;

    public Task<Result> ReleaseAsync(Actor actor, int versionId, string? notes, CancellationToken cancellationToken = default) =>
        PointReleaseAsync(actor, versionId, notes, ReleaseKind.Release, cancellationToken);

    /// <summary>SPEC V8: re-releases a version that was released before and is still in production; recorded as a rollback.</summary>
    public Task<Result> RollbackAsync(Actor actor, int versionId, string? notes, CancellationToken cancellationToken = default) =>
        PointReleaseAsync(actor, versionId, notes, ReleaseKind.Rollback, cancellationToken);

    private Task<Result> PointReleaseAsync(Actor actor, int versionId, string? notes, ReleaseKind kind, CancellationToken cancellationToken)
    {
        var action = kind == ReleaseKind.Rollback ? AuditActions.AppRolledBack : AuditActions.AppReleased;
        var useCase = UseCase.OnVersion(action, versionId, Permission.ReleaseApp).RetriedOnConflict(MaxAttempts);
        return runner.ChangeAsync(actor, useCase, async context =>
        {
            var version = await context.TrackedVersionAsync(versionId, cancellationToken);
            var app = await context.Db.Apps.SingleAsync(a => a.Id == version.AppId, cancellationToken);
            var wasReleasedBefore = await context.Db.Releases.AnyAsync(r => r.AppId == app.Id && r.VersionId == version.Id, cancellationToken);
            var released = app.Release(version, kind, wasReleasedBefore, context.User.UserId, context.User.Name, context.NowUtc, notes);
            if (!released.IsSuccess)
            {
                return released;
            }

            context.Db.Releases.Add(released.Value!);
            context.Entry = context.Entry with { Details = released.Value!.Notes };
            context.Publish(AppChangeKinds.Released, version.Id);
            return Result.Success();
        }, cancellationToken);
    }

    /// <summary>SPEC V8, A6: the release history, for whoever may build, promote or release the app.</summary>
    public Task<Result<IReadOnlyList<ReleaseEntry>>> HistoryAsync(Actor actor, int appId, CancellationToken cancellationToken = default) =>
        runner.ReadAsync<IReadOnlyList<ReleaseEntry>>(actor, UseCase.OnVersionsOf(AuditActions.ReleasesViewed, appId), async context =>
        {
            var releasedVersionId = await context.Db.Apps.Where(a => a.Id == appId).Select(a => a.ReleasedVersionId).SingleAsync(cancellationToken);
            var rows = await context.Db.Releases.AsNoTracking().Where(r => r.AppId == appId).OrderByDescending(r => r.Id).ToListAsync(cancellationToken);
            var versionIds = rows.Where(r => r.VersionId is not null).Select(r => r.VersionId!.Value).Distinct().ToList();
            var versions = await context.Db.Versions.AsNoTracking().Where(v => versionIds.Contains(v.Id)).ToDictionaryAsync(v => v.Id, cancellationToken);
            var mayRelease = context.Rights.Has(Permission.ReleaseApp, appId);

            // Every version in the history was released before, so a rollback to it is judged by SPEC V8's other conditions.
            bool CanRollBackTo(int? versionId) =>
                mayRelease && versionId is { } id && versions.TryGetValue(id, out var version)
                && ReleasePolicy.CanRollBack(version, releasedVersionId, wasReleasedBefore: true).IsSuccess;

            return rows.Select((r, index) => new ReleaseEntry(r.Id, r.VersionId, r.VersionName, r.Environment.ToString(), r.Kind, r.ActorName, r.AtUtc, r.Notes,
                IsLive: index == 0 && r.VersionId == releasedVersionId, CanRollBackTo: CanRollBackTo(r.VersionId))).ToList();
        }, cancellationToken);
}
