using System.Threading.Channels;
using Lifecycle.Data.Audit;
using Lifecycle.Data.Events;
using Lifecycle.Data.Persistence;
using Lifecycle.Data.Releases;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Lifecycle.Data.GitSync;

/// <summary>
/// Runs git work in the background, one job at a time (SPEC G7), and turns saves, promotions and releases into commit
/// jobs while auto-commit is on (SPEC G2). It hears those changes from <see cref="IAppChangeNotifier"/>, which use
/// cases publish after their transaction commits, so the versions it writes are the committed ones.
/// </summary>
public sealed class GitSyncWorker : BackgroundService
{
    private static readonly TimeSpan IdleCheck = TimeSpan.FromSeconds(30);
    private readonly Channel<AppChange> _changes = Channel.CreateUnbounded<AppChange>();
    private readonly SemaphoreSlim _wake = new(0);
    private readonly SemaphoreSlim _oneAtATime = new(1, 1);
    private readonly IDisposable _subscription;
    private readonly IDbContextFactory<LifecycleDbContext> _dbFactory;
    private readonly IGitSyncJobQueue _queue;
    private readonly GitSyncJobRunner _runner;
    private readonly GitSyncActivity _activity;
    private readonly TimeProvider _clock;
    private readonly AuditWriter _gate;
    private readonly ILogger<GitSyncWorker> _logger;

    public GitSyncWorker(IAppChangeNotifier notifier, IDbContextFactory<LifecycleDbContext> dbFactory, IGitSyncJobQueue queue, GitSyncJobRunner runner, GitSyncActivity activity, TimeProvider clock, AuditWriter gate, ILogger<GitSyncWorker> logger)
    {
        (_dbFactory, _queue, _runner, _activity, _clock, _gate, _logger) = (dbFactory, queue, runner, activity, clock, gate, logger);
        _subscription = notifier.Subscribe(change =>
        {
            if (change.Kind is AppChangeKinds.Saved or AppChangeKinds.Promoted or AppChangeKinds.Released)
            {
                _changes.Writer.TryWrite(change);
                Wake();
            }
        }, AppChangeOrigin.ThisInstance); // the instance where the change was made queues its commit, once (decision 032)
    }

    /// <summary>Asks the worker to look for work now (a job was queued).</summary>
    public void Wake() => _wake.Release();

    /// <summary>Queues commits for the changes heard so far, then runs every queued job, one at a time. The loop calls it; tests call it to wait for the work.</summary>
    public async Task RunPendingAsync(CancellationToken cancellationToken = default)
    {
        await _oneAtATime.WaitAsync(cancellationToken);
        try
        {
            while (_changes.Reader.TryRead(out var change))
            {
                await QueueAutoCommitAsync(change, cancellationToken);
            }

            while (await _queue.ClaimNextAsync(cancellationToken) is { } job)
            {
                // Everything logged while the job runs names it (structured logs carry scopes as fields).
                using var scope = _logger.BeginScope(new Dictionary<string, object> { ["GitSyncJobId"] = job.Id, ["GitSyncJobKind"] = job.Kind.ToString() });
                _activity.Notify(job.Id);
                await _runner.RunAsync(job, cancellationToken);
                _activity.Notify(job.Id);
            }
        }
        finally
        {
            _oneAtATime.Release();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunPendingAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                _logger.LogError(exception, "GitSync work failed; it is tried again at the next wake-up.");
            }

            try
            {
                await _wake.WaitAsync(IdleCheck, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    public override void Dispose()
    {
        _subscription.Dispose();
        base.Dispose();
    }

    /// <summary>SPEC G2: with auto-commit on, a save, promotion or release commits the app, authored by who did it.</summary>
    private async Task QueueAutoCommitAsync(AppChange change, CancellationToken cancellationToken)
    {
        await using var db = await _dbFactory.CreateDbContextAsync(cancellationToken);
        var settings = await db.GitSyncSettings.AsNoTracking().FirstOrDefaultAsync(s => s.Id == GitSyncSettings.SingletonId, cancellationToken);
        var app = await db.Apps.AsNoTracking().FirstOrDefaultAsync(a => a.Id == change.AppId, cancellationToken);
        var version = await db.Versions.AsNoTracking().FirstOrDefaultAsync(v => v.Id == change.VersionId, cancellationToken);
        if (settings is not { AutoCommit: true } || app is null || version is null)
        {
            return;
        }

        var lastRelease = change.Kind == AppChangeKinds.Released
            ? await db.Releases.AsNoTracking().Where(r => r.AppId == app.Id).OrderByDescending(r => r.Id).FirstOrDefaultAsync(cancellationToken)
            : null;
        var message = change.Kind switch
        {
            AppChangeKinds.Saved => $"Save {app.Slug} {version.Name}",
            AppChangeKinds.Promoted => $"Promote {app.Slug} {version.Name} to {version.Environment}",
            _ when lastRelease?.Kind == ReleaseKind.Rollback => $"Roll back {app.Slug} to {version.Name}",
            _ => $"Release {app.Slug} {version.Name}",
        };
        var job = GitSyncJob.Request(GitSyncJobKind.Commit, message, app.Id, null, change.ActorId, change.ActorName, _clock.GetUtcNow().UtcDateTime);
        // Queued under the write gate, like every job a use case queues: an instance that finds the queue empty and gives
        // the GitSync lease back does so either before this job exists or after it is visible (decision 032).
        await using var transaction = await _gate.BeginAsync(db, cancellationToken);
        _queue.Add(db, job);
        await transaction.CommitUnauditedAsync(cancellationToken);
        _activity.Notify(job.Id);
    }
}
