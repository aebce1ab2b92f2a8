using System.Collections.Immutable;

namespace Lifecycle.Data.Definitions;

/// <summary>
/// A page's components in order, stored as a tree of <see cref="SequenceNode"/>s (decision 018). Node boundaries are set
/// by content, not by position: a node closes after a component whose id's <see cref="BoundaryKey"/> has a zero in the
/// level's four bits and in every lower level's (decision 048), so nodes hold about 16 items. The tree is a function of the
/// sequence alone, however it was edited, so identical pages have identical hashes; an edit changes only the nodes around
/// it, whose neighbours keep their hashes; and a change of a component's properties moves no boundary at all.
/// </summary>
internal static class ComponentSequence
{
    private const int MaxLevels = 12;

    /// <summary>Stores the sequence of component hashes and returns its root's hash. Nodes equal to one in <paramref name="known"/> are not written again.</summary>
    public static string Build(IReadOnlyList<string> components, IReadOnlyList<string> ids, ObjectBatch batch, KnownNodes? known = null) =>
        BuildFrom([.. components.Select(hash => new Item(hash, 1))], 0, batch, known, position => ids[position]);

    /// <summary>
    /// The stored sequence <paramref name="rootHash"/> with positions [<paramref name="start"/>, <paramref name="end"/>)
    /// replaced. Reads the nodes above the leaves and only the leaves from the change to the first unchanged component
    /// after it: that one ends its leaf as before, so every leaf outside this window keeps its hash.
    /// <paramref name="componentAt"/> gives the component at a position of the edited sequence: its id sets the boundaries,
    /// and a new leaf's row holds its components (decision 048).
    /// </summary>
    /// <remarks>
    /// A new node is stored as a delta (decision 039) of the node in its place in <paramref name="sourceRootHash"/>, the
    /// same page's sequence in the draft's source version, when there is one: never of a node an earlier autosave of this
    /// draft wrote, which the collector would otherwise remove.
    /// </remarks>
    public static async Task<string> SpliceAsync(string rootHash, int start, int end, IReadOnlyList<string> replacement, Func<int, ComponentDefinition> componentAt, ObjectBatch batch, ObjectReader reader,
        string? sourceRootHash, CancellationToken cancellationToken)
    {
        var known = new KnownNodes();
        var leaves = await LeavesAsync(rootHash, reader, known, cancellationToken);
        var total = leaves.Sum(leaf => leaf.Count);
        int LeafAt(int position)
        {
            for (var i = 0; i < leaves.Count; i++)
            {
                if (position < leaves[i].Count)
                {
                    return i;
                }

                position -= leaves[i].Count;
            }

            return leaves.Count - 1;
        }

        var first = LeafAt(start);
        var last = LeafAt(end);
        var windowStart = leaves.Take(first).Sum(leaf => leaf.Count);
        var window = await reader.GetManyAsync<SequenceNode>([.. leaves.Skip(first).Take(last - first + 1).Select(leaf => leaf.Hash)], cancellationToken);
        var windowEnd = windowStart + window.Sum(leaf => leaf.ComponentCount);
        var source = await SourceNodes.AroundAsync(sourceRootHash, windowStart, windowEnd, reader, cancellationToken);
        var components = window.SelectMany(leaf => leaf.Children).ToList();
        components.RemoveRange(start - windowStart, end - start);
        components.InsertRange(start - windowStart, replacement);
        for (var i = 0; i < components.Count; i++)
        {
            // The new leaves' rows hold their components (decision 048). An unchanged one is written as the edited page holds
            // it: should its JSON ever read differently from how it was stored, the leaf lists it under its hash of now.
            if (!batch.HasComponent(components[i]))
            {
                components[i] = batch.PutComponent(ObjectCodec.Component(componentAt(windowStart + i)));
            }
        }

        string IdAt(int position) => componentAt(position).Id;
        var rebuilt = components.Count == 0 && total - (end - start) + replacement.Count > 0
            ? []
            : Chunk([.. components.Select(hash => new Item(hash, 1))], 0, position => IdAt(windowStart + position)).Select(leaf => new Item(batch.Put(leaf, source.DeltaBaseFor(leaf)), leaf.ComponentCount));
        List<Item> items = [.. leaves.Take(first), .. rebuilt, .. leaves.Skip(last + 1)];
        return items.Count == 1 ? items[0].Hash : BuildFrom(items, 1, batch, known, IdAt, source);
    }

