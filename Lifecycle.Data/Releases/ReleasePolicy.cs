using Lifecycle.Data.Common;
using Lifecycle.Data.Environments;
using Lifecycle.Data.Versions;

namespace Lifecycle.Data.Releases;

/// <summary>SPEC V6, V8: which versions may be released or rolled back to. The one place for these rules.</summary>
public static class ReleasePolicy
{
    public static Result CanRelease(AppVersion version, int? currentlyReleasedVersionId)
    {
        if (version.State == VersionState.Draft)
        {
            return Result.Conflict("A draft cannot be released. Save the version first.");
        }

        if (version.Environment != DeploymentEnvironment.Production)
        {
            return Result.Conflict(NotInProductionMessage(version));
        }

        return currentlyReleasedVersionId == version.Id
            ? Result.Conflict($"{version.Name} is already released.")
            : Result.Success();
    }

    public static string NotInProductionMessage(AppVersion version) =>
        $"Only a version in production can be released; {version.Name} is in {version.Environment}. Promote it first.";

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
