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
    private const int Definitions = 64;

    private readonly MemoryCache _objects = new(new MemoryCacheOptions { SizeLimit = ObjectBytes });

    /// <summary>
    /// Least recently used first. Not a size-limited MemoryCache: that one refuses new entries once full until a background
    /// compaction has run, and a refused draft would be read again whole at its next edit.
    /// </summary>
    private readonly LinkedList<(string RootHash, AppDefinition Definition)> _definitions = new();
    private readonly Dictionary<string, LinkedListNode<(string RootHash, AppDefinition Definition)>> _definitionsByRoot = new(StringComparer.Ordinal);
    private readonly Lock _definitionsGate = new();

    /// <summary>Forgets everything, as a fresh server instance would (benchmarks of cold reads, tests).</summary>
    public void Clear()
    {
        _objects.Clear();
        lock (_definitionsGate)
        {
            _definitions.Clear();
            _definitionsByRoot.Clear();
        }
    }

    public void Dispose() => _objects.Dispose();

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

    internal bool TryGetDefinition(string rootHash, out AppDefinition definition)
    {
        lock (_definitionsGate)
        {
            if (_definitionsByRoot.TryGetValue(rootHash, out var node))
            {
                _definitions.Remove(node);
                _definitions.AddLast(node);
                definition = node.Value.Definition;
                return true;
            }
        }

        definition = null!;
        return false;
    }

    internal void PutDefinition(string rootHash, AppDefinition definition)
    {
        lock (_definitionsGate)
        {
            if (_definitionsByRoot.Remove(rootHash, out var known))
            {
                _definitions.Remove(known);
            }

            _definitionsByRoot[rootHash] = _definitions.AddLast((rootHash, definition));
            if (_definitions.Count > Definitions)
            {
                _definitionsByRoot.Remove(_definitions.First!.Value.RootHash);
                _definitions.RemoveFirst();
            }
        }
    }
}
