using Lifecycle.Data.Access;
using Lifecycle.Data.Common;
using Lifecycle.Data.Persistence;
using Lifecycle.Data.Setup;
using Lifecycle.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Lifecycle.Tests.Integration;

/// <summary>SPEC A5: no default account; the first visit creates the first admin, exactly once.</summary>
public sealed class SetupTests
{
    [Fact]
    public async Task A5_NewInstanceHasNoAccountAndIsNotSetUp()
    {
        // SPEC A5
        await using var workspace = await TestWorkspace.StartEmptyAsync();

        Assert.False(await workspace.Setup.IsSetUpAsync());
        await using var db = await workspace.DbAsync();
        Assert.False(await db.Users.AnyAsync());
    }

    [Fact]
    public async Task A5_FirstSetupCreatesAnAdmin()
    {
        // SPEC A5, A1
        await using var workspace = await TestWorkspace.StartEmptyAsync();

        ResultAssert.Ok(await workspace.Setup.CreateFirstAdminAsync(" ada@lifecycle.test ", " Ada Admin ", "eight ch"));

        Assert.True(await workspace.Setup.IsSetUpAsync());
        var admin = new Actor(await workspace.UserIdAsync("ada@lifecycle.test"), "Ada Admin");
        ResultAssert.Ok(await workspace.Apps.CreateAsync(admin, "Orders", "orders"));
        await using var db = await workspace.DbAsync();
        var user = await db.Users.SingleAsync();
        Assert.Equal("Ada Admin", user.DisplayName);
        Assert.Equal([Group.AdminsId], await db.GroupMembers.Where(m => m.UserId == user.Id).Select(m => m.GroupId).ToListAsync());
    }

    [Fact]
    public async Task A5_SecondSetupIsRefused()
    {
        // SPEC A5
        await using var workspace = await TestWorkspace.StartAsync();

        var second = await workspace.Setup.CreateFirstAdminAsync("mallory@lifecycle.test", "Mallory", TestWorkspace.Password);

        ResultAssert.Failed(ResultStatus.Conflict, second);
        await using var db = await workspace.DbAsync();
        Assert.Equal(["ada@lifecycle.test"], await db.Users.Select(u => u.Email).ToListAsync());
    }

    [Fact]
    public async Task A5_SecondSetupIsRefusedByAFreshServiceToo()
    {
        // SPEC A5: the database refuses, not only the service's memory
        await using var workspace = await TestWorkspace.StartAsync();
        var freshService = new SetupService(workspace.Get<IDbContextFactory<LifecycleDbContext>>(), workspace.Get<IServiceScopeFactory>(), TimeProvider.System, workspace.Get<Lifecycle.Data.Audit.AuditWriter>());

        Assert.True(await freshService.IsSetUpAsync());
        ResultAssert.Failed(ResultStatus.Conflict, await freshService.CreateFirstAdminAsync("mallory@lifecycle.test", "Mallory", TestWorkspace.Password));
    }

    [Fact]
    public async Task A5_OfRacingSetupsExactlyOneSucceeds()
    {
        // SPEC A5
        for (var round = 0; round < 3; round++)
        {
            await using var workspace = await TestWorkspace.StartEmptyAsync();

            var results = await Task.WhenAll(Enumerable.Range(0, 3).Select(i =>
                Task.Run(() => workspace.Setup.CreateFirstAdminAsync($"admin{i}@lifecycle.test", $"Admin {i}", TestWorkspace.Password))));

            Assert.Single(results, r => r.IsSuccess);
            Assert.All(results.Where(r => !r.IsSuccess), r => Assert.Equal(ResultStatus.Conflict, r.Status));
            await using var db = await workspace.DbAsync();
            Assert.Equal(1, await db.Users.CountAsync());
            Assert.Equal(1, await db.GroupMembers.CountAsync(m => m.GroupId == Group.AdminsId));
        }
    }

    [Theory]
    [InlineData("not-an-email", "Ada", TestWorkspace.Password, "email")]
    [InlineData("ada@lifecycle.test", "  ", TestWorkspace.Password, "name")]
    [InlineData("ada@lifecycle.test", "Ada", "seven c", "password")]
    public async Task A5_InvalidFirstAdminIsRefusedAndSetupStaysOpen(string email, string name, string password, string field)
    {
        // SPEC A5: password policy is at least 8 characters, no composition rules
        await using var workspace = await TestWorkspace.StartEmptyAsync();

        ResultAssert.Failed(ResultStatus.Invalid, await workspace.Setup.CreateFirstAdminAsync(email, name, password), field);

        Assert.False(await workspace.Setup.IsSetUpAsync());
        ResultAssert.Ok(await workspace.Setup.CreateFirstAdminAsync("ada@lifecycle.test", "Ada", "eightchr"));
    }
}
