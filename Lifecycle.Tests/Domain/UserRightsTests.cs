using Lifecycle.Data.Access;

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
}