    private static string BuildFrom(List<Item> items, int level, ObjectBatch batch, KnownNodes? known, Func<int, string> idAt, SourceNodes? source = null)
    {
        for (; ; level++)
        {
            var nodes = Chunk(items, level, idAt);
            var refs = nodes.Select(node => new Item(known?.Find(node) ?? batch.Put(node, source?.DeltaBaseFor(node)), node.ComponentCount)).ToList();
            if (refs.Count == 1)
            {
                return refs[0].Hash;
            }

            items = refs;
        }
    }

    /// <summary>The leaves of a stored sequence as hashes with their sizes, reading only the nodes above them (which become <paramref name="known"/>).</summary>
    private static async Task<List<Item>> LeavesAsync(string rootHash, ObjectReader reader, KnownNodes known, CancellationToken cancellationToken)
    {
        var root = await reader.GetAsync<SequenceNode>(rootHash, cancellationToken);
        if (root.Level == 0)
        {
            return [new Item(rootHash, root.ComponentCount)];
        }

        known.Add(root, rootHash);
        var nodes = new List<SequenceNode> { root };
        while (nodes[0].Level > 1)
        {
            var hashes = nodes.SelectMany(n => n.Children).ToList();
            nodes = [.. await reader.GetManyAsync<SequenceNode>(hashes, cancellationToken)];
            for (var i = 0; i < nodes.Count; i++)
            {
                known.Add(nodes[i], hashes[i]);
            }
        }

        return [.. nodes.SelectMany(n => n.Children.Select((child, i) => new Item(child, n.Counts[i])))];
    }

    /// <summary>The component hashes of a stored sequence, in order, its nodes (to reuse them when it is built again), and its leaves.</summary>
    public static async Task<(List<string> Components, KnownNodes Nodes, IReadOnlyList<string> Leaves)> ReadAsync(string rootHash, ObjectReader reader, CancellationToken cancellationToken)
    {
        var known = new KnownNodes();
        IReadOnlyList<string> level = [rootHash];
        while (true)
        {
            var nodes = await reader.GetManyAsync<SequenceNode>(level, cancellationToken);
            for (var i = 0; i < nodes.Count; i++)
            {
                known.Add(nodes[i], level[i]);
            }

            var children = nodes.SelectMany(n => n.Children).ToList();
            if (nodes.Count == 0 || nodes[0].Level == 0)
            {
                return (children, known, level);
            }

            level = children;
        }
    }

    /// <summary>
    /// Splits items into nodes of one level; the last node ends where the items end. An item ends its node when the last
    /// component it holds (its position from <paramref name="idAt"/>, counting from the first item's first component) is a
    /// boundary at this level.
    /// </summary>
    private static List<SequenceNode> Chunk(List<Item> items, int level, Func<int, string> idAt)
    {
        var nodes = new List<SequenceNode>();
        var children = ImmutableArray.CreateBuilder<string>();
        var counts = ImmutableArray.CreateBuilder<int>();
        var position = 0;
        for (var i = 0; i < items.Count; i++)
        {
            children.Add(items[i].Hash);
            counts.Add(items[i].Count);
            position += items[i].Count;
            if ((level < MaxLevels && IsBoundary(BoundaryKey(idAt(position - 1)), level)) || i == items.Count - 1)
            {
                nodes.Add(new SequenceNode(level, children.ToImmutable(), level == 0 ? [] : counts.ToImmutable()));
                children.Clear();
                counts.Clear();
            }
        }

        return nodes.Count > 0 ? nodes : [new SequenceNode(0, [], [])];
    }

    /// <summary>
    /// A component closes a node of <paramref name="level"/> when its key's four bits of that level are zero: one in 16 of
    /// the items of the level, each of which ends at a boundary of the level below. Ids, not content hashes (decision 048):
    /// a property change keeps every boundary, so it changes one leaf and the nodes above it, and splits or merges none.
    /// </summary>
    private static bool IsBoundary(ulong key, int level) => ((key >> (4 * level)) & 0xF) == 0;

    /// <summary>
    /// A fixed 64-bit hash of a component's id (FNV-1a, then splitmix64's finaliser to spread its bits): part of the
    /// stored format, as it decides the tree's shape, so it must never change.
    /// </summary>
    internal static ulong BoundaryKey(string id)
    {
        var hash = 14695981039346656037UL;
        foreach (var unit in id)
        {
            hash = (hash ^ unit) * 1099511628211UL;
        }

        hash = (hash ^ (hash >> 30)) * 0xbf58476d1ce4e5b9UL;
        hash = (hash ^ (hash >> 27)) * 0x94d049bb133111ebUL;
        return hash ^ (hash >> 31);
    }

