using Lifecycle.Data.Access;
using Lifecycle.Data.Audit;
using Lifecycle.Data.Common;
using Lifecycle.Data.Definitions;
using Lifecycle.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Lifecycle.Tests.Integration;

/// <summary>SPEC A1-A4: the admin use cases on users, groups and permissions.</summary>
public sealed class UserAndGroupAdminTests
{
    [Fact]
    public async Task A3_RemovedFromBuildersWhileTheEditorIsOpenTheNextEditIsRefused()
    {
        // SPEC A3, A4
        await using var workspace = await TestWorkspace.StartAsync();
        var builder = await workspace.AddBuilderAsync("Bea Builder");
        var app = await workspace.CreateAppAsync(builder);
        var v1 = await workspace.FirstVersionIdAsync(app.Id);
        var open = ResultAssert.Ok(await workspace.Versions.GetAsync(builder, v1)); // the editor has loaded the draft
        var edited = ResultAssert.Ok(DefinitionEdits.AddComponent(open.Definition, open.Definition.Pages[0].Id, ComponentType.Text, out _));
        var revision = ResultAssert.Ok(await workspace.Versions.UpdateDefinitionAsync(builder, v1, open.Revision, edited));

        ResultAssert.Ok(await workspace.GroupAdmin.RemoveMemberAsync(workspace.Admin, Group.BuildersId, builder.UserId));

        var again = ResultAssert.Ok(DefinitionEdits.AddComponent(edited, edited.Pages[0].Id, ComponentType.Button, out _));
        ResultAssert.Failed(ResultStatus.Forbidden, await workspace.Versions.UpdateDefinitionAsync(builder, v1, revision, again));
        Assert.Equal(revision, (await workspace.VersionRowAsync(v1)).Revision);
        var entries = await workspace.AuditEntriesAsync();
        Assert.Contains(entries, e => e.Action == AuditActions.GroupMemberRemoved && e.UserId == workspace.Admin.UserId && e.Outcome == AuditOutcome.Allowed);
        var refusal = entries.Last();
        Assert.Equal((AuditActions.VersionEdited, AuditOutcome.Refused, builder.UserId, app.Id, "v1"), (refusal.Action, refusal.Outcome, refusal.UserId, refusal.AppId, refusal.VersionName));
    }

    [Fact]
    public async Task A1_BuiltInGroupsCannotBeDeletedOrRenamed()
    {
        // SPEC A1
        await using var workspace = await TestWorkspace.StartAsync();

        foreach (var id in new[] { Group.AdminsId, Group.BuildersId, Group.EndUsersId })
        {
            ResultAssert.Failed(ResultStatus.Conflict, await workspace.GroupAdmin.DeleteAsync(workspace.Admin, id));
            ResultAssert.Failed(ResultStatus.Conflict, await workspace.GroupAdmin.RenameAsync(workspace.Admin, id, "Other"));
        }

        var groups = ResultAssert.Ok(await workspace.GroupAdmin.ListAsync(workspace.Admin));
        Assert.Equal(["Admins", "Builders", "End users"], groups.Select(g => g.Name).Order());
    }

    [Fact]
    public async Task A1_AdminsAlwaysKeepsAtLeastOneMember()
    {
        // SPEC A1
        await using var workspace = await TestWorkspace.StartAsync();

        ResultAssert.Failed(ResultStatus.Conflict, await workspace.GroupAdmin.RemoveMemberAsync(workspace.Admin, Group.AdminsId, workspace.Admin.UserId));

        var second = await workspace.AddUserAsync("Second Admin", Group.AdminsId);
        var third = await workspace.AddUserAsync("Third Admin", Group.AdminsId);
        ResultAssert.Ok(await workspace.GroupAdmin.RemoveMemberAsync(workspace.Admin, Group.AdminsId, workspace.Admin.UserId));
        ResultAssert.Ok(await workspace.GroupAdmin.RemoveMemberAsync(second, Group.AdminsId, third.UserId));
        ResultAssert.Failed(ResultStatus.Conflict, await workspace.GroupAdmin.RemoveMemberAsync(second, Group.AdminsId, second.UserId));
        Assert.Equal(AuditOutcome.Failed, (await workspace.AuditEntriesAsync()).Last().Outcome);

        // A disabled member does not count: the last *active* admin stays.
        ResultAssert.Ok(await workspace.GroupAdmin.AddMemberAsync(second, Group.AdminsId, third.UserId));
        ResultAssert.Ok(await workspace.UserAdmin.DisableAsync(second, third.UserId));
        ResultAssert.Failed(ResultStatus.Conflict, await workspace.GroupAdmin.RemoveMemberAsync(second, Group.AdminsId, second.UserId));
        ResultAssert.Failed(ResultStatus.Forbidden, await workspace.GroupAdmin.RemoveMemberAsync(third, Group.AdminsId, second.UserId)); // disabled: no rights
    }

