using Lifecycle.Data.Access;
using Lifecycle.Data.Common;
using Lifecycle.Data.Persistence;
using Lifecycle.Data.Audit;
using Lifecycle.Data.Setup;
using Lifecycle.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
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
        var freshService = new SetupService(workspace.Get<UseCaseRunner>(), workspace.Get<IDbContextFactory<LifecycleDbContext>>());

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

    [Theory]
    [InlineData(nameof(SetupMarker))]
    [InlineData(nameof(LifecycleUser))]
    [InlineData(nameof(GroupMember))]
    [InlineData(nameof(AuditEntry))]
    public async Task A5_ACrashDuringSetupLeavesEitherAUsableSetupPageOrACompleteAdmin(string crashingInsert)
    {
        // SPEC A5, issue 7 must-fix 6: the server dies while writing the row named; nothing after that point is written
        var crash = new CrashOnInsert(crashingInsert);
        await using var workspace = await TestWorkspace.StartEmptyAsync(services => services.ConfigureDbContext<LifecycleDbContext>(options => options.AddInterceptors(crash)));

        await Assert.ThrowsAsync<CrashOnInsert.SimulatedCrash>(() => workspace.Setup.CreateFirstAdminAsync("ada@lifecycle.test", "Ada Admin", TestWorkspace.Password));
        await workspace.RestartAsync(); // a new process: nothing is remembered but the database

        await using (var db = await workspace.DbAsync())
        {
            // The crash came before the one commit, so nothing is written and the setup page stays usable.
            var (marker, users, admins) = (await db.SetupMarkers.AnyAsync(), await db.Users.CountAsync(), await db.GroupMembers.CountAsync(m => m.GroupId == Group.AdminsId));
            Assert.True((marker, users, admins) == (false, 0, 0), $"Half a setup: marker {marker}, users {users}, admins {admins}.");
            Assert.False(await workspace.Setup.IsSetUpAsync());
        }

        ResultAssert.Ok(await workspace.Setup.CreateFirstAdminAsync("ada@lifecycle.test", "Ada Admin", TestWorkspace.Password));
        var admin = new Actor(await workspace.UserIdAsync("ada@lifecycle.test"), "Ada Admin");
        ResultAssert.Ok(await workspace.Apps.CreateAsync(admin, "Orders", "orders"));
    }

    /// <summary>Throws, once, when a save would insert an entity of the named type: the process dying at that write.</summary>
    private sealed class CrashOnInsert(string entityType) : SaveChangesInterceptor
    {
        private int _armed = 1;

        public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
        {
            CrashIfInserting(eventData.Context);
            return result;
        }

        public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            CrashIfInserting(eventData.Context);
            return ValueTask.FromResult(result);
        }

        private void CrashIfInserting(DbContext? context)
        {
            var inserting = context?.ChangeTracker.Entries().Any(e => e.State == EntityState.Added && e.Entity.GetType().Name == entityType) == true;
            if (inserting && Interlocked.Exchange(ref _armed, 0) == 1)
            {
                throw new SimulatedCrash();
            }
        }

        public sealed class SimulatedCrash() : Exception("The server died here.");
    }
}
