using Lifecycle.Data.Definitions;
using Lifecycle.Data.Persistence;
using Lifecycle.Data.Versions;

namespace Lifecycle.Data.GitSync;

/// <summary>
/// The one place where GitSync reads and writes an app version's definition. Today it goes through
/// <see cref="DefinitionStore"/>; when definitions become a tree of objects, only this class changes.
/// </summary>
public sealed class GitSyncDefinitions(DefinitionStore store)
{
    public Task<AppDefinition> LoadAsync(LifecycleDbContext db, AppVersion version, CancellationToken cancellationToken = default) =>
        store.GetAsync(db, version.DefinitionHash, cancellationToken);

    /// <summary>Stores the definition in the operation's context (once per content) and returns what a version points at.</summary>
    public Task<string> StoreAsync(LifecycleDbContext db, AppDefinition definition, CancellationToken cancellationToken = default) =>
        store.PutAsync(db, definition, cancellationToken);

    /// <summary>The content address written to <c>version.json</c>, so two instances can tell identical versions from clashing ones.</summary>
    public static string HashOf(AppDefinition definition) => DefinitionJson.Hash(DefinitionJson.Serialize(definition));
}
