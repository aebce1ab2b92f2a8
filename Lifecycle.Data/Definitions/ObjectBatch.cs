using Lifecycle.Data.Persistence;

namespace Lifecycle.Data.Definitions;

/// <summary>The objects one change writes, by hash; a hash written twice is kept once.</summary>
internal sealed class ObjectBatch
{
    private readonly Dictionary<string, (byte[] Content, object? Decoded)> _objects = new(StringComparer.Ordinal);

    public IReadOnlyCollection<string> Hashes => _objects.Keys;

    /// <summary>Every object of the batch as its hash and canonical JSON.</summary>
    public IEnumerable<(string Hash, byte[] CanonicalJson)> Objects => _objects.Select(o => (o.Key, o.Value.Content));

    /// <summary>A component or query, already in its canonical JSON.</summary>
    public string PutJson(byte[] canonicalJson) => Add(canonicalJson, null);

    /// <summary>An index object (root, page, sequence node), kept decoded for the cache.</summary>
    public string Put<T>(T value)
        where T : class => Add(ObjectCodec.Serialize(value), value);

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
        foreach (var (hash, (content, decoded)) in _objects)
        {
            if (decoded is RootObject or PageObject or SequenceNode)
            {
                cache.Put(hash, decoded, content.Length);
            }

            if (!stored.Contains(hash))
            {
                rows.Add((hash, ObjectCodec.Pack(content)));
            }
        }

        await ObjectTable.InsertAsync(db, rows, nowUtc, cancellationToken);
        return rows.Sum(row => (long)row.Content.Length);
    }

    /// <summary>Above this many objects a batch checks which exist before packing them: an edit writes fewer, a whole definition more.</summary>
    private const int CheckedAbove = 64;
}
