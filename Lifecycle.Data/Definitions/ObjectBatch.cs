using Lifecycle.Data.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Lifecycle.Data.Definitions;

/// <summary>The objects one change writes, by hash; a hash written twice is kept once.</summary>
internal sealed class ObjectBatch
{
    private readonly Dictionary<string, (byte[] Content, object? Decoded)> _objects = new(StringComparer.Ordinal);

    public IReadOnlyCollection<string> Hashes => _objects.Keys;

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
    /// Adds to <paramref name="db"/> the objects it does not hold yet (checked in the database, inside the change's
    /// transaction, never from the cache), and caches the index objects. Returns the bytes added.
    /// </summary>
    public async Task<long> AddMissingAsync(LifecycleDbContext db, DefinitionObjectCache cache, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var hashes = _objects.Keys.ToList();
        var stored = new HashSet<string>(StringComparer.Ordinal);
        foreach (var chunk in hashes.Chunk(500))
        {
            stored.UnionWith(await db.DefinitionObjects.Where(o => chunk.Contains(o.Hash)).Select(o => o.Hash).ToListAsync(cancellationToken));
        }

        long added = 0;
        foreach (var (hash, (content, decoded)) in _objects)
        {
            if (decoded is RootObject or PageObject or SequenceNode)
            {
                cache.Put(hash, decoded, content.Length);
            }

            if (!stored.Contains(hash) && db.DefinitionObjects.Local.All(o => o.Hash != hash))
            {
                var packed = ObjectCodec.Pack(content);
                db.DefinitionObjects.Add(new DefinitionObject(hash, packed, nowUtc));
                added += packed.Length;
            }
        }

        return added;
    }
}
