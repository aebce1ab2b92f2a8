using System.Collections.Immutable;

namespace Lifecycle.Data.Definitions;

/// <summary>
/// A page's components in order, stored as a tree of <see cref="SequenceNode"/>s (decision 018). Node boundaries are set
/// by content, not by position: an item closes its node when one hex digit of its hash (a different digit per level) is
/// 0, so nodes hold about 16 items. The tree is a function of the sequence alone, however it was edited, so identical
/// pages have identical hashes; and an edit changes only the nodes around it, whose neighbours keep their hashes.
/// </summary>
internal static class ComponentSequence
{
    private const int MaxLevels = 12;

    /// <summary>Stores the sequence of component hashes and returns its root's hash. Nodes equal to one in <paramref name="known"/> are not written again.</summary>
    public static string Build(IReadOnlyList<string> components, ObjectBatch batch, KnownNodes? known = null)
    {
        // Content sets the boundaries, so in theory a level could fail to shrink; past this many levels one node takes the rest.
        var items = components.Select(hash => new Item(hash, 1)).ToList();
        for (var level = 0; ; level++)
        {
            var nodes = Chunk(items, level);
            var refs = nodes.Select(node => new Item(known?.Find(node) ?? batch.Put(node), node.ComponentCount)).ToList();
            if (refs.Count == 1)
            {
                return refs[0].Hash;
            }

            items = refs;
        }
    }

    /// <summary>The component hashes of a stored sequence, in order, and its nodes (to reuse them when it is built again).</summary>
    public static async Task<(List<string> Components, KnownNodes Nodes)> ReadAsync(string rootHash, ObjectReader reader, CancellationToken cancellationToken)
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
                return (children, known);
            }

            level = children;
        }
    }

    /// <summary>Splits items into nodes of one level; the last node ends where the items end.</summary>
    private static List<SequenceNode> Chunk(List<Item> items, int level)
    {
        var nodes = new List<SequenceNode>();
        var children = ImmutableArray.CreateBuilder<string>();
        var counts = ImmutableArray.CreateBuilder<int>();
        for (var i = 0; i < items.Count; i++)
        {
            children.Add(items[i].Hash);
            counts.Add(items[i].Count);
            if ((level < MaxLevels && IsBoundary(items[i].Hash, level)) || i == items.Count - 1)
            {
                nodes.Add(new SequenceNode(level, children.ToImmutable(), level == 0 ? [] : counts.ToImmutable()));
                children.Clear();
                counts.Clear();
            }
        }

        return nodes.Count > 0 ? nodes : [new SequenceNode(0, [], [])];
    }

    /// <summary>About one item in 16 closes its node; each level reads another digit so the levels are independent.</summary>
    private static bool IsBoundary(string hash, int level) => hash[hash.Length - 1 - (level % 32)] == '0';

    private readonly record struct Item(string Hash, int Count);

    /// <summary>The nodes of a stored sequence, found by content, so a rebuild reuses their hashes instead of writing them again.</summary>
    public sealed class KnownNodes
    {
        private readonly Dictionary<(int Level, string First), List<(SequenceNode Node, string Hash)>> _byFirstChild = [];

        public void Add(SequenceNode node, string hash)
        {
            var key = (node.Level, node.Children.IsEmpty ? "" : node.Children[0]);
            if (!_byFirstChild.TryGetValue(key, out var candidates))
            {
                _byFirstChild[key] = candidates = [];
            }

            candidates.Add((node, hash));
        }

        public string? Find(SequenceNode node)
        {
            var key = (node.Level, node.Children.IsEmpty ? "" : node.Children[0]);
            return _byFirstChild.TryGetValue(key, out var candidates)
                ? candidates.FirstOrDefault(c => c.Node.Children.SequenceEqual(node.Children) && c.Node.Counts.SequenceEqual(node.Counts)).Hash
                : null;
        }
    }
}
