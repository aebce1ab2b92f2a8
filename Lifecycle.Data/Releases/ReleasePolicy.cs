using Lifecycle.Data.Common;
using Lifecycle.Data.Environments;
using Lifecycle.Data.Versions;

namespace Lifecycle.Data.Releases;

/// <summary>SPEC V6, V8: which versions may be released or rolled back to. The one place for these rules.</summary>
public static class ReleasePolicy
{
    public static Result CanRelease(AppVersion version, int? currentlyReleasedVersionId) =>
        CanRelease(version.State == VersionState.Draft, version.Environment, currentlyReleasedVersionId == version.Id, version.Name);

    /// <summary>The same rule on a version's facts, for callers that hold a summary rather than the entity.</summary>
    public static Result CanRelease(bool isDraft, DeploymentEnvironment environment, bool isReleased, string versionName)
    {
        if (isDraft)
        {
            return Result.Conflict("A draft cannot be released. Save the version first.");
        }

        if (environment != DeploymentEnvironment.Production)
        {
            return Result.Conflict(NotInProductionMessage(versionName, environment));
        }

        return isReleased
            ? Result.Conflict($"{versionName} is already released.")
            : Result.Success();
    }

    public static string NotInProductionMessage(string versionName, DeploymentEnvironment environment) =>
        $"Only a version in production can be released; {versionName} is in {environment}. Promote it first.";

    /// <summary>SPEC V8: a rollback re-releases a version that was released before and is still in production.</summary>
    public static Result CanRollBack(AppVersion version, int? currentlyReleasedVersionId, bool wasReleasedBefore)
    {
        var releasable = CanRelease(version, currentlyReleasedVersionId);
        if (!releasable.IsSuccess)
        {
            return releasable;
        }

        return wasReleasedBefore
            ? Result.Success()
            : Result.Conflict($"{version.Name} was never released, so there is nothing to roll back to. Release it instead.");
    }
}
