using Lifecycle.Data.Audit;
using Lifecycle.Data.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Lifecycle.Data.Definitions;

/// <summary>
/// The data step of moving to trees (decision 018): turns every whole-definition blob of a database made before them into
/// a tree, points its versions at the tree's root and removes the blob, one blob per transaction. A blob with no JSON is
/// a tree stored before decision 048, queued by the migration <c>LeavesHoldTheirComponents</c>: it is read and stored
/// again in the current form in the same way. Runs at start after the schema migrations; a database with no blobs left
/// costs one query, and an interrupted run resumes where it stopped.
/// </summary>
public sealed class LegacyDefinitionConverter(IDbContextFactory<LifecycleDbContext> dbFactory, DefinitionStore store, AuditWriter gate)
{
    /// <summary>Converts every remaining blob; returns how many.</summary>
    public async Task<int> ConvertAsync(CancellationToken cancellationToken = default)
    {
        var converted = 0;
        while (true)
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            // Under the write gate, as every writer of definition objects is (decision 030): the objects it finds stored stay.
            await using var transaction = await gate.BeginAsync(db, cancellationToken);
            // The oldest version's first: a version's parent is then stored before it, as a base of its deltas (decision 039).
            var next = await db.Versions.AsNoTracking()
                .Where(v => db.LegacyDefinitionBlobs.Any(b => b.Hash == v.DefinitionHash))
                .OrderBy(v => v.Id)
                .Select(v => new { v.DefinitionHash, v.ParentVersionId })
                .FirstOrDefaultAsync(cancellationToken);
            var blob = next is null
                ? await db.LegacyDefinitionBlobs.OrderBy(b => b.Hash).FirstOrDefaultAsync(cancellationToken)
                : await db.LegacyDefinitionBlobs.FirstAsync(b => b.Hash == next.DefinitionHash, cancellationToken);
            if (blob is null)
            {
                return converted;
            }

            var definition = blob.Json.Length > 0 ? DefinitionJson.Deserialize(blob.Json) : await StoredTreeAsync(db, blob.Hash, cancellationToken);
            db.LegacyDefinitionBlobs.Remove(blob);
            await db.SaveChangesAsync(cancellationToken);
            if (definition is not null)
            {
                var root = await PutAsync(db, definition, next?.ParentVersionId, cancellationToken);
                await db.Versions.Where(v => v.DefinitionHash == blob.Hash).ExecuteUpdateAsync(set => set.SetProperty(v => v.DefinitionHash, root), cancellationToken);
            }

            await transaction.CommitUnauditedAsync(cancellationToken);
            converted++;
        }
    }

    /// <summary>
    /// Stores <paramref name="definition"/> as an edit of its version's parent when the parent is stored in the current form
    /// already, so that its changed leaves are deltas of the parent's, as they were when it was edited; else whole.
    /// </summary>
    private async Task<string> PutAsync(LifecycleDbContext db, AppDefinition definition, int? parentVersionId, CancellationToken cancellationToken)
    {
        var parentRoot = parentVersionId is { } parentId
            ? await db.Versions.AsNoTracking()
                .Where(v => v.Id == parentId && !db.LegacyDefinitionBlobs.Any(b => b.Hash == v.DefinitionHash))
                .Select(v => v.DefinitionHash)
                .FirstOrDefaultAsync(cancellationToken)
            : null;
        if (parentRoot is not null && await StoredTreeAsync(db, parentRoot, cancellationToken) is { } parent)
        {
            return await store.PutEditedAsync(db, new StoredDefinition(parentRoot, parent), definition, parentRoot, cancellationToken);
        }

        return await store.PutAsync(db, definition, cancellationToken);
    }

    /// <summary>
    /// The definition under a root stored before decision 048; null when it cannot be read (an object missing or not what
    /// its hash says), which converting cannot mend: its versions keep pointing at it, and the app still starts.
    /// </summary>
    private async Task<AppDefinition?> StoredTreeAsync(LifecycleDbContext db, string rootHash, CancellationToken cancellationToken)
    {
        try
        {
            return await store.GetAsync(db, rootHash, cancellationToken);
        }
        catch (Exception unreadable) when (unreadable is DefinitionObjectMissingException or InvalidOperationException or System.Text.Json.JsonException)
        {
            return null;
        }
    }
}