    [Fact]
    public async Task A2_CustomGroupsAreCreatedRenamedGivenMembersAndDeleted()
    {
        // SPEC A1, A2
        await using var workspace = await TestWorkspace.StartAsync();
        var endUser = await workspace.AddEndUserAsync("Eve User");
        var app = await workspace.CreateAppAsync(workspace.Admin);

        var groupId = ResultAssert.Ok(await workspace.GroupAdmin.CreateAsync(workspace.Admin, "  Reviewers "));
        ResultAssert.Failed(ResultStatus.Invalid, await workspace.GroupAdmin.CreateAsync(workspace.Admin, "reviewers"), "name");
        ResultAssert.Failed(ResultStatus.Invalid, await workspace.GroupAdmin.CreateAsync(workspace.Admin, "  "), "name");
        ResultAssert.Failed(ResultStatus.Invalid, await workspace.GroupAdmin.RenameAsync(workspace.Admin, groupId, "builders"), "name");
        ResultAssert.Ok(await workspace.GroupAdmin.RenameAsync(workspace.Admin, groupId, "Release team"));
        ResultAssert.Ok(await workspace.GroupAdmin.SetPermissionAsync(workspace.Admin, groupId, Permission.ReleaseApp, app.Id, granted: true));
        ResultAssert.Failed(ResultStatus.Invalid, await workspace.GroupAdmin.SetPermissionAsync(workspace.Admin, groupId, Permission.ManageUsers, app.Id, granted: true), "app");
        ResultAssert.Ok(await workspace.GroupAdmin.AddMemberAsync(workspace.Admin, groupId, endUser.UserId));

        var detail = ResultAssert.Ok(await workspace.GroupAdmin.GetAsync(workspace.Admin, groupId));
        Assert.Equal(("Release team", false), (detail.Name, detail.IsBuiltIn));
        Assert.Equal([new GroupGrant(Permission.ReleaseApp, app.Id)], detail.Grants);
        Assert.Equal(["Eve User"], detail.Members.Select(m => m.Name));

        ResultAssert.Ok(await workspace.GroupAdmin.DeleteAsync(workspace.Admin, groupId));
        ResultAssert.Failed(ResultStatus.NotFound, await workspace.GroupAdmin.GetAsync(workspace.Admin, groupId));
        await using var db = await workspace.DbAsync();
        Assert.False(await db.GroupMembers.AnyAsync(m => m.GroupId == groupId));
        Assert.False(await db.GroupPermissions.AnyAsync(p => p.GroupId == groupId));
    }

    [Fact]
    public async Task A2_EffectiveRightsAreTheUnionOfTheGroupsWithTheGrantingGroupForEach()
    {
        // SPEC A2
        await using var workspace = await TestWorkspace.StartAsync();
        var app = await workspace.CreateAppAsync(workspace.Admin, "Orders");
        var user = await workspace.AddEndUserAsync("Eve User");
        var releasers = await workspace.CreateGroupAsync("Releasers", (Permission.ReleaseApp, app.Id), (Permission.ViewApp, null));
        ResultAssert.Ok(await workspace.GroupAdmin.AddMemberAsync(workspace.Admin, releasers, user.UserId));

        var rights = ResultAssert.Ok(await workspace.GroupAdmin.EffectiveRightsAsync(workspace.Admin, user.UserId));

        Assert.Empty(rights.EverythingFrom);
        Assert.Equal(["End users", "Releasers"], rights.Rights.Single(r => r.Permission == Permission.ViewApp && r.AppId is null).GrantedBy);
        var release = rights.Rights.Single(r => r.Permission == Permission.ReleaseApp);
        Assert.Equal((app.Id, "Orders"), (release.AppId, release.AppName));
        Assert.Equal(["Releasers"], release.GrantedBy);
        var adminRights = ResultAssert.Ok(await workspace.UserAdmin.GetAsync(workspace.Admin, workspace.Admin.UserId)).Rights;
        Assert.Equal(["Admins"], adminRights.EverythingFrom);
    }