    private readonly record struct Item(string Hash, int Count);

    /// <summary>The nodes of a stored sequence, found by content, so a rebuild reuses their hashes instead of writing them again.</summary>
    public sealed class KnownNodes
    {
        private readonly Dictionary<(int Level, string First), List<(SequenceNode Node, string Hash)>> _byFirstChild = [];

        public void Add(SequenceNode node, string hash)
        {
            var key = (node.Level, node.ChildCount == 0 ? "" : node.Child(0));
            if (!_byFirstChild.TryGetValue(key, out var candidates))
            {
                _byFirstChild[key] = candidates = [];
            }

            candidates.Add((node, hash));
        }

        public IEnumerable<(SequenceNode Node, string Hash)> All => _byFirstChild.Values.SelectMany(candidates => candidates);

        public string? Find(SequenceNode node)
        {
            var key = (node.Level, node.ChildCount == 0 ? "" : node.Child(0));
            return _byFirstChild.TryGetValue(key, out var candidates)
                ? candidates.FirstOrDefault(c => c.Node.HasSameChildren(node) && c.Node.Counts.SequenceEqual(node.Counts)).Hash
                : null;
        }
    }

    /// <summary>
    /// The nodes of the source version's sequence around an edit whose stored form is known: the bases new nodes are
    /// stored as deltas of (decision 039). A new node takes the base at its level with the same first child, else the
    /// same last child.
    /// </summary>
    private sealed class SourceNodes
    {
        public static SourceNodes None { get; } = new();

        private readonly Dictionary<(int Level, string Child), DeltaBase> _byFirstChild = [];
        private readonly Dictionary<(int Level, string Child), DeltaBase> _byLastChild = [];

        /// <summary>The source's nodes above its leaves, and its leaves over positions [<paramref name="start"/>, <paramref name="end"/>) with one more on each side.</summary>
        /// <remarks>None when there is no source, or its objects are gone (the version was deleted and collected).</remarks>
        public static async Task<SourceNodes> AroundAsync(string? rootHash, int start, int end, ObjectReader reader, CancellationToken cancellationToken)
        {
            try
            {
                return rootHash is null ? None : await ReadAroundAsync(rootHash, start, end, reader, cancellationToken);
            }
            catch (DefinitionObjectMissingException)
            {
                return None;
            }
        }

        private static async Task<SourceNodes> ReadAroundAsync(string rootHash, int start, int end, ObjectReader reader, CancellationToken cancellationToken)
        {
            var above = new KnownNodes();
            var leaves = await LeavesAsync(rootHash, reader, above, cancellationToken);
            // The leaves over [start, end), and one more on each side: an edit may have moved a node's boundary by one leaf.
            int low = -1, high = -1, position = 0;
            for (var i = 0; i < leaves.Count; position += leaves[i].Count, i++)
            {
                if (position + leaves[i].Count > start && position < Math.Max(end, start + 1))
                {
                    low = low < 0 ? i : low;
                    high = i;
                }
            }

            List<string> wanted = low < 0 ? [] : [.. leaves[Math.Max(low - 1, 0)..Math.Min(high + 2, leaves.Count)].Select(leaf => leaf.Hash)];
            var nodes = new SourceNodes();
            foreach (var (node, hash) in above.All)
            {
                nodes.Add(new DeltaBase(hash, node, reader.FormOf(hash)));
            }

            foreach (var leaf in await reader.GetLeafBasesAsync(wanted, cancellationToken))
            {
                nodes.Add(leaf);
            }

            return nodes;
        }

        private void Add(DeltaBase deltaBase)
        {
            var node = deltaBase.Node;
            if (deltaBase.Form.Known && node.ChildCount > 0)
            {
                _byFirstChild.TryAdd((node.Level, node.Child(0)), deltaBase);
                _byLastChild.TryAdd((node.Level, node.Child(node.ChildCount - 1)), deltaBase);
            }
        }

        public DeltaBase? DeltaBaseFor(SequenceNode node) =>
            node.ChildCount == 0 ? null
            : _byFirstChild.TryGetValue((node.Level, node.Child(0)), out var first) ? first
            : _byLastChild.TryGetValue((node.Level, node.Child(node.ChildCount - 1)), out var last) ? last
            : null;
    }
}
