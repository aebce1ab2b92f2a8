using Lifecycle.Data.Access;
using Lifecycle.Data.Audit;
using Lifecycle.Data.Common;
using Lifecycle.Data.Constants;
using Lifecycle.Data.Definitions;
using Lifecycle.Data.Events;
using Lifecycle.Data.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Lifecycle.Data.Environments;

/// <summary>SPEC E2: promote a saved version one environment up. The version moves; its content is not copied.</summary>
public sealed class PromotionService(IDbContextFactory<LifecycleDbContext> dbFactory, DefinitionStore definitions, SecretProtector secrets, TimeProvider clock, IAppChangeNotifier notifier, AuditWriter audit)
{
    /// <summary>The <see cref="Result.Field"/> of a refusal for missing constants or data sources, so pages can link to fix them.</summary>
    public const string MissingValuesField = "environmentValues";

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

        // SPEC E3: every constant and data source the version uses needs a value in the target environment.
        if (version.State == Versions.VersionState.Saved && EnvironmentOrder.Next(version.Environment) == target)
        {
            var values = await EnvironmentValues.LoadAsync(db, secrets, target, cancellationToken);
            var missing = values.MissingFor(await definitions.GetAsync(db, version.DefinitionHash, cancellationToken));
            if (missing.Count > 0)
            {
                return Result.Invalid($"{version.Name} cannot move to {target}: no value in {target} for {string.Join(", ", missing)}.", MissingValuesField);
            }
        }

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

        notifier.Publish(new AppChange(version.AppId, AppChangeKinds.Promoted, actor.Name, version.Id));
        return Result.Success();
    }
}
