using Lifecycle.Data.Access;
using Lifecycle.Data.Common;
using Lifecycle.Data.Environments;

namespace Lifecycle.Data.Sharing;

/// <summary>
/// SPEC S4 (decision 027): with which environment's data sources and constants a user may run a version of an app.
/// Whoever may open the app's versions (SPEC A6) may run a version in the environment it is in, as the editor's
/// Preview does. Another environment takes a right that acts there: development is where versions are made (Edit) and
/// left (promote to staging); staging is where builders test, so Edit and both promotions; production is where
/// versions are released from (promote to production, release). Builders thus preview with development and staging
/// values, never with production's unless they may put a version there.
/// </summary>
public static class PreviewAccess
{
    public static IReadOnlyList<Permission> RightsFor(DeploymentEnvironment environment) => environment switch
    {
        DeploymentEnvironment.Development => [Permission.EditApp, Permission.PromoteToStaging],
        DeploymentEnvironment.Staging => [Permission.EditApp, Permission.PromoteToStaging, Permission.PromoteToProduction],
        _ => [Permission.PromoteToProduction, Permission.ReleaseApp],
    };

    public static bool Allows(UserRights rights, int appId, DeploymentEnvironment versionEnvironment, DeploymentEnvironment environment) =>
        rights.MayOpenVersions(appId) && (environment == versionEnvironment || RightsFor(environment).Any(right => rights.Has(right, appId)));

    /// <summary>The environments a version can be previewed with by this user, in promotion order.</summary>
    public static IReadOnlyList<DeploymentEnvironment> EnvironmentsFor(UserRights rights, int appId, DeploymentEnvironment versionEnvironment) =>
        [.. EnvironmentOrder.All.Where(environment => Allows(rights, appId, versionEnvironment, environment))];

    /// <summary>The refusal of a preview the user's rights do not allow, or null.</summary>
    public static Result? Check(UseCaseContext context, DeploymentEnvironment versionEnvironment, DeploymentEnvironment environment) =>
        Allows(context.Rights, context.AppId, versionEnvironment, environment)
            ? null
            : Result.Forbidden($"You may not preview this app with the {environment} data sources and constants.");
}
