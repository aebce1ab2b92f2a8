using Lifecycle.Data.Access;
using Lifecycle.Data.Common;

namespace Lifecycle.Tests.Domain;

public sealed class UserRightsTests
{
    private static UserRights Grants(params (Permission Permission, int? AppId)[] grants) => new(isAdmin: false, grants);

    [Fact]
    public void A1_AdminHasEveryPermissionOnEveryApp()
    {
        // SPEC A1
        var admin = new UserRights(isAdmin: true, []);

        foreach (var permission in Enum.GetValues<Permission>())
        {
            Assert.True(admin.Has(permission));
            Assert.True(admin.Has(permission, appId: 42));
        }

        Assert.True(admin.MayViewSomeApp);
    }

    [Fact]
    public void A2_NoGroupsMeansNoRights()
    {
        // SPEC A2
        foreach (var permission in Enum.GetValues<Permission>())
        {
            Assert.False(UserRights.None.Has(permission, appId: 1));
        }

        Assert.False(UserRights.None.MayViewSomeApp);
    }

    [Fact]
    public void A2_EditAppImpliesViewAppOfThatApp()
    {
        // SPEC A2
        var rights = Grants((Permission.EditApp, 5));

        Assert.True(rights.Has(Permission.ViewApp, 5));
        Assert.False(rights.Has(Permission.ViewApp, 6));
        Assert.True(rights.MayViewSomeApp);
    }

    [Fact]
    public void A2_ViewAppDoesNotImplyEditApp()
    {
        // SPEC A2
        var rights = Grants((Permission.ViewApp, null));

        Assert.True(rights.Has(Permission.ViewApp, 5));
        Assert.False(rights.Has(Permission.EditApp, 5));
    }

    [Fact]
    public void A2_EditAppDoesNotImplyReleaseOrPromotion()
    {
        // SPEC A1, A2: release is a separate right
        var rights = Grants((Permission.EditApp, null), (Permission.PromoteToStaging, null));

        Assert.False(rights.Has(Permission.ReleaseApp, 5));
        Assert.False(rights.Has(Permission.PromoteToProduction, 5));
        Assert.True(rights.Has(Permission.PromoteToStaging, 5));
    }

    [Fact]
    public void A2_PerAppGrantCoversOnlyThatApp()
    {
        // SPEC A2
        var rights = Grants((Permission.ReleaseApp, 5));

        Assert.True(rights.Has(Permission.ReleaseApp, 5));
        Assert.False(rights.Has(Permission.ReleaseApp, 6));
        Assert.False(rights.Has(Permission.ReleaseApp));
    }

    [Fact]
    public void A2_AllAppsGrantCoversEveryApp()
    {
        // SPEC A2
        var rights = Grants((Permission.ReleaseApp, null));

        Assert.True(rights.Has(Permission.ReleaseApp, 5));
        Assert.True(rights.Has(Permission.ReleaseApp, 6));
    }

    [Fact]
    public void A2_RightsAreTheUnionOfGrants()
    {
        // SPEC A2: a user's rights are the union of their groups'
        var rights = Grants((Permission.CreateApps, null), (Permission.ViewApp, 5), (Permission.EditApp, 6));

        Assert.True(rights.Has(Permission.CreateApps));
        Assert.True(rights.Has(Permission.ViewApp, 5));
        Assert.True(rights.Has(Permission.EditApp, 6));
        Assert.False(rights.Has(Permission.EditApp, 5));
        Assert.False(rights.Has(Permission.ManageUsers));
    }

    [Fact]
    public void A6_APromoteOrReleaseRightOpensTheVersionsAndImpliesViewButViewAloneDoesNot()
    {
        // SPEC A6
        var releaser = Grants((Permission.ReleaseApp, 5));
        var viewer = Grants((Permission.ViewApp, null));

        Assert.True(releaser.MayOpenVersions(5));
        Assert.True(releaser.Has(Permission.ViewApp, 5));
        Assert.False(releaser.MayOpenVersions(6));
        Assert.False(viewer.MayOpenVersions(5));
        Assert.True(Grants((Permission.PromoteToStaging, null)).MayOpenVersions(5));
    }

    [Fact]
    public void A7_AGroupIsGivenOnlyRightsTheGiverHolds()
    {
        // SPEC A7
        var manager = Grants((Permission.ManageGroups, null), (Permission.EditApp, 5));

        Assert.True(manager.MayGrant(Permission.ManageGroups, null).IsSuccess);
        Assert.True(manager.MayGrant(Permission.EditApp, 5).IsSuccess);
        Assert.True(manager.MayGrant(Permission.ViewApp, 5).IsSuccess); // edit includes view
        Assert.Equal(ResultStatus.Forbidden, manager.MayGrant(Permission.EditApp, null).Status); // one app is not all apps
        Assert.Equal(ResultStatus.Forbidden, manager.MayGrant(Permission.ManageUsers, null).Status);
        Assert.True(new UserRights(isAdmin: true, []).MayGrant(Permission.ReleaseApp, null).IsSuccess);
    }

    [Fact]
    public void A7_OnlyAdminsAddToAdminsAndOthersAddOnlyToGroupsWhoseRightsTheyHold()
    {
        // SPEC A7
        var admins = GroupWith(Group.AdminsId);
        var builders = GroupWith(Group.BuildersId, (Permission.CreateApps, null), (Permission.EditApp, null));
        var newcomers = GroupWith(10);
        var manager = Grants((Permission.ManageGroups, null), (Permission.EditApp, null));

        Assert.Equal(ResultStatus.Forbidden, manager.MayAddTo(admins).Status);
        Assert.Contains("Create apps", manager.MayAddTo(builders).Error);
        Assert.True(manager.MayAddTo(newcomers).IsSuccess);
        Assert.True(new UserRights(isAdmin: true, []).MayAddTo(admins).IsSuccess);
    }

    [Fact]
    public void A7_AnAccountIsChangedOnlyBySomeoneWhoHoldsEveryRightItHolds()
    {
        // SPEC A7
        var manager = Grants((Permission.ManageUsers, null), (Permission.ViewApp, null));

        Assert.Equal(ResultStatus.Forbidden, manager.MayActOn(new UserRights(isAdmin: true, [])).Status);
        Assert.Equal(ResultStatus.Forbidden, manager.MayActOn(Grants((Permission.EditApp, 5))).Status);
        Assert.True(manager.MayActOn(Grants((Permission.ViewApp, 5))).IsSuccess);
        Assert.True(manager.MayActOn(UserRights.None).IsSuccess);
        Assert.True(manager.Covers(Grants((Permission.ManageUsers, null))));
        Assert.False(manager.Covers(new UserRights(isAdmin: true, [])));
    }

    private static Group GroupWith(int id, params (Permission Permission, int? AppId)[] grants)
    {
        var group = id == Group.AdminsId ? Group.BuiltIn(id, "Admins", grantsEverything: true) : new Group($"Group {id}");
        foreach (var (permission, appId) in grants)
        {
            Assert.True(group.SetPermission(permission, appId, granted: true).IsSuccess);
        }

        return group;
    }
}
