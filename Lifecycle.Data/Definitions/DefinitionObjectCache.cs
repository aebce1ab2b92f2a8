using Microsoft.Extensions.Caching.Memory;

namespace Lifecycle.Data.Definitions;

/// <summary>
/// Decoded definition objects and whole definitions, by hash. Objects never change once stored, so an entry is never
/// stale, on any server instance; the cache only ever saves work. What is read from it is never taken as proof that an
/// object is still in the database: writers check the database (decision 020).
/// </summary>
public sealed class DefinitionObjectCache : IDisposable
{
    /// <summary>Bytes of canonical JSON of the index objects (roots, pages, sequence nodes) kept decoded.</summary>
    private const long ObjectBytes = 64L * 1024 * 1024;

    /// <summary>Whole definitions kept: the drafts being edited and the versions being opened. Successive ones share most of their records.</summary>
    private const long Definitions = 32;

    private readonly MemoryCache _objects = new(new MemoryCacheOptions { SizeLimit = ObjectBytes });
    private readonly MemoryCache _definitions = new(new MemoryCacheOptions { SizeLimit = Definitions });

    /// <summary>Forgets everything, as a fresh server instance would (benchmarks of cold reads, tests).</summary>
    public void Clear()
    {
        _objects.Clear();
        _definitions.Clear();
    }

    public void Dispose()
    {
        _objects.Dispose();
        _definitions.Dispose();
    }

    internal bool TryGet<T>(string hash, out T value)
        where T : class
    {
        if (_objects.TryGetValue(hash, out var found) && found is T typed)
        {
            value = typed;
            return true;
        }

        value = null!;
        return false;
    }

    internal void Put(string hash, object decoded, int size) =>
        _objects.Set(hash, decoded, new MemoryCacheEntryOptions { Size = Math.Max(size, 1) });

    internal bool TryGetDefinition(string rootHash, out AppDefinition definition) => _definitions.TryGetValue(rootHash, out definition!);

    internal void PutDefinition(string rootHash, AppDefinition definition) =>
        _definitions.Set(rootHash, definition, new MemoryCacheEntryOptions { Size = 1 });
}
