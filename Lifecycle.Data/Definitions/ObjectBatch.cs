using Lifecycle.Data.Persistence;

namespace Lifecycle.Data.Definitions;

/// <summary>The objects one change writes, by hash; a hash written twice is kept once.</summary>
internal sealed class ObjectBatch
{
    private readonly Dictionary<string, (byte[] Content, object? Decoded)> _objects = new(StringComparer.Ordinal);

    /// <summary>For a new sequence node: the node in its place in the draft's source version, to store it as a delta of (decision 039).</summary>
    private readonly Dictionary<string, DeltaBase> _deltaBases = new(StringComparer.Ordinal);

    /// <summary>The canonical JSON of the components the batch's leaves hold (decision 048); components have no rows of their own.</summary>
    private readonly Dictionary<string, byte[]> _components = new(StringComparer.Ordinal);

    /// <summary>The leaves of the batch, stored with their components.</summary>
    private readonly HashSet<string> _leaves = new(StringComparer.Ordinal);

    public IReadOnlyCollection<string> Hashes => _objects.Keys;

    /// <summary>Every object of the batch as its hash and canonical JSON.</summary>
    public IEnumerable<(string Hash, byte[] CanonicalJson)> Objects => _objects.Select(o => (o.Key, o.Value.Content));

    /// <summary>The components of the batch as their hash and canonical JSON (rows of their own before decision 048; tests build such rows).</summary>
    public IEnumerable<(string Hash, byte[] CanonicalJson)> Components => _components.Select(c => (c.Key, c.Value));

    /// <summary>A query, already in its canonical JSON.</summary>
    public string PutJson(byte[] canonicalJson) => Add(canonicalJson, null);

    /// <summary>A component, already in its canonical JSON: stored in the row of each new leaf that lists it (decision 048).</summary>
    public string PutComponent(byte[] canonicalJson)
    {
        var hash = DefinitionJson.Hash(canonicalJson);
        _components.TryAdd(hash, canonicalJson);
        return hash;
    }

    public bool HasComponent(string hash) => _components.ContainsKey(hash);

    /// <summary>An index object (root, page, sequence node), kept decoded for the cache.</summary>
    public string Put<T>(T value)
        where T : class => Add(ObjectCodec.Serialize(value), value);

    /// <summary>A sequence node, stored as a delta of <paramref name="deltaBase"/> when that is smaller than the node stored whole (decision 039).</summary>
    public string Put(SequenceNode node, DeltaBase? deltaBase)
    {
        var hash = Put(node);
        if (node.Level == 0)
        {
            _leaves.Add(hash);
        }

        if (deltaBase is { } known && known.Hash != hash)
        {
            _deltaBases.TryAdd(hash, known);
        }

        return hash;
    }

    private string Add(byte[] canonicalJson, object? decoded)
    {
        var hash = DefinitionJson.Hash(canonicalJson);
        _objects.TryAdd(hash, (canonicalJson, decoded));
        return hash;
    }

    public bool TryGet<T>(string hash, out T value)
        where T : class
    {
        if (_objects.TryGetValue(hash, out var found) && found.Decoded is T typed)
        {
            value = typed;
            return true;
        }

        value = null!;
        return false;
    }

    /// <summary>
    /// Stores the objects that <paramref name="db"/> does not hold yet, inside the change's transaction: one insert that
    /// leaves alone the rows that exist (decision 034), so a small change costs one command and no check. A large batch
    /// (a whole definition, an import) asks first which objects exist, to pack and send only the others. Caches the index
    /// objects. Returns the bytes sent.
    /// </summary>
    public async Task<long> StoreAsync(LifecycleDbContext db, DefinitionObjectCache cache, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var stored = _objects.Count > CheckedAbove
            ? await ObjectTable.ExistingAsync(db, _objects.Keys, cancellationToken)
            : [];
        var rows = new List<(string Hash, byte[] Content)>(_objects.Count);
        var forms = new Dictionary<string, StoredForm>(StringComparer.Ordinal);
        foreach (var (hash, (content, _)) in _objects)
        {
            if (!stored.Contains(hash))
            {
                var (packed, form) = PackOne(hash, content);
                rows.Add((hash, packed));
                forms[hash] = form;
            }
        }

        var inserted = await ObjectTable.InsertAsync(db, rows, nowUtc, cancellationToken);
        var sent = rows.Sum(row => (long)row.Content.Length);
        var refused = rows.Where(row => forms[row.Hash].DeltaBase is not null && !inserted.Contains(row.Hash)).Select(row => row.Hash).ToList();
        if (refused.Count > 0)
        {
            // A delta whose base was gone (its version deleted and collected since the base was cached) is stored whole;
            // one refused because the same object was stored already needs nothing (rare: both only cost a query here).
            var existing = await ObjectTable.ExistingAsync(db, refused, cancellationToken);
            var whole = refused.Where(hash => !existing.Contains(hash)).Select(hash => (Hash: hash, Stored: PackWhole(Payload(hash), _objects[hash].Content))).ToList();
            inserted.UnionWith(await ObjectTable.InsertAsync(db, [.. whole.Select(row => (row.Hash, row.Stored.Packed))], nowUtc, cancellationToken));
            whole.ForEach(row => forms[row.Hash] = row.Stored.Form);
            sent += whole.Sum(row => (long)row.Stored.Packed.Length);
        }

        sent += await StoreComponentsOfOlderLeavesAsync(db, [.. _leaves.Where(hash => !inserted.Contains(hash))], nowUtc, cancellationToken);
        foreach (var (hash, (content, decoded)) in _objects)
        {
            if (decoded is RootObject or PageObject or SequenceNode)
            {
                // A row that was stored already keeps its own form, which this change does not know.
                cache.Put(hash, decoded, content.Length, inserted.Contains(hash) ? forms[hash] : StoredForm.Unknown);
            }
        }

        return sent;
    }

