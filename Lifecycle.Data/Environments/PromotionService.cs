using Lifecycle.Data.Access;
using Lifecycle.Data.Audit;
using Lifecycle.Data.Common;
using Lifecycle.Data.Constants;
using Lifecycle.Data.Definitions;
using Lifecycle.Data.Events;
using Microsoft.EntityFrameworkCore;

namespace Lifecycle.Data.Environments;

/// <summary>SPEC E2: promote a saved version one environment up. The version moves; its content is not copied.</summary>
public sealed class PromotionService(UseCaseRunner runner, DefinitionStore definitions, SecretProtector secrets)
{
    /// <summary>The <see cref="Result.Field"/> of a refusal for missing constants or data sources, so pages can link to fix them.</summary>
    public const string MissingValuesField = "environmentValues";

    public Task<Result> PromoteAsync(Actor actor, int versionId, DeploymentEnvironment target, CancellationToken cancellationToken = default) =>
        runner.ChangeAsync(actor, UseCase.OnVersion(AuditActions.VersionPromoted, versionId, EnvironmentOrder.PromotionPermission(target)), async context =>
        {
            context.Entry = context.Entry with { Details = $"To {target}." };
            var version = await context.TrackedVersionAsync(versionId, cancellationToken);

            // SPEC E3: every constant and data source the version uses needs a value in the target environment. The root
            // keeps the names it uses, so no definition is read (decision 018).
            if (version.State == Versions.VersionState.Saved && EnvironmentOrder.Next(version.Environment) == target)
            {
                var values = await EnvironmentValues.LoadAsync(context.Db, secrets, target, cancellationToken);
                var missing = values.MissingFor(await definitions.ReferencesAsync(context.Db, version.DefinitionHash, cancellationToken));
                if (missing.Count > 0)
                {
                    return Result.Invalid($"{version.Name} cannot move to {target}: no value in {target} for {string.Join(", ", missing)}.", MissingValuesField);
                }
            }

            var promoted = version.PromoteTo(target, context.User.UserId, context.User.Name, context.NowUtc);
            if (!promoted.IsSuccess)
            {
                return promoted;
            }

            context.Entry = context.Entry with { Environment = target.ToString() };
            context.Publish(AppChangeKinds.Promoted, version.Id, version.Revision);
            return Result.Success();
        }, cancellationToken);
}
