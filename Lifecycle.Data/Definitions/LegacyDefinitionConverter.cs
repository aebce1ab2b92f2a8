using Lifecycle.Data.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Lifecycle.Data.Definitions;

/// <summary>
/// The data step of moving to trees (decision 018): turns every whole-definition blob of a database made before them into
/// a tree, points its versions at the tree's root and removes the blob, one blob per transaction. Runs at start after
/// the schema migrations; a database with no blobs left costs one query, and an interrupted run resumes where it stopped.
/// </summary>
public sealed class LegacyDefinitionConverter(IDbContextFactory<LifecycleDbContext> dbFactory, DefinitionStore store)
{
    /// <summary>Converts every remaining blob; returns how many.</summary>
    public async Task<int> ConvertAsync(CancellationToken cancellationToken = default)
    {
        var converted = 0;
        while (true)
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var blob = await db.LegacyDefinitionBlobs.OrderBy(b => b.Hash).FirstOrDefaultAsync(cancellationToken);
            if (blob is null)
            {
                return converted;
            }

            var root = await store.PutAsync(db, DefinitionJson.Deserialize(blob.Json), cancellationToken);
            db.LegacyDefinitionBlobs.Remove(blob);
            await db.SaveChangesAsync(cancellationToken);
            await db.Versions.Where(v => v.DefinitionHash == blob.Hash).ExecuteUpdateAsync(set => set.SetProperty(v => v.DefinitionHash, root), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            converted++;
        }
    }
}
