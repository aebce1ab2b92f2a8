using Lifecycle.Data.Access;
using Lifecycle.Data.Common;

namespace Lifecycle.Tests.Domain;

/// <summary>SPEC A1: Admins keeps a member whose account is enabled; one rule for removing a member and disabling an account.</summary>
public sealed class AdminsKeepAnActiveMemberTests
{
    private static readonly DateTime Noon = new(2026, 11, 27, 12, 0, 0, DateTimeKind.Utc);

    private static Group Admins(params string[] memberIds)
    {
        var admins = Group.BuiltIn(Group.AdminsId, "Admins", grantsEverything: true);
        foreach (var id in memberIds)
        {
            admins.AddMember(id);
        }

        return admins;
    }

    [Fact]
    public void A1_TheLastActiveAdminIsNeitherRemovedNorDisabled()
    {
        // SPEC A1: "dis" is a disabled admin, who does not count
        var admins = Admins("ada", "dis");
        var active = new HashSet<string> { "ada" };
        var ada = new LifecycleUser { Id = "ada" };

        Assert.Equal(ResultStatus.Conflict, admins.RemoveMember("ada", active).Status);
        Assert.Equal(ResultStatus.Conflict, ada.Disable("someone-else", Noon, admins, active).Status);
        Assert.False(ada.IsDisabled);
        Assert.True(admins.RemoveMember("dis", active).IsSuccess);
    }

    [Fact]
    public void A1_WithAnotherActiveAdminEitherMayGo()
    {
        // SPEC A1
        var admins = Admins("ada", "bob");
        var active = new HashSet<string> { "ada", "bob" };
        var bob = new LifecycleUser { Id = "bob" };

        Assert.True(bob.Disable("ada", Noon, admins, active).IsSuccess);
        Assert.Equal(Noon, bob.DisabledAtUtc);
        Assert.True(admins.RemoveMember("ada", active).IsSuccess);
    }

    [Fact]
    public void A1_NobodyDisablesTheirOwnAccountAndOtherGroupsHaveNoSuchRule()
    {
        // SPEC A1
        var ada = new LifecycleUser { Id = "ada" };
        var builders = new Group("Builders");
        builders.AddMember("ada");

        Assert.Equal(ResultStatus.Conflict, ada.Disable("ada", Noon, Admins("bob"), new HashSet<string> { "bob" }).Status);
        Assert.True(builders.RemoveMember("ada", new HashSet<string>()).IsSuccess);
        ada.Enable();
        Assert.False(ada.IsDisabled);
    }
}
