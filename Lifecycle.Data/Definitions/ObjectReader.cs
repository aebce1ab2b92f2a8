using Lifecycle.Data.Persistence;

namespace Lifecycle.Data.Definitions;

/// <summary>Reads objects of definition trees: from the cache, from the change's own batch, else from the database in one query per call.</summary>
internal sealed class ObjectReader(LifecycleDbContext db, DefinitionObjectCache cache, ObjectBatch? batch = null)
{
    public async Task<T> GetAsync<T>(string hash, CancellationToken cancellationToken)
        where T : class => (await GetManyAsync<T>([hash], cancellationToken))[0];

    /// <summary>The objects in the order of <paramref name="hashes"/>; throws <see cref="DefinitionObjectMissingException"/> when one is not stored.</summary>
    public async Task<IReadOnlyList<T>> GetManyAsync<T>(IReadOnlyList<string> hashes, CancellationToken cancellationToken)
        where T : class
    {
        var found = new Dictionary<string, T>(StringComparer.Ordinal);
        var missing = new List<string>();
        foreach (var hash in hashes)
        {
            if (found.ContainsKey(hash))
            {
                continue;
            }

            if (cache.TryGet<T>(hash, out var cached))
            {
                found[hash] = cached;
            }
            else if (batch is not null && batch.TryGet<T>(hash, out var written))
            {
                found[hash] = written;
            }
            else
            {
                missing.Add(hash);
            }
        }

        foreach (var (hash, content) in await ObjectTable.ReadAsync(db, missing, cancellationToken))
        {
            T decoded;
            try
            {
                decoded = ObjectCodec.Decode<T>(ObjectCodec.Unpack(content));
            }
            catch (System.Text.Json.JsonException failure)
            {
                throw new InvalidOperationException($"The definition object {hash} is not a {typeof(T).Name}.", failure);
            }

            found[hash] = decoded;
            if (decoded is RootObject or PageObject or SequenceNode)
            {
                cache.Put(hash, decoded, content.Length);
            }
        }

        return [.. hashes.Select(hash => found.TryGetValue(hash, out var value) ? value : throw new DefinitionObjectMissingException(hash))];
    }
}
