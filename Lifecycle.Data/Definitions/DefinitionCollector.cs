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
        var marked = new Marks();
        List<string> candidates;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            await MarkAsync(db, await RootsAsync(db, cancellationToken), marked, cancellationToken);
            var cutoff = clock.GetUtcNow().UtcDateTime - gracePeriod;
            candidates = (await ObjectTable.StoredUntilAsync(db, cutoff, cancellationToken)).Where(hash => !marked.Kept.Contains(hash)).ToList();
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
            var unreachable = batch.Where(hash => !marked.Kept.Contains(hash)).ToList();
            removed += await ObjectTable.DeleteAsync(db, unreachable, cancellationToken);
            await transaction.CommitUnauditedAsync(cancellationToken);
        }

        return new CollectionReport(marked.Kept.Count, removed);
    }

    private static Task<List<string>> RootsAsync(LifecycleDbContext db, CancellationToken cancellationToken) =>
        db.Versions.AsNoTracking().Select(v => v.DefinitionHash).Distinct().ToListAsync(cancellationToken);

    /// <summary>
    /// Marks every object reachable from <paramref name="roots"/>, level by level, and the chain of bases of each node
    /// stored as a delta (decision 039: a base is kept, not walked, as its children may be gone); objects walked before
    /// are not read again.
    /// </summary>
    private async Task MarkAsync(LifecycleDbContext db, IEnumerable<string> roots, Marks marks, CancellationToken cancellationToken)
    {
        var frontier = roots.Where(marks.Walk).Select(hash => (hash, Kind: ObjectKind.Root)).ToList();
        while (frontier.Count > 0)
        {
            var next = new List<(string Hash, ObjectKind Kind)>();
            var bases = new List<string>();
            foreach (var (value, form) in await LoadAsync(db, frontier, cancellationToken))
            {
                if (form.DeltaBase is { } deltaBase && marks.Kept.Add(deltaBase))
                {
                    bases.Add(deltaBase);
                }

                foreach (var child in Children(value, form))
                {
                    if (child.Kind == ObjectKind.Leaf ? marks.Kept.Add(child.Hash) : marks.Walk(child.Hash))
                    {
                        if (child.Kind != ObjectKind.Leaf)
                        {
                            next.Add(child);
                        }
                    }
                }
            }

            await KeepChainsAsync(db, bases, marks, cancellationToken);
            frontier = next;
        }
    }

    /// <summary>
    /// Keeps the bases of <paramref name="bases"/> that are deltas themselves, to the end of each chain. A base's form
    /// comes from the cache, else from its row: the rows of a whole chain are read in one query (decision 042).
    /// </summary>
    private async Task KeepChainsAsync(LifecycleDbContext db, List<string> bases, Marks marks, CancellationToken cancellationToken)
    {
        var read = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        while (bases.Count > 0)
        {
            var next = new List<string>();
            var unread = new List<string>();
            foreach (var hash in bases)
            {
                if (cache.TryGet<object>(hash, out _, out var form) && form.Known)
                {
                    AddBase(form);
                }
                else if (read.TryGetValue(hash, out var stored))
                {
                    AddBase(ObjectCodec.FormOf(stored));
                }
                else
                {
                    unread.Add(hash);
                }
            }

            foreach (var (hash, stored) in await ObjectTable.ReadWithBasesAsync(db, unread, cancellationToken))
            {
                read[hash] = stored;
            }

            foreach (var hash in unread.Where(read.ContainsKey))
            {
                AddBase(ObjectCodec.FormOf(read[hash]));
            }

            bases = next;

            void AddBase(StoredForm form)
            {
                if (form.DeltaBase is { } deltaBase && marks.Kept.Add(deltaBase))
                {
                    next.Add(deltaBase);
                }
            }
        }
    }

    /// <summary>What a collection keeps, and which of those it has walked (a delta's base is kept without being walked).</summary>
    private sealed class Marks
    {
        public HashSet<string> Kept { get; } = new(StringComparer.Ordinal);

        private readonly HashSet<string> _walked = new(StringComparer.Ordinal);

        /// <summary>Keeps <paramref name="hash"/>; true when it is to be walked now (not walked before).</summary>
        public bool Walk(string hash)
        {
            Kept.Add(hash);
            return _walked.Add(hash);
        }
    }

    /// <remarks>A leaf whose row holds its components (decision 048) reaches no row of theirs: one left from before is not kept for it.</remarks>
    private static IEnumerable<(string Hash, ObjectKind Kind)> Children(object value, StoredForm form) => value switch
    {
        RootObject root => root.Pages.Select(h => (h, ObjectKind.Page)).Concat(root.Queries.Select(h => (h, ObjectKind.Leaf))),
        PageObject page => [(page.Components, ObjectKind.Node)],
        SequenceNode { Level: 0 } when form.HoldsComponents => [],
        SequenceNode node => node.Children.Select(h => (h, node.Level == 0 ? ObjectKind.Leaf : ObjectKind.Node)),
        _ => [],
    };

    /// <summary>
    /// The index objects of the frontier with their stored forms; one gone meanwhile (another collector removed it) is
    /// skipped. The cache serves an object only when it knows for sure how its row is stored (a delta's base must be kept).
    /// </summary>
    private async Task<List<(object Value, StoredForm Form)>> LoadAsync(LifecycleDbContext db, List<(string Hash, ObjectKind Kind)> frontier, CancellationToken cancellationToken)
    {
        var found = new List<(object Value, StoredForm Form)>();
        var missing = new List<(string Hash, ObjectKind Kind)>();
        foreach (var item in frontier)
        {
            if (Cached(item) is { Value: not null, Form.Known: true } cached)
            {
                found.Add((cached.Value, cached.Form));
            }
            else
            {
                missing.Add(item);
            }
        }

        foreach (var chunk in missing.Chunk(BatchSize))
        {
            var kinds = chunk.ToDictionary(c => c.Hash, c => c.Kind, StringComparer.Ordinal);
            foreach (var (hash, (json, form)) in await ReadAsync(db, kinds.Keys, cancellationToken))
            {
                found.Add((Decode(kinds[hash], json), form));
            }
        }

        return found;
    }

    private async Task<Dictionary<string, (byte[] Json, StoredForm Form)>> ReadAsync(LifecycleDbContext db, IReadOnlyCollection<string> hashes, CancellationToken cancellationToken)
    {
        try
        {
            return await ObjectTable.ReadCanonicalAsync(db, hashes, cache.SequenceNodeJson, cancellationToken);
        }
        catch (DefinitionObjectMissingException)
        {
            // A delta whose base another collector removed with it: read the others one by one and skip it, as one gone.
            var found = new Dictionary<string, (byte[] Json, StoredForm Form)>(StringComparer.Ordinal);
            foreach (var hash in hashes)
            {
                try
                {
                    foreach (var row in await ObjectTable.ReadCanonicalAsync(db, [hash], cache.SequenceNodeJson, cancellationToken))
                    {
                        found.Add(row.Key, row.Value);
                    }
                }
                catch (DefinitionObjectMissingException)
                {
                }
            }

            return found;
        }
    }

    private (object? Value, StoredForm Form) Cached((string Hash, ObjectKind Kind) item) => item.Kind switch
    {
        ObjectKind.Root when cache.TryGet<RootObject>(item.Hash, out var root, out var form) => (root, form),
        ObjectKind.Page when cache.TryGet<PageObject>(item.Hash, out var page, out var form) => (page, form),
        ObjectKind.Node when cache.TryGet<SequenceNode>(item.Hash, out var node, out var form) => (node, form),
        _ => (null, StoredForm.Unknown),
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
