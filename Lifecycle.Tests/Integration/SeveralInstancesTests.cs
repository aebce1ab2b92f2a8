using Lifecycle.Data.Access;
using Lifecycle.Data.Apps;
using Lifecycle.Data.Audit;
using Lifecycle.Data.Common;
using Lifecycle.Data.Constants;
using Lifecycle.Data.GitSync;
using Lifecycle.Data.Instances;
using Lifecycle.Data.Releases;
using Lifecycle.Data.Setup;
using Lifecycle.Data.Versions;
using Lifecycle.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Lifecycle.Tests.Integration;

/// <summary>
/// Two app instances on one database (decision 030): each test builds a second container on the workspace's database,
/// with its own in-process gates, so only what the database does keeps the guarantees. Runs on SQLite and, in the test
/// command's second run, on PostgreSQL.
/// </summary>
public sealed class SeveralInstancesTests
{
    [Fact]
    public async Task V6_ReleasesRacingOnTwoInstancesBothLandWithTheirHistoryRows()
    {
        // SPEC V6: the release pointer and its history row, when the releases come from two instances
        await using var workspace = await TestWorkspace.StartAsync();
        await using var other = workspace.BuildInstance();
        var app = await workspace.CreateAppAsync(workspace.Admin);
        var v1 = await workspace.FirstVersionIdAsync(app.Id);

        for (var round = 0; round < 5; round++)
        {
            var a = await workspace.CreateProductionVersionAsync(workspace.Admin, app.Id, $"a{round}", v1);
            var b = await workspace.CreateProductionVersionAsync(workspace.Admin, app.Id, $"b{round}", v1);

            var results = await Task.WhenAll(
                Task.Run(() => workspace.Releases.ReleaseAsync(workspace.Admin, a, null)),
                Task.Run(() => other.GetRequiredService<ReleaseService>().ReleaseAsync(workspace.Admin, b, null)));

            Assert.All(results, result => ResultAssert.Ok(result));
            await using var db = await workspace.DbAsync();
            var history = await db.Releases.AsNoTracking().Where(r => r.AppId == app.Id).OrderBy(r => r.Id).ToListAsync();
            Assert.Equal(2 * (round + 1), history.Count);
            Assert.Equal((await workspace.AppRowAsync(app.Id)).ReleasedVersionId, history[^1].VersionId);
        }
    }

    [Fact]
    public async Task V2_NamesRacingOnTwoInstancesThatDifferOnlyInCaseLetOneVersionIn()
    {
        // SPEC V2: unique in the app whatever their case, also when two instances create them at once
        await using var workspace = await TestWorkspace.StartAsync();
        await using var other = workspace.BuildInstance();
        var app = await workspace.CreateAppAsync(workspace.Admin);
        var v1 = await workspace.FirstVersionIdAsync(app.Id);

        for (var round = 0; round < 5; round++)
        {
            var results = await Task.WhenAll(
                Task.Run(() => workspace.Versions.CreateAsync(workspace.Admin, app.Id, $"release {round}", v1)),
                Task.Run(() => other.GetRequiredService<VersionService>().CreateAsync(workspace.Admin, app.Id, $"RELEASE {round}", v1)));

            Assert.Single(results, result => result.IsSuccess);
            Assert.Single(results, result => result.Status == ResultStatus.Invalid && result.Field == "name");
        }

        await using var db = await workspace.DbAsync();
        Assert.Equal(6, await db.Versions.CountAsync(v => v.AppId == app.Id));
    }

    [Fact]
    public async Task A5_SetupsRacingOnTwoInstancesCreateExactlyOneAdmin()
    {
        // SPEC A5: setup happens once, whichever instance the first visitors reach
        for (var round = 0; round < 3; round++)
        {
            await using var workspace = await TestWorkspace.StartEmptyAsync();
            await using var other = workspace.BuildInstance();

            var results = await Task.WhenAll(
                Task.Run(() => workspace.Setup.CreateFirstAdminAsync("first@lifecycle.test", "First", TestWorkspace.Password)),
                Task.Run(() => other.GetRequiredService<SetupService>().CreateFirstAdminAsync("second@lifecycle.test", "Second", TestWorkspace.Password)));

            Assert.Single(results, result => result.IsSuccess);
            Assert.Single(results, result => result.Status == ResultStatus.Conflict);
            await using var db = await workspace.DbAsync();
            Assert.Equal(1, await db.Users.CountAsync());
            Assert.Equal(1, await db.GroupMembers.CountAsync(m => m.GroupId == Group.AdminsId));
        }
    }

    [Fact]
    public async Task A4_ChangesRacingOnTwoInstancesKeepTheAuditChainLinear()
    {
        // SPEC A4: one chain, each entry after the one before, whichever instance appended it
        await using var workspace = await TestWorkspace.StartAsync();
        await using var other = workspace.BuildInstance();
        var before = (await workspace.AuditEntriesAsync()).Count;

        await Task.WhenAll(Enumerable.Range(0, 16).Select(i => Task.Run(() => (i % 2 == 0 ? workspace.Apps : other.GetRequiredService<AppService>())
            .CreateAsync(workspace.Admin, $"App {i}", $"app-{i}"))));

        var check = ResultAssert.Ok(await other.GetRequiredService<AuditService>().VerifyChainAsync(workspace.Admin));
        Assert.True(check.IsIntact, $"The chain breaks at entry {check.FirstBrokenId}.");
        var entries = await workspace.AuditEntriesAsync();
        Assert.Equal(before + 16, entries.Count(e => e.Action != AuditActions.AuditVerified));
        Assert.Equal(16, entries.Count(e => e.Action == AuditActions.AppCreated));
    }

