using Lifecycle.Data.Access;
using Lifecycle.Data.Environments;
using Lifecycle.Data.Versions;
using static Lifecycle.Data.Versions.VersionAction;

namespace Lifecycle.Tests.Domain;

/// <summary>The domain's answer to "what may this user do with this version now", which the header renders as it is.</summary>
public sealed class VersionActionsTests
{
    private const int AppId = 7;

    private static readonly UserRights Admin = new(isAdmin: true, []);

    // SPEC A1: Builders create, edit, save, delete versions and promote to staging.
    private static readonly UserRights Builder = new(false, [(Permission.EditApp, null), (Permission.PromoteToStaging, null), (Permission.CreateApps, null)]);

    private static readonly UserRights EndUser = new(false, [(Permission.ViewApp, null)]);

    // SPEC V5, E2, V6: save a draft, promote a saved version, release it once it is in production.
    [Theory]
    [InlineData(DisplayedVersionState.Draft, DeploymentEnvironment.Development, Save)]
    [InlineData(DisplayedVersionState.Saved, DeploymentEnvironment.Development, Promote)]
    [InlineData(DisplayedVersionState.Saved, DeploymentEnvironment.Staging, Promote)]
    [InlineData(DisplayedVersionState.Saved, DeploymentEnvironment.Production, Release)]
    public void V6_TheNextActionFollowsTheLifeCycle(DisplayedVersionState state, DeploymentEnvironment environment, VersionAction expected)
    {
        var actions = VersionActions.For(Version(state, environment), Admin, new AppFacts(VersionCount: 2));

        Assert.Equal(expected, actions.Next);
    }

    [Fact]
    public void V6_AReleasedVersionHasNoNextAction()
    {
        var actions = VersionActions.For(Version(DisplayedVersionState.Released, DeploymentEnvironment.Production), Admin, new AppFacts(2));

        Assert.Null(actions.Next);
        Assert.DoesNotContain(Release, actions.Allowed);
        Assert.DoesNotContain(Promote, actions.Allowed);
    }

    // SPEC E2: promotion names its target, one step up.
    [Theory]
    [InlineData(DeploymentEnvironment.Development, DeploymentEnvironment.Staging)]
    [InlineData(DeploymentEnvironment.Staging, DeploymentEnvironment.Production)]
    public void E2_PromotionGoesOneStepUp(DeploymentEnvironment from, DeploymentEnvironment to)
    {
        var actions = VersionActions.For(Version(DisplayedVersionState.Saved, from), Admin, new AppFacts(2));

        Assert.Equal(to, actions.PromotionTarget);
    }

    // SPEC A1, A2: builders promote to staging only and never release; the next step is then no action at all.
    [Theory]
    [InlineData(DeploymentEnvironment.Development, Promote)]
    [InlineData(DeploymentEnvironment.Staging, null)]
    [InlineData(DeploymentEnvironment.Production, null)]
    public void A2_BuildersPromoteToStagingOnly(DeploymentEnvironment environment, VersionAction? expected)
    {
        var actions = VersionActions.For(Version(DisplayedVersionState.Saved, environment), Builder, new AppFacts(2));

        Assert.Equal(expected, actions.Next);
        Assert.DoesNotContain(Release, actions.Allowed);
    }

    // SPEC A6: viewing an app gives no version action.
    [Fact]
    public void A6_EndUsersMayDoNothingWithAVersion()
    {
        var actions = VersionActions.For(Version(DisplayedVersionState.Draft, DeploymentEnvironment.Development), EndUser, new AppFacts(2));

        Assert.Null(actions.Next);
        Assert.Empty(actions.Allowed);
    }

    // SPEC V9: rename drafts only; delete anything but the released version and the app's only version.
    [Theory]
    [InlineData(DisplayedVersionState.Draft, 2, true, true)]
    [InlineData(DisplayedVersionState.Draft, 1, true, false)]
    [InlineData(DisplayedVersionState.Saved, 2, false, true)]
    [InlineData(DisplayedVersionState.Released, 2, false, false)]
    public void V9_RenameAndDeleteFollowTheVersionsState(DisplayedVersionState state, int versionCount, bool rename, bool delete)
    {
        var environment = state == DisplayedVersionState.Released ? DeploymentEnvironment.Production : DeploymentEnvironment.Development;

        var actions = VersionActions.For(Version(state, environment), Builder, new AppFacts(versionCount));

        Assert.Equal(rename, actions.Allows(Rename));
        Assert.Equal(delete, actions.Allows(Delete));
        Assert.True(actions.Allows(CreateVersion));
    }

    // SPEC V5: a saved version cannot be saved again.
    [Fact]
    public void V5_OnlyADraftCanBeSaved()
    {
        var actions = VersionActions.For(Version(DisplayedVersionState.Saved, DeploymentEnvironment.Development), Admin, new AppFacts(2));

        Assert.False(actions.Allows(Save));
    }

    private static VersionSummary Version(DisplayedVersionState state, DeploymentEnvironment environment) =>
        new(1, AppId, "v1", state, environment, null, null, DateTime.UnixEpoch, "Ann", DateTime.UnixEpoch, "Ann");
}
