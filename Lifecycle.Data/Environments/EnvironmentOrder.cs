using Lifecycle.Data.Access;

namespace Lifecycle.Data.Environments;

/// <summary>SPEC E1, E2: the fixed order of environments and what promoting into each one requires.</summary>
public static class EnvironmentOrder
{
    public static IReadOnlyList<DeploymentEnvironment> All { get; } = Enum.GetValues<DeploymentEnvironment>();

    /// <summary>The environment a promotion from <paramref name="environment"/> leads to; production has none (null).</summary>
    public static DeploymentEnvironment? Next(DeploymentEnvironment environment) =>
        environment == DeploymentEnvironment.Production ? null : environment + 1;

    /// <summary>The permission needed to promote into <paramref name="target"/> (SPEC A2).</summary>
    public static Permission PromotionPermission(DeploymentEnvironment target) =>
        target == DeploymentEnvironment.Production ? Permission.PromoteToProduction : Permission.PromoteToStaging;

    /// <summary>ToolJet's filter: development lists every version, staging lists staging and production, production lists production.</summary>
    public static bool IsListedUnder(DeploymentEnvironment versionEnvironment, DeploymentEnvironment filter) =>
        versionEnvironment >= filter;
}
