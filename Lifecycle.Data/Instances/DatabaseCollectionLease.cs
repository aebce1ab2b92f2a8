using Lifecycle.Data.Definitions;
using Microsoft.Extensions.Options;

namespace Lifecycle.Data.Instances;

/// <summary>
/// The collector's lease when several instances share a PostgreSQL database (decision 032): the instance that takes it
/// collects, and holds it for one collection interval, so the objects are collected once per interval, not once per
/// instance. It is not given back early: an instance that stops during a collection leaves the next one to the next
/// interval. (Two collectors at once would still be safe, only wasteful: decision 020.)
/// </summary>
public sealed class DatabaseCollectionLease(Leases leases, IOptions<DefinitionCollectionOptions> options) : IDefinitionCollectionLease
{
    public const string LeaseName = "definition-collection";

    public async Task<IAsyncDisposable?> TryAcquireAsync(CancellationToken cancellationToken) =>
        await leases.TryTakeAsync(LeaseName, options.Value.Interval, cancellationToken) ? new KeptUntilItRunsOut() : null;

    private sealed class KeptUntilItRunsOut : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
