using Lifecycle.Data.Persistence;

namespace Lifecycle.Data.Definitions;

/// <summary>
/// Content-addressed storage of definitions as trees of objects (SPEC D4, decision 018): identical content is stored
/// once, and an edit stores only the objects on the path of what it changed. Writes join the caller's context and
/// transaction; reads go through <see cref="DefinitionObjectCache"/>, which objects never make stale.
/// </summary>
public sealed class DefinitionStore(DefinitionObjectCache cache, TimeProvider clock)
{
    /// <summary>The hash of the root a definition is stored under: equal exactly when the content is equal (SPEC D4).</summary>
    public static string HashOf(AppDefinition definition) => DefinitionTree.WriteAll(definition, new ObjectBatch());

    /// <summary>Adds the objects of the whole definition that are not stored yet to the operation's context; returns the root's hash.</summary>
    public async Task<string> PutAsync(LifecycleDbContext db, AppDefinition definition, CancellationToken cancellationToken = default)
    {
        var batch = new ObjectBatch();
        var root = DefinitionTree.WriteAll(definition, batch);
        await batch.StoreAsync(db, cache, clock.GetUtcNow().UtcDateTime, cancellationToken);
        cache.PutDefinition(root, definition);
        return root;
    }

    /// <summary>
    /// Adds to the operation's context the objects that <paramref name="edited"/> changed from <paramref name="stored"/>
    /// (the changed components, the sequence nodes around them, their page, a new root); returns the new root's hash.
    /// </summary>
    /// <remarks>
    /// <paramref name="sourceRootHash"/>: the root of the saved version the draft was created from; changed sequence
    /// nodes are stored as deltas of its nodes (decision 039), or whole where a base is no longer stored.
    /// </remarks>
    public async Task<string> PutEditedAsync(LifecycleDbContext db, StoredDefinition stored, AppDefinition edited, string? sourceRootHash = null, CancellationToken cancellationToken = default)
    {
        var batch = new ObjectBatch();
        var root = await DefinitionTree.WriteChangedAsync(stored, edited, batch, new ObjectReader(db, cache, batch), sourceRootHash, cancellationToken);
        await batch.StoreAsync(db, cache, clock.GetUtcNow().UtcDateTime, cancellationToken);
        cache.PutDefinition(root, edited);
        return root;
    }

    /// <summary>
    /// Reads the content that a pointer (a version, the released version) names at this moment. Reads run outside the write
    /// gate (decision 020): between reading the pointer and reading its objects, a save may move the pointer on and a
    /// collection remove the objects it named, which no version reaches any more. Then the pointer is read again and the
    /// new root followed. An object missing under a pointer that did not move is a real loss, and throws. Null when the
    /// pointer is gone (its version was deleted).
    /// </summary>
    public static async Task<(TPointer Pointer, TContent Content)?> FollowAsync<TPointer, TContent>(
        Func<Task<TPointer?>> readPointer, Func<TPointer, string> rootOf, Func<string, Task<TContent>> read)
        where TPointer : class
    {
        const int MaxMoves = 10;
        var pointer = await readPointer();
        for (var moves = 0; pointer is not null; moves++)
        {
            try
            {
                return (pointer, await read(rootOf(pointer)));
            }
            catch (DefinitionObjectMissingException) when (moves < MaxMoves)
            {
                var now = await readPointer();
                if (now is not null && rootOf(now) == rootOf(pointer))
                {
                    throw;
                }

                pointer = now;
            }
        }

        return null;
    }

    public async Task<AppDefinition> GetAsync(LifecycleDbContext db, string rootHash, CancellationToken cancellationToken = default) =>
        (await OpenAsync(db, rootHash, cancellationToken)).Definition;

    /// <summary>The definition under <paramref name="rootHash"/>, to read or to edit with <see cref="PutEditedAsync"/>.</summary>
    public async Task<StoredDefinition> OpenAsync(LifecycleDbContext db, string rootHash, CancellationToken cancellationToken = default)
    {
        if (!cache.TryGetDefinition(rootHash, out var definition))
        {
            definition = await DefinitionTree.ReadAsync(rootHash, new ObjectReader(db, cache), cancellationToken);
            cache.PutDefinition(rootHash, definition);
        }

        return new StoredDefinition(rootHash, definition);
    }

    /// <summary>SPEC E3: the constants and data sources the definition uses, read from its root alone.</summary>
    public async Task<DefinitionReferences> ReferencesAsync(LifecycleDbContext db, string rootHash, CancellationToken cancellationToken = default) =>
        (await new ObjectReader(db, cache).GetAsync<RootObject>(rootHash, cancellationToken)).References.Names();

    /// <summary>The definition's queries only (to run them), without its pages.</summary>
    public Task<IReadOnlyList<QueryDefinition>> QueriesAsync(LifecycleDbContext db, string rootHash, CancellationToken cancellationToken = default) =>
        cache.TryGetDefinition(rootHash, out var definition)
            ? Task.FromResult<IReadOnlyList<QueryDefinition>>(definition.Queries)
            : DefinitionTree.ReadQueriesAsync(rootHash, new ObjectReader(db, cache), cancellationToken);

    /// <summary>
    /// The pages of a definition with the hashes of their objects: a page's hash changes exactly when the page or one of
    /// its components changes, so a copy kept elsewhere (GitSync's files) can skip unchanged pages.
    /// </summary>
    public async Task<IReadOnlyList<StoredPage>> PagesAsync(LifecycleDbContext db, string rootHash, CancellationToken cancellationToken = default)
    {
        var reader = new ObjectReader(db, cache);
        var root = await reader.GetAsync<RootObject>(rootHash, cancellationToken);
        var definition = (await OpenAsync(db, rootHash, cancellationToken)).Definition;
        return [.. root.Pages.Select((hash, index) => new StoredPage(hash, definition.Pages[index]))];
    }
}
