using Lifecycle.Data.Access;
using Lifecycle.Data.Common;
using Lifecycle.Data.Versions;
using Lifecycle.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Lifecycle.Tests.Integration;

/// <summary>SPEC A1, A3: every use case checks the acting user's rights in the database at the time of the action.</summary>
public sealed class AccessTests
{
    [Fact]
    public async Task A3_EndUserCannotCreateAnApp()
    {
        // SPEC A3, A1
        await using var workspace = await TestWorkspace.StartAsync();
        var endUser = await workspace.AddEndUserAsync("Eve User");

        ResultAssert.Failed(ResultStatus.Forbidden, await workspace.Apps.CreateAsync(endUser, "Orders", "orders"));

        await using var db = await workspace.DbAsync();
        Assert.False(await db.Apps.AnyAsync());
        Assert.False(await db.Versions.AnyAsync());
    }

    [Fact]
    public async Task A3_EndUserCannotCreateSaveOrReleaseVersions()
    {
        // SPEC A3, A1
        await using var workspace = await TestWorkspace.StartAsync();
        var endUser = await workspace.AddEndUserAsync("Eve User");
        var app = await workspace.CreateAppAsync(workspace.Admin);
        var v1 = await workspace.FirstVersionIdAsync(app.Id);
        var saved = await workspace.CreateProductionVersionAsync(workspace.Admin, app.Id, "saved", v1);
        var v1Detail = ResultAssert.Ok(await workspace.Versions.GetAsync(workspace.Admin, v1));

        ResultAssert.Failed(ResultStatus.Forbidden, await workspace.Versions.CreateAsync(endUser, app.Id, "mine", v1));
        ResultAssert.Failed(ResultStatus.Forbidden, await workspace.Versions.SaveAsync(endUser, v1, "by an end user"));
        ResultAssert.Failed(ResultStatus.Forbidden, await workspace.Releases.ReleaseAsync(endUser, saved, null));
        ResultAssert.Failed(ResultStatus.Forbidden, await workspace.Versions.UpdateDefinitionAsync(endUser, v1, v1Detail.Revision, v1Detail.Definition));
        ResultAssert.Failed(ResultStatus.Forbidden, await workspace.Versions.RenameAsync(endUser, v1, "mine"));
        ResultAssert.Failed(ResultStatus.Forbidden, await workspace.Versions.DeleteAsync(endUser, saved));

        var versions = ResultAssert.Ok(await workspace.Versions.ListAsync(workspace.Admin, app.Id));
        Assert.Equal(["v1", "saved"], versions.Select(v => v.Name));
        Assert.Equal(DisplayedVersionState.Draft, versions[0].State);
        Assert.Equal(DisplayedVersionState.Saved, versions[1].State);
        Assert.Equal(v1Detail.Revision, (await workspace.VersionRowAsync(v1)).Revision);
        Assert.Null((await workspace.AppRowAsync(app.Id)).ReleasedVersionId);
        await using var db = await workspace.DbAsync();
        Assert.False(await db.Releases.AnyAsync());
    }

    [Fact]
    public async Task A1_BuilderCanCreateAndSaveButNotRelease()
    {
        // SPEC A1: release is admin-only by default
        await using var workspace = await TestWorkspace.StartAsync();
        var builder = await workspace.AddBuilderAsync("Bea Builder");

        var app = await workspace.CreateAppAsync(builder);
        var v1 = await workspace.FirstVersionIdAsync(app.Id);
        var v2 = await workspace.CreateVersionAsync(builder, app.Id, "v2", v1);
        ResultAssert.Ok(await workspace.Versions.SaveAsync(builder, v2.Id, "ready"));
        await workspace.PromoteToProductionAsync(v2.Id);

        ResultAssert.Failed(ResultStatus.Forbidden, await workspace.Releases.ReleaseAsync(builder, v2.Id, null));
        Assert.Null((await workspace.AppRowAsync(app.Id)).ReleasedVersionId);

        ResultAssert.Ok(await workspace.Releases.ReleaseAsync(workspace.Admin, v2.Id, null));
        Assert.Equal(v2.Id, (await workspace.AppRowAsync(app.Id)).ReleasedVersionId);
    }

    [Fact]
    public async Task A3_RemovedGroupMembershipAppliesToTheNextAction()
    {
        // SPEC A3
        await using var workspace = await TestWorkspace.StartAsync();
        var builder = await workspace.AddBuilderAsync("Bea Builder");
        var app = await workspace.CreateAppAsync(builder);
        var v1 = await workspace.FirstVersionIdAsync(app.Id);
        await workspace.CreateVersionAsync(builder, app.Id, "v2", v1);

        await using (var db = await workspace.DbAsync())
        {
            var membership = await db.GroupMembers.SingleAsync(m => m.UserId == builder.UserId);
            db.GroupMembers.Remove(membership);
            await db.SaveChangesAsync();
        }

        ResultAssert.Failed(ResultStatus.Forbidden, await workspace.Versions.CreateAsync(builder, app.Id, "v3", v1));
        ResultAssert.Failed(ResultStatus.Forbidden, await workspace.Versions.SaveAsync(builder, v1, null));
        ResultAssert.Failed(ResultStatus.Forbidden, await workspace.Apps.CreateAsync(builder, "Other", "other"));
        ResultAssert.Failed(ResultStatus.Forbidden, await workspace.Versions.ListAsync(builder, app.Id));
        Assert.Empty(await workspace.Apps.ListAsync(builder));
        Assert.Equal(2, ResultAssert.Ok(await workspace.Versions.ListAsync(workspace.Admin, app.Id)).Count);
        Assert.Equal(VersionState.Draft, (await workspace.VersionRowAsync(v1)).State);
    }

    [Fact]
    public async Task A3_AddedGroupMembershipAppliesToTheNextAction()
    {
        // SPEC A3
        await using var workspace = await TestWorkspace.StartAsync();
        var endUser = await workspace.AddEndUserAsync("Eve User");
        ResultAssert.Failed(ResultStatus.Forbidden, await workspace.Apps.CreateAsync(endUser, "Orders", "orders"));

        await using (var db = await workspace.DbAsync())
        {
            db.GroupMembers.Add(new GroupMember(Group.BuildersId, endUser.UserId));
            await db.SaveChangesAsync();
        }

        ResultAssert.Ok(await workspace.Apps.CreateAsync(endUser, "Orders", "orders"));
    }

    [Fact]
    public async Task A2_OnlyUsersWhoManageUsersCanCreateUsers()
    {
        // SPEC A2
        await using var workspace = await TestWorkspace.StartAsync();
        var builder = await workspace.AddBuilderAsync("Bea Builder");

        var result = await workspace.UserAdmin.CreateUserAsync(builder, "new@lifecycle.test", "New Person", TestWorkspace.Password, Group.EndUsersId);

        ResultAssert.Failed(ResultStatus.Forbidden, result);
        await using var db = await workspace.DbAsync();
        Assert.False(await db.Users.AnyAsync(u => u.Email == "new@lifecycle.test"));
    }
}
