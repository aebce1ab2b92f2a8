namespace Lifecycle.Data.Environments;

/// <summary>The three fixed environments, in promotion order (SPEC E1).</summary>
public enum DeploymentEnvironment
{
    Development = 0,
    Staging = 1,
    Production = 2,
}
