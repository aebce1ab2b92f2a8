using Lifecycle.Data.Common;
using Lifecycle.Data.Environments;
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
    public void V6_SavedVersionInProductionCanBeReleased()
    {
        // SPEC V6
        var saved = AProductionVersion().Build();

        ResultAssert.Ok(ReleasePolicy.CanRelease(saved, currentlyReleasedVersionId: null));
        ResultAssert.Ok(ReleasePolicy.CanRelease(saved, currentlyReleasedVersionId: saved.Id + 1));
    }

    [Fact]
    public void V6_AlreadyReleasedVersionIsRefused()
    {
        // SPEC V6
        var saved = AProductionVersion().Named("release 1").Build();

        var result = ReleasePolicy.CanRelease(saved, currentlyReleasedVersionId: saved.Id);

        ResultAssert.Failed(ResultStatus.Conflict, result);
        Assert.Contains("release 1", result.Error);
    }

    [Theory]
    [InlineData(DeploymentEnvironment.Development)]
    [InlineData(DeploymentEnvironment.Staging)]
    public void V6_SavedVersionOutsideProductionIsRefused(DeploymentEnvironment environment)
    {
        // SPEC V6: with environments only a version in production can be released
        var saved = ASavedVersion().PromotedTo(environment).Build();

        var result = ReleasePolicy.CanRelease(saved, currentlyReleasedVersionId: null);

        ResultAssert.Failed(ResultStatus.Conflict, result);
        Assert.Contains("production", result.Error);
    }

    [Fact]
    public void V8_RollbackNeedsAnEarlierReleaseStillInProduction()
    {
        // SPEC V8
        var earlier = AProductionVersion().Named("v2").Build();
        var staging = ASavedVersion().PromotedTo(DeploymentEnvironment.Staging).Build();

        ResultAssert.Ok(ReleasePolicy.CanRollBack(earlier, currentlyReleasedVersionId: earlier.Id + 1, wasReleasedBefore: true));
        ResultAssert.Failed(ResultStatus.Conflict, ReleasePolicy.CanRollBack(earlier, currentlyReleasedVersionId: earlier.Id + 1, wasReleasedBefore: false));
        ResultAssert.Failed(ResultStatus.Conflict, ReleasePolicy.CanRollBack(earlier, currentlyReleasedVersionId: earlier.Id, wasReleasedBefore: true));
        ResultAssert.Failed(ResultStatus.Conflict, ReleasePolicy.CanRollBack(staging, currentlyReleasedVersionId: null, wasReleasedBefore: true));
    }
}
