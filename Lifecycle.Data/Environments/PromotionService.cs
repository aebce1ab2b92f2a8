using Lifecycle.Data.Access;
using Lifecycle.Data.Audit;
using Lifecycle.Data.Common;
using Lifecycle.Data.Events;
using Lifecycle.Data.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Lifecycle.Data.Environments;

/// <summary>SPEC E2: promote a saved version one environment up. The version moves; its content is not copied.</summary>
public sealed class PromotionService(IDbContextFactory<LifecycleDbContext> dbFactory, TimeProvider clock, IAppChangeNotifier notifier, AuditWriter audit)
{
    public async Task<Result> PromoteAsync(Actor actor, int versionId, DeploymentEnvironment target, CancellationToken cancellationToken = default) =>
        await audit.RecordFailureAsync(actor, new AuditEvent(AuditActions.VersionPromoted, VersionId: versionId, Details: $"To {target}."), await PromoteCoreAsync(actor, versionId, target, cancellationToken));

    private async Task<Result> PromoteCoreAsync(Actor actor, int versionId, DeploymentEnvironment target, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var version = await db.Versions.FirstOrDefaultAsync(v => v.Id == versionId, cancellationToken);
        if (version is null)
        {
            return Result.NotFound("This version no longer exists.");
        }

        var permission = EnvironmentOrder.PromotionPermission(target);
        var rights = await AccessRules.LoadAsync(db, actor.UserId, cancellationToken);
        if (!rights.Has(permission, version.AppId))
        {
            return Result.Forbidden(AccessRules.Refusal(permission));
        }

        // SPEC E3 (every referenced constant and data source has a value in the target) belongs here, once
        // constants and data sources exist.
        var promoted = version.PromoteTo(target, actor.UserId, actor.Name, clock.GetUtcNow().UtcDateTime);
        if (!promoted.IsSuccess)
        {
            return promoted;
        }

        try
        {
            await audit.SaveAsync(db, actor, new AuditEvent(AuditActions.VersionPromoted, version.AppId, version.Id, version.Name, target.ToString(), $"To {target}."), cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Result.Conflict($"{version.Name} was changed at the same moment. Reload and try again.");
        }

        notifier.Publish(new AppChange(version.AppId, "promoted", actor.Name, version.Id));
        return Result.Success();
    }
}
