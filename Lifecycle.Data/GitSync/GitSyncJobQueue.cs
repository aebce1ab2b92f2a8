using Lifecycle.Data.Audit;
using Lifecycle.Data.Instances;
using Lifecycle.Data.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Lifecycle.Data.GitSync;

/// <summary>
/// Where git work waits to run (SPEC G7). Jobs are rows, so they survive a restart and every page sees them. Claiming
/// a job is the one step several instances race on: <see cref="ClaimNextAsync"/> takes a lease (decision 032).
/// </summary>
public interface IGitSyncJobQueue
{
    /// <summary>Adds the job to the operation's context; the caller's save (with its audit entry) queues it.</summary>
    void Add(LifecycleDbContext db, GitSyncJob job);

    /// <summary>Marks the oldest queued job as running and returns it; null when none waits or another instance is at work.</summary>
    Task<GitSyncJob?> ClaimNextAsync(CancellationToken cancellationToken);

    /// <summary>Stores a running job's progress or outcome.</summary>
    Task UpdateAsync(long jobId, Action<GitSyncJob> change, CancellationToken cancellationToken);
}

/// <summary>
/// The queue as a table of the shared database. Jobs run on one instance at a time: a claim takes the GitSync lease
/// (decision 032) and the job together, under the write gate that every change takes, and an instance that finds the queue
/// empty gives the lease back in the same step. So a job queued by any instance is claimed exactly once, and git work,
/// which each instance does in its own clone, never runs on two instances at once.
/// </summary>
public sealed class DatabaseGitSyncJobQueue(IDbContextFactory<LifecycleDbContext> dbFactory, Leases leases, AuditWriter gate, TimeProvider clock) : IGitSyncJobQueue
{
    public const string LeaseName = "gitsync";

    /// <summary>
    /// How long a claim (or a progress report, which renews it) keeps the lease: longer than any one git command may take
    /// (<see cref="GitSyncOptions.NetworkTimeoutSeconds"/>), and how long a job waits when its instance stopped meanwhile.
    /// </summary>
    public static readonly TimeSpan LeaseDuration = TimeSpan.FromMinutes(5);

    public void Add(LifecycleDbContext db, GitSyncJob job) => db.GitSyncJobs.Add(job);

    public async Task<GitSyncJob?> ClaimNextAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await gate.BeginAsync(db, cancellationToken);
        if (!await leases.TryTakeAsync(db, LeaseName, LeaseDuration, cancellationToken))
        {
            return null; // another instance is doing GitSync work; it claims this job too before it gives the lease back
        }

        var now = clock.GetUtcNow().UtcDateTime;
        // This instance runs one job at a time and claims only between jobs: a job still running now was left by an
        // instance that stopped (its lease expired, or it was this instance before a restart).
        foreach (var abandoned in await db.GitSyncJobs.Where(j => j.State == GitSyncJobState.Running).ToListAsync(cancellationToken))
        {
            abandoned.Finish(false, "The server running this job stopped before it finished. Nothing was lost: request it again.", null, now);
        }

        var next = await db.GitSyncJobs.Where(j => j.State == GitSyncJobState.Queued).OrderBy(j => j.Id).FirstOrDefaultAsync(cancellationToken);
        if (next is null)
        {
            await leases.ReleaseAsync(db, LeaseName, cancellationToken);
        }
        else
        {
            next.Start(now);
        }

        await transaction.CommitUnauditedAsync(cancellationToken);
        return next;
    }

    public async Task UpdateAsync(long jobId, Action<GitSyncJob> change, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var job = await db.GitSyncJobs.SingleAsync(j => j.Id == jobId, cancellationToken);
        change(job);
        await db.SaveChangesAsync(cancellationToken);
        await leases.TryTakeAsync(LeaseName, LeaseDuration, cancellationToken); // still at work: the lease is renewed
    }
}

/// <summary>Tells open GitSync pages that a job was queued, moved on or finished (SPEC G7: visible progress).</summary>
public sealed class GitSyncActivity
{
    public event Action<long>? JobChanged;

    public void Notify(long jobId) => JobChanged?.Invoke(jobId);
}