    [Fact]
    public async Task A3_ADisabledUserIsRefusedAtTheNextActionAndCannotSignInUntilReEnabled()
    {
        // SPEC A3; issue 4: security stamp changes on disable
        await using var workspace = await TestWorkspace.StartAsync();
        var builder = await workspace.AddBuilderAsync("Bea Builder");
        var stamp = await StampAsync(workspace, builder.UserId);

        ResultAssert.Ok(await workspace.UserAdmin.DisableAsync(workspace.Admin, builder.UserId));

        ResultAssert.Failed(ResultStatus.Forbidden, await workspace.Apps.CreateAsync(builder, "Orders", "orders"));
        Assert.NotEqual(stamp, await StampAsync(workspace, builder.UserId));
        await using (var scope = workspace.Get<IServiceScopeFactory>().CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<LifecycleUser>>();
            Assert.True(await users.IsLockedOutAsync((await users.FindByIdAsync(builder.UserId))!));
        }

        var listed = ResultAssert.Ok(await workspace.UserAdmin.ListAsync(workspace.Admin, "bea", 1, 10));
        Assert.True(Assert.Single(listed.Rows).IsDisabled);

        ResultAssert.Ok(await workspace.UserAdmin.EnableAsync(workspace.Admin, builder.UserId));
        ResultAssert.Ok(await workspace.Apps.CreateAsync(builder, "Orders", "orders"));
    }

    [Fact]
    public async Task A1_NoOneDisablesThemselvesOrTheLastActiveAdmin()
    {
        // SPEC A1, A5: the workspace never loses its last admin
        await using var workspace = await TestWorkspace.StartAsync();
        var second = await workspace.AddUserAsync("Second Admin", Group.AdminsId);

        ResultAssert.Failed(ResultStatus.Conflict, await workspace.UserAdmin.DisableAsync(workspace.Admin, workspace.Admin.UserId));
        ResultAssert.Ok(await workspace.UserAdmin.DisableAsync(second, workspace.Admin.UserId));
        ResultAssert.Failed(ResultStatus.Conflict, await workspace.UserAdmin.DisableAsync(second, second.UserId));
        ResultAssert.Ok(await workspace.Apps.CreateAsync(second, "Orders", "orders"));
    }

    [Fact]
    public async Task A3_APasswordResetGivesANewPasswordAndEndsTheUsersSessions()
    {
        // issue 4: security stamp changes on password reset
        await using var workspace = await TestWorkspace.StartAsync();
        var builder = await workspace.AddBuilderAsync("Bea Builder");
        var stamp = await StampAsync(workspace, builder.UserId);

        var password = ResultAssert.Ok(await workspace.UserAdmin.ResetPasswordAsync(workspace.Admin, builder.UserId));

        Assert.True(password.Length >= 12);
        Assert.NotEqual(stamp, await StampAsync(workspace, builder.UserId));
        await using var scope = workspace.Get<IServiceScopeFactory>().CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<LifecycleUser>>();
        var user = (await users.FindByIdAsync(builder.UserId))!;
        Assert.True(await users.CheckPasswordAsync(user, password));
        Assert.False(await users.CheckPasswordAsync(user, TestWorkspace.Password));
        Assert.DoesNotContain(await workspace.AuditEntriesAsync(), e => e.Details?.Contains(password) == true); // no secrets in the log
    }

    [Fact]
    public async Task A2_AdminsCreateUsersInSeveralGroupsWithAGeneratedPasswordShownOnce()
    {
        // SPEC A2
        await using var workspace = await TestWorkspace.StartAsync();

        var created = ResultAssert.Ok(await workspace.UserAdmin.CreateUserAsync(workspace.Admin, "nia@lifecycle.test", "Nia New", [Group.BuildersId, Group.EndUsersId]));
        ResultAssert.Failed(ResultStatus.Invalid, await workspace.UserAdmin.CreateUserAsync(workspace.Admin, "nia@lifecycle.test", "Nia Again", [Group.EndUsersId]), "email");
        ResultAssert.Failed(ResultStatus.Invalid, await workspace.UserAdmin.CreateUserAsync(workspace.Admin, "other@lifecycle.test", "Other", []), "group");

        var detail = ResultAssert.Ok(await workspace.UserAdmin.GetAsync(workspace.Admin, created.UserId));
        Assert.Equal(["Builders", "End users"], detail.Groups.Select(g => g.Name));
        Assert.DoesNotContain(await workspace.AuditEntriesAsync(), e => e.Details?.Contains(created.Password) == true);
        var page = ResultAssert.Ok(await workspace.UserAdmin.ListAsync(workspace.Admin, null, 1, 1));
        Assert.Equal((2, 1), (page.Total, page.Rows.Count));
    }

