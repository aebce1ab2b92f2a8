using Lifecycle.Data.Access;
using Lifecycle.Data.Audit;
using Lifecycle.Data.Common;
using Lifecycle.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Lifecycle.Tests.Integration;

/// <summary>
/// SPEC A7 (issue 7, must-fix 1): only Admins make admins or change an admin's account, nobody gives a group a right
/// they do not hold, and nobody raises their own rights. Each case was possible before the fix.
/// </summary>
public sealed class PrivilegeEscalationTests
{
    [Fact]
    public async Task A7_AUserManagerCannotCreateAUserInAdmins()
    {
        // SPEC A7
        await using var workspace = await TestWorkspace.StartAsync();
        var manager = await workspace.AddUserAsync("Max Manager", await workspace.CreateGroupAsync("User managers", (Permission.ManageUsers, null)));

        var created = await workspace.UserAdmin.CreateUserAsync(manager, "mallory@lifecycle.test", "Mallory", [Group.AdminsId]);

        ResultAssert.Failed(ResultStatus.Forbidden, created);
        await using var db = await workspace.DbAsync();
        Assert.False(await db.Users.AnyAsync(u => u.Email == "mallory@lifecycle.test"));
        Assert.Equal(AuditOutcome.Refused, (await workspace.AuditEntriesAsync()).Last(e => e.Action == AuditActions.UserCreated).Outcome);
    }

    [Fact]
    public async Task A7_AUserManagerCannotResetDisableOrEnableAnAdmin()
    {
        // SPEC A7: the reset would hand the manager the admin's one-time password
        await using var workspace = await TestWorkspace.StartAsync();
        var manager = await workspace.AddUserAsync("Max Manager", await workspace.CreateGroupAsync("User managers", (Permission.ManageUsers, null)));
        var second = await workspace.AddUserAsync("Second Admin", Group.AdminsId); // so "last admin" cannot be why it is refused

        var reset = await workspace.UserAdmin.ResetPasswordAsync(manager, workspace.Admin.UserId);
        ResultAssert.Failed(ResultStatus.Forbidden, reset);
        Assert.Null(reset.Value);
        ResultAssert.Failed(ResultStatus.Forbidden, await workspace.UserAdmin.DisableAsync(manager, second.UserId));
        ResultAssert.Ok(await workspace.UserAdmin.DisableAsync(workspace.Admin, second.UserId));
        ResultAssert.Failed(ResultStatus.Forbidden, await workspace.UserAdmin.EnableAsync(manager, second.UserId));

        await using var scope = workspace.Get<IServiceScopeFactory>().CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<LifecycleUser>>();
        Assert.True(await users.CheckPasswordAsync((await users.FindByIdAsync(workspace.Admin.UserId))!, TestWorkspace.Password));
        Assert.True((await users.FindByIdAsync(second.UserId))!.IsDisabled);
        Assert.Equal(3, (await workspace.AuditEntriesAsync()).Count(e => e.UserId == manager.UserId && e.Outcome == AuditOutcome.Refused));
    }

    [Fact]
    public async Task A7_AUserManagerCannotTakeOverAnAccountWithRightsTheyDoNotHold()
    {
        // SPEC A7: resetting a builder's password would give the manager the builder's rights
        await using var workspace = await TestWorkspace.StartAsync();
        var manager = await workspace.AddUserAsync("Max Manager", await workspace.CreateGroupAsync("User managers", (Permission.ManageUsers, null)));
        var builder = await workspace.AddBuilderAsync("Bea Builder");
        var newcomer = await workspace.AddUserAsync("Nick Newcomer", await workspace.CreateGroupAsync("Newcomers"));

        ResultAssert.Failed(ResultStatus.Forbidden, await workspace.UserAdmin.ResetPasswordAsync(manager, builder.UserId));
        ResultAssert.Failed(ResultStatus.Forbidden, await workspace.UserAdmin.CreateUserAsync(manager, "eve@lifecycle.test", "Eve", [Group.EndUsersId]));
        Assert.False(string.IsNullOrEmpty(ResultAssert.Ok(await workspace.UserAdmin.ResetPasswordAsync(manager, newcomer.UserId))));
    }

