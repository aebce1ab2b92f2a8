using Lifecycle.Data.Persistence;

namespace Lifecycle.Data.Definitions;

/// <summary>Reads objects of definition trees: from the cache, from the change's own batch, else from the database in one query per call.</summary>
internal sealed class ObjectReader(LifecycleDbContext db, DefinitionObjectCache cache, ObjectBatch? batch = null)
{
    private readonly Dictionary<string, StoredForm> _forms = new(StringComparer.Ordinal);

    /// <summary>How an object this reader returned is stored, when that is known for sure (decision 039).</summary>
    public StoredForm FormOf(string hash) =>
        _forms.TryGetValue(hash, out var form) ? form
        : cache.TryGet<object>(hash, out _, out var cached) ? cached
        : StoredForm.Unknown;

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

        foreach (var (hash, (json, form)) in await ObjectTable.ReadCanonicalAsync(db, missing, cache.SequenceNodeJson, cancellationToken))
        {
            T decoded;
            try
            {
                decoded = ObjectCodec.Decode<T>(json);
            }
            catch (System.Text.Json.JsonException failure)
            {
                throw new InvalidOperationException($"The definition object {hash} is not a {typeof(T).Name}.", failure);
            }

            found[hash] = decoded;
            _forms[hash] = form;
            if (decoded is RootObject or PageObject or SequenceNode)
            {
                cache.Put(hash, decoded, json.Length, form);
            }
        }

        return [.. hashes.Select(hash => found.TryGetValue(hash, out var value) ? value : throw new DefinitionObjectMissingException(hash))];
    }
}
