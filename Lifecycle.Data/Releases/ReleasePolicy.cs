using Lifecycle.Data.Common;
using Lifecycle.Data.Versions;

namespace Lifecycle.Data.Releases;

/// <summary>
/// SPEC V6: which versions may be released. The one place for the state rule; the environments issue adds
/// "only a version in production" here.
/// </summary>
public static class ReleasePolicy
{
    public static Result CanRelease(AppVersion version, int? currentlyReleasedVersionId)
    {
        if (version.State == VersionState.Draft)
        {
            return Result.Conflict("A draft cannot be released. Save the version first.");
        }

        return currentlyReleasedVersionId == version.Id
            ? Result.Conflict($"{version.Name} is already released.")
            : Result.Success();
    }
}
