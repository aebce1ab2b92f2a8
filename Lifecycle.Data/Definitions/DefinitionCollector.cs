using Lifecycle.Data.Audit;
using Lifecycle.Data.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Lifecycle.Data.Definitions;

/// <summary>What one collection found: the objects versions reach, and how many unreachable ones it removed.</summary>
public sealed record CollectionReport(int Reachable, int Removed);

/// <summary>
/// Removes the definition objects no version reaches any more: the roots and paths of earlier autosaves, deleted drafts
/// (SPEC D4). Mark and sweep (decision 020): it marks what every version reaches, then removes the rest in small
/// batches; each batch runs under the write gate that every change takes, first marking again from the versions as they
/// are at that moment, so an object that a save has just come to reference is never removed. Objects younger than the
/// grace period are left alone as well. Safe to run in two places at once: each batch re-checks before it removes.
/// </summary>
public sealed class DefinitionCollector(IDbContextFactory<LifecycleDbContext> dbFactory, DefinitionObjectCache cache, AuditWriter gate, TimeProvider clock)
{
    private const int BatchSize = 500;

    /// <summary>For tests: runs after marking and before the first sweep, where a racing save could slip in.</summary>
    internal Func<Task>? AfterMarking { get; set; }

    public async Task<CollectionReport> CollectAsync(TimeSpan gracePeriod, CancellationToken cancellationToken = default)
    {
        var marked = new HashSet<string>(StringComparer.Ordinal);
        List<string> candidates;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            await MarkAsync(db, await RootsAsync(db, cancellationToken), marked, cancellationToken);
            var cutoff = clock.GetUtcNow().UtcDateTime - gracePeriod;
            candidates = (await ObjectTable.StoredUntilAsync(db, cutoff, cancellationToken)).Where(hash => !marked.Contains(hash)).ToList();
        }

        if (AfterMarking is { } afterMarking)
        {
            await afterMarking();
        }

        var removed = 0;
        foreach (var batch in candidates.Chunk(BatchSize))
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            await using var transaction = await gate.BeginAsync(db, cancellationToken);
            // No change runs now: mark what versions reach at this moment (only new roots cost anything).
            await MarkAsync(db, await RootsAsync(db, cancellationToken), marked, cancellationToken);
            var unreachable = batch.Where(hash => !marked.Contains(hash)).ToList();
            removed += await ObjectTable.DeleteAsync(db, unreachable, cancellationToken);
            await transaction.CommitUnauditedAsync(cancellationToken);
        }

        return new CollectionReport(marked.Count, removed);
    }

    private static Task<List<string>> RootsAsync(LifecycleDbContext db, CancellationToken cancellationToken) =>
        db.Versions.AsNoTracking().Select(v => v.DefinitionHash).Distinct().ToListAsync(cancellationToken);

    /// <summary>Marks every object reachable from <paramref name="roots"/>, level by level; objects marked before are not read again.</summary>
    private async Task MarkAsync(LifecycleDbContext db, IEnumerable<string> roots, HashSet<string> marked, CancellationToken cancellationToken)
    {
        var frontier = roots.Where(marked.Add).Select(hash => (hash, Kind: ObjectKind.Root)).ToList();
        while (frontier.Count > 0)
        {
            var next = new List<(string Hash, ObjectKind Kind)>();
            var decoded = await LoadAsync(db, frontier, cancellationToken);
            foreach (var value in decoded)
            {
                foreach (var child in Children(value))
                {
                    if (marked.Add(child.Hash) && child.Kind != ObjectKind.Leaf)
                    {
                        next.Add(child);
                    }
                }
            }

            frontier = next;
        }
    }

    private static IEnumerable<(string Hash, ObjectKind Kind)> Children(object value) => value switch
    {
        RootObject root => root.Pages.Select(h => (h, ObjectKind.Page)).Concat(root.Queries.Select(h => (h, ObjectKind.Leaf))),
        PageObject page => [(page.Components, ObjectKind.Node)],
        SequenceNode node => node.Children.Select(h => (h, node.Level == 0 ? ObjectKind.Leaf : ObjectKind.Node)),
        _ => [],
    };

    /// <summary>The index objects of the frontier; one gone meanwhile (another collector removed it) is skipped.</summary>
    private async Task<List<object>> LoadAsync(LifecycleDbContext db, List<(string Hash, ObjectKind Kind)> frontier, CancellationToken cancellationToken)
    {
        var found = new List<object>();
        var missing = new List<(string Hash, ObjectKind Kind)>();
        foreach (var item in frontier)
        {
            if (Cached(item) is { } value)
            {
                found.Add(value);
            }
            else
            {
                missing.Add(item);
            }
        }

        foreach (var chunk in missing.Chunk(BatchSize))
        {
            var kinds = chunk.ToDictionary(c => c.Hash, c => c.Kind, StringComparer.Ordinal);
            var rows = await ObjectTable.ReadAsync(db, kinds.Keys, cancellationToken);
            found.AddRange(rows.Select(row => Decode(kinds[row.Key], ObjectCodec.Unpack(row.Value))));
        }

        return found;
    }

    private object? Cached((string Hash, ObjectKind Kind) item) => item.Kind switch
    {
        ObjectKind.Root when cache.TryGet<RootObject>(item.Hash, out var root) => root,
        ObjectKind.Page when cache.TryGet<PageObject>(item.Hash, out var page) => page,
        ObjectKind.Node when cache.TryGet<SequenceNode>(item.Hash, out var node) => node,
        _ => null,
    };

    private static object Decode(ObjectKind kind, byte[] content) => kind switch
    {
        ObjectKind.Root => ObjectCodec.Decode<RootObject>(content),
        ObjectKind.Page => ObjectCodec.Decode<PageObject>(content),
        _ => ObjectCodec.Decode<SequenceNode>(content),
    };

    private enum ObjectKind
    {
        Root,
        Page,
        Node,

        /// <summary>A component or a query: it refers to nothing, so it is marked without being read.</summary>
        Leaf,
    }
}
