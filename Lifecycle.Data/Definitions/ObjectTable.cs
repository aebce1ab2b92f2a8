using Lifecycle.Data.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Lifecycle.Data.Definitions;

/// <summary>
/// The rows of <c>DefinitionObjects</c> (decision 034): keys are the 32 bytes of the hash, callers speak hex. An insert
/// sends every new object of a change in one command and leaves alone a row that exists already (identical content,
/// stored once), inside the change's transaction.
/// </summary>
internal static class ObjectTable
{
    /// <summary>Rows per command: three parameters each, far below SQLite's limit of 32,766.</summary>
    private const int RowsPerCommand = 300;

    private const int KeysPerQuery = 500;

    /// <summary>The stored content of those of <paramref name="hashes"/> that exist, by hash.</summary>
    public static async Task<Dictionary<string, byte[]>> ReadAsync(LifecycleDbContext db, IEnumerable<string> hashes, CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var chunk in hashes.Distinct(StringComparer.Ordinal).Chunk(KeysPerQuery))
        {
            var keys = chunk.Select(ObjectKey.ToBytes).ToList();
            var rows = await db.DefinitionObjects.AsNoTracking().Where(o => keys.Contains(o.Hash)).Select(o => new { o.Hash, o.Content }).ToListAsync(cancellationToken);
            foreach (var row in rows)
            {
                found[ObjectKey.ToHex(row.Hash)] = row.Content;
            }
        }

        return found;
    }

    /// <summary>Those of <paramref name="hashes"/> that are stored.</summary>
    public static async Task<HashSet<string>> ExistingAsync(LifecycleDbContext db, IEnumerable<string> hashes, CancellationToken cancellationToken)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        foreach (var chunk in hashes.Distinct(StringComparer.Ordinal).Chunk(KeysPerQuery))
        {
            var keys = chunk.Select(ObjectKey.ToBytes).ToList();
            found.UnionWith((await db.DefinitionObjects.AsNoTracking().Where(o => keys.Contains(o.Hash)).Select(o => o.Hash).ToListAsync(cancellationToken)).Select(ObjectKey.ToHex));
        }

        return found;
    }

    /// <summary>Stores the rows whose hash is not stored yet, in one command per <see cref="RowsPerCommand"/> rows; a row already stored stays as it is.</summary>
    public static async Task InsertAsync(LifecycleDbContext db, IReadOnlyList<(string Hash, byte[] Content)> rows, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var createdAt = UnixSeconds.Converter.ConvertToProvider(nowUtc)!;
        foreach (var chunk in rows.Chunk(RowsPerCommand))
        {
            var sql = new System.Text.StringBuilder("""INSERT INTO "DefinitionObjects" ("Hash", "Content", "CreatedAtUtc") VALUES """);
            var parameters = new object[chunk.Length * 2 + 1];
            parameters[0] = createdAt;
            for (var i = 0; i < chunk.Length; i++)
            {
                sql.Append(i == 0 ? "(" : ", (").Append($"{{{2 * i + 1}}}, {{{2 * i + 2}}}, {{0}})");
                parameters[2 * i + 1] = ObjectKey.ToBytes(chunk[i].Hash);
                parameters[2 * i + 2] = chunk[i].Content;
            }

            sql.Append(" ON CONFLICT DO NOTHING");
            await db.Database.ExecuteSqlRawAsync(sql.ToString(), parameters, cancellationToken);
        }
    }

    /// <summary>The hashes of the objects stored at or before <paramref name="cutoffUtc"/>.</summary>
    public static async Task<List<string>> StoredUntilAsync(LifecycleDbContext db, DateTime cutoffUtc, CancellationToken cancellationToken) =>
        (await db.DefinitionObjects.AsNoTracking().Where(o => o.CreatedAtUtc <= cutoffUtc).Select(o => o.Hash).ToListAsync(cancellationToken)).ConvertAll(ObjectKey.ToHex);

    public static async Task<int> DeleteAsync(LifecycleDbContext db, IReadOnlyCollection<string> hashes, CancellationToken cancellationToken)
    {
        var keys = hashes.Select(ObjectKey.ToBytes).ToList();
        return await db.DefinitionObjects.Where(o => keys.Contains(o.Hash)).ExecuteDeleteAsync(cancellationToken);
    }
}
