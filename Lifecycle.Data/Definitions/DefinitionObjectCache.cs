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

    /// <summary>The roots of saved versions by id: a saved version's content never changes (a deleted one's may be gone, decision 039).</summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<int, string> _savedRoots = new();

    /// <summary>Forgets everything, as a fresh server instance would (benchmarks of cold reads, tests).</summary>
    public void Clear()
    {
        _objects.Clear();
        _savedRoots.Clear();
        lock (_definitionsGate)
        {
            _definitions.Clear();
            _definitionsByRoot.Clear();
        }
    }

    public void Dispose() => _objects.Dispose();

    internal bool TryGet<T>(string hash, out T value)
        where T : class => TryGet(hash, out value, out _);

    /// <summary>A decoded object and how its row is stored, as far as this instance knows for sure (decision 039).</summary>
    internal bool TryGet<T>(string hash, out T value, out StoredForm form)
        where T : class
    {
        if (_objects.TryGetValue(hash, out var found) && found is CachedObject { Decoded: T typed } cached)
        {
            value = typed;
            form = cached.Form;
            return true;
        }

        value = null!;
        form = StoredForm.Unknown;
        return false;
    }

    /// <summary>Keeps a decoded object; an unknown form does not replace one known before (rows never change).</summary>
    internal void Put(string hash, object decoded, int size, StoredForm form)
    {
        if (!form.Known && _objects.TryGetValue(hash, out var found) && found is CachedObject { Form.Known: true })
        {
            return;
        }

        _objects.Set(hash, new CachedObject(decoded, form), new MemoryCacheEntryOptions { Size = Math.Max(size, 1) });
    }

    /// <summary>The canonical JSON of a cached sequence node: the base a stored delta is resolved with (decision 039).</summary>
    internal byte[]? SequenceNodeJson(string hash) => TryGet<SequenceNode>(hash, out var node) ? ObjectCodec.Serialize(node) : null;

    private sealed record CachedObject(object Decoded, StoredForm Form);

    internal bool TryGetSavedRoot(int versionId, out string rootHash) => _savedRoots.TryGetValue(versionId, out rootHash!);

    internal void PutSavedRoot(int versionId, string rootHash) => _savedRoots[versionId] = rootHash;

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
