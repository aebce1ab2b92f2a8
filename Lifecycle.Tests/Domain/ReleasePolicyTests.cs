using Lifecycle.Data.Common;
using Lifecycle.Data.Releases;
using Lifecycle.Tests.Support;
using static Lifecycle.Tests.Support.VersionBuilder;

namespace Lifecycle.Tests.Domain;

public sealed class ReleasePolicyTests
{
    [Fact]
    public void V6_DraftCannotBeReleased()
    {
        // SPEC V6
        var draft = ADraft().Build();

        ResultAssert.Failed(ResultStatus.Conflict, ReleasePolicy.CanRelease(draft, currentlyReleasedVersionId: null));
    }

    [Fact]
    public void V6_SavedVersionCanBeReleased()
    {
        // SPEC V6
        var saved = ASavedVersion().Build();

        ResultAssert.Ok(ReleasePolicy.CanRelease(saved, currentlyReleasedVersionId: null));
        ResultAssert.Ok(ReleasePolicy.CanRelease(saved, currentlyReleasedVersionId: saved.Id + 1));
    }

    [Fact]
    public void V6_AlreadyReleasedVersionIsRefused()
    {
        // SPEC V6
        var saved = ASavedVersion().Named("release 1").Build();

        var result = ReleasePolicy.CanRelease(saved, currentlyReleasedVersionId: saved.Id);

        ResultAssert.Failed(ResultStatus.Conflict, result);
        Assert.Contains("release 1", result.Error);
    }
}
