using Lifecycle.Data.Common;
using Lifecycle.Data.Environments;
using Lifecycle.Tests.Support;
using static Lifecycle.Tests.Support.VersionBuilder;

namespace Lifecycle.Tests.Domain;

/// <summary>SPEC E1, E2: saved versions move one step at a time, development to staging to production.</summary>
public sealed class PromotionTests
{
    [Fact]
    public void E1_NewVersionsAreInDevelopment()
    {
        // SPEC E1
        Assert.Equal(DeploymentEnvironment.Development, ADraft().Build().Environment);
    }

    [Fact]
    public void E2_SavedVersionMovesStepByStep()
    {
        // SPEC E2
        var version = ASavedVersion().Build();
        var hash = version.DefinitionHash;

        ResultAssert.Ok(version.PromoteTo(DeploymentEnvironment.Staging, "u", "Ann", Noon));
        Assert.Equal(DeploymentEnvironment.Staging, version.Environment);
        ResultAssert.Ok(version.PromoteTo(DeploymentEnvironment.Production, "u", "Ann", Noon));
        Assert.Equal(DeploymentEnvironment.Production, version.Environment);
        Assert.Equal(hash, version.DefinitionHash); // the version moves; content is not copied
    }

    [Fact]
    public void E2_DraftCannotBePromoted()
    {
        // SPEC E2
        var draft = ADraft().Build();

        var result = draft.PromoteTo(DeploymentEnvironment.Staging, "u", "Ann", Noon);

        ResultAssert.Failed(ResultStatus.Conflict, result);
        Assert.Contains("Save the version first", result.Error);
        Assert.Equal(DeploymentEnvironment.Development, draft.Environment);
    }

    [Fact]
    public void E2_NoSkippingAnEnvironment()
    {
        // SPEC E2
        var version = ASavedVersion().Build();

        var result = version.PromoteTo(DeploymentEnvironment.Production, "u", "Ann", Noon);

        ResultAssert.Failed(ResultStatus.Conflict, result);
        Assert.Contains("promote it to Staging first", result.Error);
        Assert.Equal(DeploymentEnvironment.Development, version.Environment);
    }

    [Theory]
    [InlineData(DeploymentEnvironment.Staging, DeploymentEnvironment.Development)]
    [InlineData(DeploymentEnvironment.Production, DeploymentEnvironment.Staging)]
    [InlineData(DeploymentEnvironment.Production, DeploymentEnvironment.Production)]
    public void E2_NoDemotionAndNoStandingStill(DeploymentEnvironment from, DeploymentEnvironment target)
    {
        // SPEC E2
        var version = ASavedVersion().PromotedTo(from).Build();

        ResultAssert.Failed(ResultStatus.Conflict, version.PromoteTo(target, "u", "Ann", Noon));
        Assert.Equal(from, version.Environment);
    }

    [Theory]
    [InlineData(DeploymentEnvironment.Development, DeploymentEnvironment.Development, true)]
    [InlineData(DeploymentEnvironment.Production, DeploymentEnvironment.Development, true)]
    [InlineData(DeploymentEnvironment.Development, DeploymentEnvironment.Staging, false)]
    [InlineData(DeploymentEnvironment.Production, DeploymentEnvironment.Staging, true)]
    [InlineData(DeploymentEnvironment.Staging, DeploymentEnvironment.Production, false)]
    public void E1_DropdownFilterListsTheEnvironmentAndLater(DeploymentEnvironment version, DeploymentEnvironment filter, bool listed)
    {
        // SPEC E1 (ToolJet's environment filter)
        Assert.Equal(listed, EnvironmentOrder.IsListedUnder(version, filter));
    }
}
