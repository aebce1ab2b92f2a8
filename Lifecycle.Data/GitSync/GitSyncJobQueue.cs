using Lifecycle.Data.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Lifecycle.Data.GitSync;

/// <summary>
/// Where git work waits to run (SPEC G7). Jobs are rows, so they survive a restart and every page sees them. Claiming
/// a job is the one step several instances would race on: a lease (issue 12) belongs in <see cref="ClaimNextAsync"/>.
/// </summary>
public interface IGitSyncJobQueue
{
    /// <summary>Adds the job to the operation's context; the caller's save (with its audit entry) queues it.</summary>
    void Add(LifecycleDbContext db, GitSyncJob job);

    /// <summary>Marks the oldest queued job as running and returns it; null when none waits.</summary>
    Task<GitSyncJob?> ClaimNextAsync(CancellationToken cancellationToken);

    /// <summary>Stores a running job's progress or outcome.</summary>
    Task UpdateAsync(long jobId, Action<GitSyncJob> change, CancellationToken cancellationToken);
}

/// <summary>The queue as a table of this instance's database. A claim is a concurrency-checked update of the job's state.</summary>
public sealed class DatabaseGitSyncJobQueue(IDbContextFactory<LifecycleDbContext> dbFactory, TimeProvider clock) : IGitSyncJobQueue
{
    public void Add(LifecycleDbContext db, GitSyncJob job) => db.GitSyncJobs.Add(job);

    public async Task<GitSyncJob?> ClaimNextAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var next = await db.GitSyncJobs.Where(j => j.State == GitSyncJobState.Queued).OrderBy(j => j.Id).FirstOrDefaultAsync(cancellationToken);
            if (next is null)
            {
                return null;
            }

            next.Start(clock.GetUtcNow().UtcDateTime);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return next;
            }
            catch (DbUpdateConcurrencyException)
            {
                // Claimed by another worker meanwhile: look for the next one.
            }
        }
    }

    public async Task UpdateAsync(long jobId, Action<GitSyncJob> change, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var job = await db.GitSyncJobs.SingleAsync(j => j.Id == jobId, cancellationToken);
        change(job);
        await db.SaveChangesAsync(cancellationToken);
    }
}

/// <summary>Tells open GitSync pages that a job was queued, moved on or finished (SPEC G7: visible progress).</summary>
public sealed class GitSyncActivity
{
    public event Action<long>? JobChanged;

    public void Notify(long jobId) => JobChanged?.Invoke(jobId);
}