    /// <summary>
    /// A leaf of this batch that was stored already, before decision 048, lists its components without holding them: their
    /// rows may have gone with a collection while the leaf stayed as a delta's base, so they are stored again (a row that
    /// exists stays). Costs nothing when every leaf of the batch was stored by it, as after an edit.
    /// </summary>
    private async Task<long> StoreComponentsOfOlderLeavesAsync(LifecycleDbContext db, List<string> leaves, DateTime nowUtc, CancellationToken cancellationToken)
    {
        if (leaves.Count == 0)
        {
            return 0;
        }

        var holding = await ObjectTable.HoldingComponentsAsync(db, leaves, cancellationToken);
        var rows = leaves.Where(leaf => !holding.Contains(leaf))
            .SelectMany(leaf => _objects[leaf].Decoded is SequenceNode node ? node.Children : [])
            .Distinct(StringComparer.Ordinal)
            .Where(_components.ContainsKey)
            .Select(component => (Hash: component, Content: ObjectCodec.Pack(_components[component])))
            .ToList();
        await ObjectTable.InsertAsync(db, rows, nowUtc, cancellationToken);
        return rows.Sum(row => (long)row.Content.Length);
    }

    private (byte[] Packed, StoredForm Form) PackOne(string hash, byte[] content)
    {
        var payload = Payload(hash);
        var (whole, form) = PackWhole(payload, content);
        var delta = !_deltaBases.TryGetValue(hash, out var deltaBase) ? null
            : payload is null ? ObjectCodec.PackDelta(content, whole, deltaBase)
            : ObjectCodec.PackComponentsDelta(payload, whole, deltaBase);
        return delta is null ? (whole, form) : (delta, ObjectCodec.FormOf(delta));
    }

    /// <summary>A leaf with its components' <paramref name="payload"/> (decision 048), any other object as its canonical JSON.</summary>
    private static (byte[] Packed, StoredForm Form) PackWhole(byte[]? payload, byte[] content) =>
        payload is null ? (ObjectCodec.Pack(content), StoredForm.Whole) : (ObjectCodec.PackComponents(payload), StoredForm.WholeComponents);

    /// <summary>
    /// The components of a leaf of this batch, when the batch has every one of them: a leaf's writer puts them (a leaf
    /// listed only by hash, as tests build them, is stored as its canonical JSON, as before decision 048).
    /// </summary>
    private byte[]? Payload(string hash)
    {
        if (!_leaves.Contains(hash) || _objects[hash].Decoded is not SequenceNode leaf)
        {
            return null;
        }

        var components = new List<byte[]>(leaf.ChildCount);
        for (var i = 0; i < leaf.ChildCount; i++)
        {
            if (!_components.TryGetValue(leaf.Child(i), out var json))
            {
                return null;
            }

            components.Add(json);
        }

        return LeafPayload.Of(components);
    }

    /// <summary>Above this many objects a batch checks which exist before packing them: an edit writes fewer, a whole definition more.</summary>
    private const int CheckedAbove = 64;
}

/// <summary>A stored sequence node, its hash and how its row is stored: the base a new node's delta is made against (decision 039).</summary>
/// <remarks><see cref="Components"/>: the leaf's components as its row holds them, when it does (decision 048).</remarks>
internal readonly record struct DeltaBase(string Hash, SequenceNode Node, StoredForm Form, byte[]? Components = null);