    [Fact]
    public async Task PasswordsAreHashedWithAtLeast210000IterationsAndOlderHashesAreUpgraded()
    {
        // issue 4: identity hardening
        await using var workspace = await TestWorkspace.StartAsync();
        await using var db = await workspace.DbAsync();
        var hash = Convert.FromBase64String((await db.Users.SingleAsync()).PasswordHash!);
        var iterations = (hash[5] << 24) | (hash[6] << 16) | (hash[7] << 8) | hash[8]; // Identity V3 format: marker, PRF, iteration count (big-endian)
        Assert.True(iterations >= 210_000, $"{iterations} iterations");

        var old = new PasswordHasher<LifecycleUser>(Options.Create(new PasswordHasherOptions { IterationCount = 100_000 }));
        var oldHash = old.HashPassword(new LifecycleUser(), "secret password");
        await using var scope = workspace.Get<IServiceScopeFactory>().CreateAsyncScope();
        var hasher = scope.ServiceProvider.GetRequiredService<IPasswordHasher<LifecycleUser>>();
        Assert.Equal(PasswordVerificationResult.SuccessRehashNeeded, hasher.VerifyHashedPassword(new LifecycleUser(), oldHash, "secret password"));
    }

    [Fact]
    public async Task AGeneratedPasswordIsOneTimeUntilTheUserChoosesTheirOwn()
    {
        // issue 4: "a one-time password ... shown once"
        await using var workspace = await TestWorkspace.StartAsync();
        var created = ResultAssert.Ok(await workspace.UserAdmin.CreateUserAsync(workspace.Admin, "nia@lifecycle.test", "Nia New", [Group.EndUsersId]));
        var nia = new Actor(created.UserId, "Nia New");
        Assert.True(await MustChangeAsync(workspace, nia.UserId));

        ResultAssert.Failed(ResultStatus.Invalid, await workspace.UserAdmin.ChangeOwnPasswordAsync(nia, "not it", "my own secret"), "currentPassword");
        ResultAssert.Failed(ResultStatus.Invalid, await workspace.UserAdmin.ChangeOwnPasswordAsync(nia, created.Password, "short"), "newPassword");
        ResultAssert.Ok(await workspace.UserAdmin.ChangeOwnPasswordAsync(nia, created.Password, "my own secret"));
        Assert.False(await MustChangeAsync(workspace, nia.UserId));

        ResultAssert.Ok(await workspace.UserAdmin.ResetPasswordAsync(workspace.Admin, nia.UserId));
        Assert.True(await MustChangeAsync(workspace, nia.UserId));
        var entries = await workspace.AuditEntriesAsync();
        Assert.Equal([AuditOutcome.Failed, AuditOutcome.Failed, AuditOutcome.Allowed], entries.Where(e => e.Action == AuditActions.PasswordChanged).Select(e => e.Outcome));
        Assert.DoesNotContain(entries, e => e.Details?.Contains("my own secret") == true);
    }

    [Fact]
    public async Task A7_AGroupPageSaysWhatTheViewerMayDoAndListsEveryAppForItsPermissions()
    {
        // SPEC A2, A7: a group manager without app rights still sees the group's per-app grants, and what they may change
        await using var workspace = await TestWorkspace.StartAsync();
        var alpha = await workspace.CreateAppAsync(workspace.Admin, "Alpha");
        var editors = await workspace.CreateGroupAsync("Alpha editors", (Permission.EditApp, alpha.Id));
        var editor = await workspace.AddUserAsync("Ed Editor", editors);
        var manager = await workspace.AddUserAsync("Gil Groups", await workspace.CreateGroupAsync("Group managers", (Permission.ManageGroups, null)));

        var seen = ResultAssert.Ok(await workspace.GroupAdmin.GetAsync(manager, editors));

        Assert.Equal([new GroupApp(alpha.Id, "Alpha")], seen.Apps);
        Assert.Equal([new GroupGrant(Permission.EditApp, alpha.Id)], seen.Grants);
        Assert.False(seen.MayAddMembers);
        Assert.False(Assert.Single(seen.Members, m => m.UserId == editor.UserId).MayChange);
        Assert.Empty(ResultAssert.Ok(await workspace.GroupAdmin.CandidatesAsync(manager, editors)));
        Assert.True(ResultAssert.Ok(await workspace.GroupAdmin.GetAsync(workspace.Admin, editors)).MayAddMembers);
        Assert.False(ResultAssert.Ok(await workspace.GroupAdmin.GetAsync(workspace.Admin, Group.BuildersId)).MayRename);
    }

    private static async Task<bool> MustChangeAsync(TestWorkspace workspace, string userId)
    {
        await using var db = await workspace.DbAsync();
        return await db.Users.Where(u => u.Id == userId).Select(u => u.MustChangePassword).SingleAsync();
    }

    private static async Task<string?> StampAsync(TestWorkspace workspace, string userId)
    {
        await using var db = await workspace.DbAsync();
        return await db.Users.Where(u => u.Id == userId).Select(u => u.SecurityStamp).SingleAsync();
    }
}
