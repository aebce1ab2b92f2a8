using Lifecycle.Data.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Lifecycle.Data.Definitions;

/// <summary>Content-addressed storage of definitions (SPEC D4): identical content is stored once, under its hash.</summary>
public sealed class DefinitionStore
{
    /// <summary>Adds the definition to the operation's context unless it is stored already; returns its hash.</summary>
    public async Task<string> PutAsync(LifecycleDbContext db, AppDefinition definition, CancellationToken cancellationToken = default)
    {
        var json = DefinitionJson.Serialize(definition);
        var hash = DefinitionJson.Hash(json);
        var known = db.DefinitionBlobs.Local.Any(b => b.Hash == hash)
            || await db.DefinitionBlobs.AnyAsync(b => b.Hash == hash, cancellationToken);
        if (!known)
        {
            db.DefinitionBlobs.Add(new DefinitionBlob(hash, json));
        }

        return hash;
    }

    public async Task<AppDefinition> GetAsync(LifecycleDbContext db, string hash, CancellationToken cancellationToken = default)
    {
        var json = await db.DefinitionBlobs.AsNoTracking()
            .Where(b => b.Hash == hash)
            .Select(b => b.Json)
            .SingleAsync(cancellationToken);
        return DefinitionJson.Deserialize(json);
    }
}
