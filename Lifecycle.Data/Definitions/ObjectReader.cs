using Lifecycle.Data.Persistence;

namespace Lifecycle.Data.Definitions;

/// <summary>Reads objects of definition trees: from the cache, from the change's own batch, else from the database in one query per call.</summary>
internal sealed class ObjectReader(LifecycleDbContext db, DefinitionObjectCache cache, ObjectBatch? batch = null)
{
    private readonly Dictionary<string, StoredForm> _forms = new(StringComparer.Ordinal);

    /// <summary>The canonical JSON of the components held by the leaves this reader read (decision 048).</summary>
    private readonly Dictionary<string, byte[]> _componentJson = new(StringComparer.Ordinal);

    /// <summary>The leaves whose rows this reader read, whatever they hold.</summary>
    private readonly HashSet<string> _leavesRead = new(StringComparer.Ordinal);

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

        foreach (var (hash, (json, form, _, components)) in await ObjectTable.ReadResolvedAsync(db, missing, cache.SequenceNodeJson, cancellationToken))
        {
            Learn(hash, components);
            var decoded = Decode<T>(hash, json);
            found[hash] = decoded;
            _forms[hash] = form;
            if (decoded is RootObject or PageObject or SequenceNode)
            {
                cache.Put(hash, decoded, json.Length, form);
            }
        }

        return [.. hashes.Select(hash => found.TryGetValue(hash, out var value) ? value : throw new DefinitionObjectMissingException(hash))];
    }

    /// <summary>
    /// The components <paramref name="hashes"/> of a page whose leaves are <paramref name="leaves"/>: from the rows of the
    /// leaves that hold them (decision 048), else from their own rows, as stored before; throws
    /// <see cref="DefinitionObjectMissingException"/> when one is in neither.
    /// </summary>
    public async Task<IReadOnlyList<ComponentDefinition>> GetComponentsAsync(IReadOnlyList<string> leaves, IReadOnlyList<string> hashes, CancellationToken cancellationToken)
    {
        if (hashes.Any(hash => !_componentJson.ContainsKey(hash)))
        {
            // A leaf the cache served was not read here: its row holds the components.
            var unread = leaves.Where(leaf => !_leavesRead.Contains(leaf)).Distinct(StringComparer.Ordinal).ToList();
            foreach (var (hash, read) in await ObjectTable.ReadResolvedAsync(db, unread, cache.SequenceNodeJson, cancellationToken))
            {
                Learn(hash, read.Components);
            }
        }

        var ownRows = hashes.Where(hash => !_componentJson.ContainsKey(hash)).Distinct(StringComparer.Ordinal).ToList();
        var fromOwnRows = ownRows.Zip(await GetManyAsync<ComponentDefinition>(ownRows, cancellationToken)).ToDictionary(pair => pair.First, pair => pair.Second, StringComparer.Ordinal);
        return [.. hashes.Select(hash => _componentJson.TryGetValue(hash, out var json) ? Decode<ComponentDefinition>(hash, json) : fromOwnRows[hash])];
    }

    /// <summary>
    /// The leaves <paramref name="hashes"/> as bases of new leaves (decision 048): read from their rows, whatever the cache
    /// holds, as a base that holds its components gives them too. One that is not stored is left out.
    /// </summary>
    public async Task<List<DeltaBase>> GetLeafBasesAsync(IReadOnlyList<string> hashes, CancellationToken cancellationToken)
    {
        var read = await ObjectTable.ReadResolvedAsync(db, hashes, cache.SequenceNodeJson, cancellationToken);
        return [.. hashes.Where(read.ContainsKey).Distinct(StringComparer.Ordinal).Select(hash =>
        {
            var leaf = read[hash];
            Learn(hash, leaf.Components);
            return new DeltaBase(hash, ObjectCodec.Decode<SequenceNode>(leaf.Json), leaf.Form, leaf.Payload);
        })];
    }

    private void Learn(string hash, IReadOnlyList<(string Hash, byte[] Json)>? components)
    {
        _leavesRead.Add(hash);
        foreach (var (componentHash, json) in components ?? [])
        {
            _componentJson.TryAdd(componentHash, json);
        }
    }

    private static T Decode<T>(string hash, byte[] json)
    {
        try
        {
            return ObjectCodec.Decode<T>(json);
        }
        catch (System.Text.Json.JsonException failure)
        {
            throw new InvalidOperationException($"The definition object {hash} is not a {typeof(T).Name}.", failure);
        }
    }
}
