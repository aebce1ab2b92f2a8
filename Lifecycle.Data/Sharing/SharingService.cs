using Lifecycle.Data.Access;
using Lifecycle.Data.Apps;
using Lifecycle.Data.Audit;
using Lifecycle.Data.Common;
using Lifecycle.Data.Environments;
using Lifecycle.Data.Events;
using Microsoft.EntityFrameworkCore;

namespace Lifecycle.Data.Sharing;

/// <summary>
/// What the Share dialog shows (SPEC S1-S4): the app's address, whether it is released, public or down for maintenance,
/// whether the viewer may change that (<see cref="MayChange"/>), which sites may frame it, and the environments the
/// open version can be previewed with by this viewer.
/// </summary>
public sealed record ShareSettings(
    int AppId,
    string AppName,
    string Slug,
    string? ReleasedVersionName,
    bool IsPublic,
    bool InMaintenance,
    bool MayChange,
    IReadOnlyList<string> FrameOrigins,
    bool PrivateAppsEmbeddable,
    IReadOnlyList<DeploymentEnvironment> PreviewEnvironments)
{
    public bool IsReleased => ReleasedVersionName is not null;

    /// <summary>SPEC S3: the embed snippet is offered for a public app, and for a private one only when an admin allows it.</summary>
    public bool IsEmbeddable => IsReleased && (IsPublic || PrivateAppsEmbeddable);
}

/// <summary>
/// SPEC S1, S2, S5: an app's address, visibility and maintenance mode. They decide what end users get at the app's
/// address, as a release does, so changing them takes the release right on the app (decision 027); reading them takes
/// any right that opens the app's versions (SPEC A6). Every change is audited and reaches open pages at once.
/// </summary>
public sealed class SharingService(UseCaseRunner runner)
{
    public const string ReleasersOnly = "Only people who may release this app change its address, its visibility or its maintenance mode.";

    /// <summary>The Share dialog's content; <paramref name="openVersionId"/> is the version the editor has open, for its preview links.</summary>
    public Task<Result<ShareSettings>> GetAsync(Actor actor, int appId, int openVersionId, CancellationToken cancellationToken = default) =>
        runner.ReadAsync<ShareSettings>(actor, UseCase.OnVersionsOf(AuditActions.SharingViewed, appId), async context =>
        {
            var db = context.Db;
            var app = await db.Apps.AsNoTracking().SingleAsync(a => a.Id == appId, cancellationToken);
            var released = await db.Versions.AsNoTracking().Where(v => v.Id == app.ReleasedVersionId).Select(v => v.Name).FirstOrDefaultAsync(cancellationToken);
            var openEnvironment = await db.Versions.AsNoTracking().Where(v => v.Id == openVersionId && v.AppId == appId)
                .Select(v => (DeploymentEnvironment?)v.Environment).FirstOrDefaultAsync(cancellationToken);
            var origins = await db.EmbeddingOrigins.AsNoTracking().OrderBy(o => o.Origin).Select(o => o.Origin).ToListAsync(cancellationToken);
            var privateApps = await EmbeddingService.AllowsPrivateAppsAsync(db, cancellationToken);
            return new ShareSettings(app.Id, app.Name, app.Slug, released, app.IsPublic, app.InMaintenance, context.Rights.Has(Permission.ReleaseApp, appId),
                origins, privateApps, openEnvironment is { } environment ? PreviewAccess.EnvironmentsFor(context.Rights, appId, environment) : []);
        }, cancellationToken);

    /// <summary>SPEC S1: moves the app to <paramref name="newSlug"/>; the old address leads to it for a while (decision 028).</summary>
    public Task<Result> ChangeSlugAsync(Actor actor, int appId, string? newSlug, CancellationToken cancellationToken = default) =>
        ChangeAsync(actor, appId, AuditActions.AppSlugChanged, async (app, context) =>
        {
            var oldSlug = app.Slug;
            context.Entry = context.Entry with { Details = $"From /apps/{oldSlug} to /apps/{newSlug?.Trim()}." };
            var moved = app.ChangeSlug(newSlug, context.NowUtc);
            if (!moved.IsSuccess)
            {
                return moved;
            }

            if (await AppAddresses.ClaimAsync(context.Db, app.Slug, app.Id, cancellationToken) is { } taken)
            {
                return taken;
            }

            try
            {
                await context.Db.SaveChangesAsync(cancellationToken);
                await context.Db.SlugRedirects.Where(r => r.OldSlug == oldSlug).ExecuteDeleteAsync(cancellationToken);
                context.Db.SlugRedirects.Add(moved.Value!);
                await context.Db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException exception) when (exception is not DbUpdateConcurrencyException)
            {
                return AppAddresses.SlugTaken(app.Slug); // the unique slug index: lost a race for the slug
            }

            return Result.Success();
        }, cancellationToken);

    /// <summary>SPEC S2: public (anyone, no sign-in) or private (signed-in viewers only). Only a released app can be made public.</summary>
    public Task<Result> SetPublicAsync(Actor actor, int appId, bool isPublic, CancellationToken cancellationToken = default) =>
        ChangeAsync(actor, appId, AuditActions.AppVisibilityChanged, isPublic ? "Public: anyone with the link, no sign-in." : "Private: signed-in viewers only.", app =>
        {
            if (!isPublic)
            {
                app.MakePrivate();
                return Result.Success();
            }

            return app.MakePublic();
        }, cancellationToken);

    /// <summary>SPEC S5: end users see a maintenance page while it is on; previews keep working.</summary>
    public Task<Result> SetMaintenanceAsync(Actor actor, int appId, bool on, CancellationToken cancellationToken = default) =>
        ChangeAsync(actor, appId, AuditActions.AppMaintenanceChanged, on ? "Maintenance on." : "Maintenance off.", app =>
        {
            if (on)
            {
                app.StartMaintenance();
            }
            else
            {
                app.EndMaintenance();
            }

            return Result.Success();
        }, cancellationToken);

    /// <summary>A change that is one call of an entity method, saved when the entity allows it.</summary>
    private Task<Result> ChangeAsync(Actor actor, int appId, string action, string details, Func<App, Result> change, CancellationToken cancellationToken) =>
        ChangeAsync(actor, appId, action, async (app, context) =>
        {
            context.Entry = context.Entry with { Details = details };
            var result = change(app);
            if (result.IsSuccess)
            {
                await context.Db.SaveChangesAsync(cancellationToken);
            }

            return result;
        }, cancellationToken);

    /// <summary>One shape for the three changes: the release right on the app, the tracked app, the audit entry, and a notice to open pages.</summary>
    private Task<Result> ChangeAsync(Actor actor, int appId, string action, Func<App, UseCaseContext, Task<Result>> change, CancellationToken cancellationToken) =>
        runner.ChangeAsync(actor, UseCase.OnApp(action, appId, Permission.ReleaseApp) with { Refusal = ReleasersOnly }, async context =>
        {
            var app = await context.Db.Apps.SingleAsync(a => a.Id == appId, cancellationToken);
            var result = await change(app, context);
            if (result.IsSuccess)
            {
                context.Publish(AppChangeKinds.SharingChanged);
            }

            return result;
        }, cancellationToken);
}
