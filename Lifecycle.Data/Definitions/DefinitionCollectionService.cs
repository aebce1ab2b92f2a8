using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Lifecycle.Data.Definitions;

/// <summary>How often definition objects are collected and how old an unreachable object must be to go (decision 020).</summary>
public sealed class DefinitionCollectionOptions
{
    public const string SectionName = "Definitions:Collection";

    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(1);

    public TimeSpan GracePeriod { get; set; } = TimeSpan.FromMinutes(10);
}

/// <summary>
/// Who may collect now. One instance needs no more than this process's own lock; several instances of the server
/// (issue 12) replace it with a lease held in the database, so that one of them collects at a time.
/// </summary>
public interface IDefinitionCollectionLease
{
    /// <summary>The lease, to dispose when done; null when another collection holds it.</summary>
    Task<IAsyncDisposable?> TryAcquireAsync(CancellationToken cancellationToken);
}

public sealed class InProcessCollectionLease : IDefinitionCollectionLease
{
    private readonly SemaphoreSlim _held = new(1, 1);

    public async Task<IAsyncDisposable?> TryAcquireAsync(CancellationToken cancellationToken) =>
        await _held.WaitAsync(TimeSpan.Zero, cancellationToken) ? new Release(_held) : null;

    private sealed class Release(SemaphoreSlim held) : IAsyncDisposable
    {
        private SemaphoreSlim? _held = held;

        public ValueTask DisposeAsync()
        {
            Interlocked.Exchange(ref _held, null)?.Release();
            return ValueTask.CompletedTask;
        }
    }
}

/// <summary>Collects unreachable definition objects at start and then every <see cref="DefinitionCollectionOptions.Interval"/>.</summary>
public sealed class DefinitionCollectionService(
    DefinitionCollector collector,
    IDefinitionCollectionLease lease,
    IOptions<DefinitionCollectionOptions> options,
    TimeProvider clock,
    ILogger<DefinitionCollectionService> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.Interval, clock);
        do
        {
            await CollectOnceAsync(stoppingToken);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>One collection, unless another holds the lease. A failure is logged; the next tick tries again.</summary>
    public async Task<CollectionReport?> CollectOnceAsync(CancellationToken cancellationToken)
    {
        await using var held = await lease.TryAcquireAsync(cancellationToken);
        if (held is null)
        {
            return null;
        }

        try
        {
            var report = await collector.CollectAsync(options.Value.GracePeriod, cancellationToken);
            log.LogInformation("Definition objects collected: {Removed} removed, {Reachable} reachable.", report.Removed, report.Reachable);
            return report;
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            log.LogError(failure, "Collecting definition objects failed; the next run tries again.");
            return null;
        }
    }
}