    [Fact]
    public async Task E5_ASecretEncryptedByOneInstanceIsReadByTheOther()
    {
        // SPEC E5 across instances: one Data Protection key ring (decision 031)
        await using var workspace = await TestWorkspace.StartAsync();
        await using var other = workspace.BuildInstance();

        var cipher = workspace.Get<SecretProtector>().Protect("s3cret token");

        Assert.Equal("s3cret token", other.GetRequiredService<SecretProtector>().Unprotect(cipher));
    }

    [Fact]
    public async Task G7_JobsQueuedOnTwoInstancesAreClaimedOnceAndByOneInstanceAtATime()
    {
        // Decision 032: each job runs once; git work never runs on two instances at once
        await using var workspace = await TestWorkspace.StartAsync();
        await using var other = workspace.BuildInstance();
        var jobIds = await QueueJobsAsync(workspace, 12);
        var claims = new List<(string Instance, long JobId)>();

        await Task.WhenAll(
            Task.Run(() => WorkOffAsync(workspace.Get<IGitSyncJobQueue>(), "A", claims)),
            Task.Run(() => WorkOffAsync(other.GetRequiredService<IGitSyncJobQueue>(), "B", claims)));

        Assert.Equal(jobIds, claims.Select(c => c.JobId).Order());
        Assert.Single(claims.Select(c => c.Instance).Distinct()); // the lease is given back only when the queue is empty
        await using var db = await workspace.DbAsync();
        Assert.All(await db.GitSyncJobs.AsNoTracking().ToListAsync(), job => Assert.Equal(GitSyncJobState.Succeeded, job.State));
        Assert.Null(await workspace.Get<Leases>().HolderOfAsync(DatabaseGitSyncJobQueue.LeaseName));
    }

    [Fact]
    public async Task G7_WhenTheInstanceRunningAJobStopsAnotherTakesOverOnceItsLeaseExpires()
    {
        // Decision 032: a lease that is not renewed runs out; the job it left running is reported, the next one runs
        var clock = new ManualClock();
        await using var workspace = await TestWorkspace.StartAsync(services => services.AddSingleton<TimeProvider>(clock));
        await using var stopped = workspace.BuildInstance(services => services.AddSingleton<TimeProvider>(clock));
        await using var survivor = workspace.BuildInstance(services => services.AddSingleton<TimeProvider>(clock));
        var jobIds = await QueueJobsAsync(workspace, 2);

        var left = await stopped.GetRequiredService<IGitSyncJobQueue>().ClaimNextAsync(CancellationToken.None);
        Assert.Equal(jobIds[0], left?.Id);
        Assert.Null(await survivor.GetRequiredService<IGitSyncJobQueue>().ClaimNextAsync(CancellationToken.None)); // the lease still holds

        clock.Advance(DatabaseGitSyncJobQueue.LeaseDuration);
        var next = await survivor.GetRequiredService<IGitSyncJobQueue>().ClaimNextAsync(CancellationToken.None);

        Assert.Equal(jobIds[1], next?.Id);
        await using var db = await workspace.DbAsync();
        var abandoned = await db.GitSyncJobs.AsNoTracking().SingleAsync(j => j.Id == jobIds[0]);
        Assert.Equal(GitSyncJobState.Failed, abandoned.State);
        Assert.Contains("stopped before it finished", abandoned.Outcome);
        Assert.Equal(survivor.GetRequiredService<ThisInstance>().Id, await workspace.Get<Leases>().HolderOfAsync(DatabaseGitSyncJobQueue.LeaseName));
    }

    private static async Task<long[]> QueueJobsAsync(TestWorkspace workspace, int count)
    {
        await using var db = await workspace.DbAsync();
        var jobs = Enumerable.Range(0, count)
            .Select(i => GitSyncJob.Request(GitSyncJobKind.Fetch, $"Job {i}", null, null, workspace.Admin.UserId, workspace.Admin.Name, DateTime.UtcNow))
            .ToList();
        db.GitSyncJobs.AddRange(jobs);
        await db.SaveChangesAsync();
        return [.. jobs.Select(j => j.Id).Order()];
    }

    private static async Task WorkOffAsync(IGitSyncJobQueue queue, string instance, List<(string Instance, long JobId)> claims)
    {
        while (await queue.ClaimNextAsync(CancellationToken.None) is { } job)
        {
            lock (claims)
            {
                claims.Add((instance, job.Id));
            }

            await queue.UpdateAsync(job.Id, j => j.Finish(true, "Done.", null, DateTime.UtcNow), CancellationToken.None);
        }
    }
}
