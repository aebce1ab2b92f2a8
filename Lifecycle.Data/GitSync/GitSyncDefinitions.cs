using Lifecycle.Data.Definitions;
using Lifecycle.Data.Persistence;
using Lifecycle.Data.Versions;

namespace Lifecycle.Data.GitSync;

/// <summary>
/// The one place where GitSync reads and writes an app version's definition: through <see cref="DefinitionStore"/>'s
/// trees of objects (decision 018), never the table of whole-definition blobs that existing databases are converted from.
/// The hash GitSync records in <c>version.json</c> is the root object's hash, the one a version points at.
/// </summary>
public sealed class GitSyncDefinitions(DefinitionStore store)
{
    public Task<AppDefinition> LoadAsync(LifecycleDbContext db, AppVersion version, CancellationToken cancellationToken = default) =>
        store.GetAsync(db, version.DefinitionHash, cancellationToken);

    /// <summary>Stores the definition in the operation's context (once per content) and returns what a version points at.</summary>
    public Task<string> StoreAsync(LifecycleDbContext db, AppDefinition definition, CancellationToken cancellationToken = default) =>
        store.PutAsync(db, definition, cancellationToken);

    /// <summary>
    /// The content address written to <c>version.json</c>, so two instances can tell identical versions from clashing ones:
    /// the root hash under which <see cref="StoreAsync"/> stores the definition. A stored version already points at it.
    /// </summary>
    public static string HashOf(AppDefinition definition) => DefinitionStore.HashOf(definition);
}