    [Fact]
    public async Task A7_AGroupManagerCannotAddThemselvesToAdminsOrToAGroupWithMoreRights()
    {
        // SPEC A7: nobody raises their own rights
        await using var workspace = await TestWorkspace.StartAsync();
        var managers = await workspace.CreateGroupAsync("Group managers", (Permission.ManageGroups, null));
        var manager = await workspace.AddUserAsync("Gil Groups", managers);

        ResultAssert.Failed(ResultStatus.Forbidden, await workspace.GroupAdmin.AddMemberAsync(manager, Group.AdminsId, manager.UserId));
        ResultAssert.Failed(ResultStatus.Forbidden, await workspace.GroupAdmin.AddMemberAsync(manager, Group.BuildersId, manager.UserId));

        await using var db = await workspace.DbAsync();
        Assert.Equal([managers], await db.GroupMembers.Where(m => m.UserId == manager.UserId).Select(m => m.GroupId).ToListAsync());
        ResultAssert.Failed(ResultStatus.Forbidden, await workspace.UserAdmin.ListAsync(manager, null, 1, 10));
    }

    [Fact]
    public async Task A7_NobodyGivesAGroupARightTheyDoNotHoldIncludingTheirOwnGroup()
    {
        // SPEC A7
        await using var workspace = await TestWorkspace.StartAsync();
        var app = await workspace.CreateAppAsync(workspace.Admin, "Alpha");
        var managers = await workspace.CreateGroupAsync("Group managers", (Permission.ManageGroups, null));
        var manager = await workspace.AddUserAsync("Gil Groups", managers);
        var scratch = await workspace.CreateGroupAsync("Scratch");

        ResultAssert.Failed(ResultStatus.Forbidden, await workspace.GroupAdmin.SetPermissionAsync(manager, managers, Permission.ManageUsers, null, granted: true));
        ResultAssert.Failed(ResultStatus.Forbidden, await workspace.GroupAdmin.SetPermissionAsync(manager, managers, Permission.EditApp, null, granted: true));
        ResultAssert.Failed(ResultStatus.Forbidden, await workspace.GroupAdmin.SetPermissionAsync(manager, scratch, Permission.ReleaseApp, app.Id, granted: true));
        ResultAssert.Ok(await workspace.GroupAdmin.SetPermissionAsync(manager, scratch, Permission.ManageGroups, null, granted: true));

        var own = ResultAssert.Ok(await workspace.GroupAdmin.GetAsync(workspace.Admin, managers));
        Assert.Equal([new GroupGrant(Permission.ManageGroups, null)], own.Grants);
    }

    [Fact]
    public async Task A7_OnlyAdminsChangeTheGroupsOfAnAdmin()
    {
        // SPEC A7: "change groups" of an admin's account
        await using var workspace = await TestWorkspace.StartAsync();
        var manager = await workspace.AddUserAsync("Gil Groups", await workspace.CreateGroupAsync("Group managers", (Permission.ManageGroups, null)));
        var second = await workspace.AddUserAsync("Second Admin", Group.AdminsId);

        ResultAssert.Failed(ResultStatus.Forbidden, await workspace.GroupAdmin.RemoveMemberAsync(manager, Group.AdminsId, second.UserId));
        ResultAssert.Failed(ResultStatus.Forbidden, await workspace.GroupAdmin.AddMemberAsync(manager, await workspace.CreateGroupAsync("Newcomers"), second.UserId));
        ResultAssert.Ok(await workspace.GroupAdmin.RemoveMemberAsync(workspace.Admin, Group.AdminsId, second.UserId));
    }

    [Fact]
    public async Task A7_SomeoneWhoHoldsTheRightsMayHandThemOut()
    {
        // SPEC A7: the rule is "only what you hold", not "Admins only"
        await using var workspace = await TestWorkspace.StartAsync();
        var helpdesk = await workspace.CreateGroupAsync("Helpdesk", (Permission.ManageUsers, null), (Permission.ManageGroups, null), (Permission.ViewApp, null));
        var desk = await workspace.AddUserAsync("Hal Helpdesk", helpdesk);

        var created = ResultAssert.Ok(await workspace.UserAdmin.CreateUserAsync(desk, "eve@lifecycle.test", "Eve User", [Group.EndUsersId]));
        ResultAssert.Ok(await workspace.UserAdmin.ResetPasswordAsync(desk, created.UserId));
        ResultAssert.Ok(await workspace.GroupAdmin.SetPermissionAsync(desk, Group.EndUsersId, Permission.ViewApp, null, granted: false));
        ResultAssert.Ok(await workspace.GroupAdmin.SetPermissionAsync(desk, Group.EndUsersId, Permission.ViewApp, null, granted: true));
        ResultAssert.Failed(ResultStatus.Forbidden, await workspace.GroupAdmin.SetPermissionAsync(desk, Group.EndUsersId, Permission.EditApp, null, granted: true));
    }
}
