using Lifecycle.Data.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

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

    /// <summary>
    /// The canonical JSON and stored form of those of <paramref name="hashes"/> that exist, by hash. A delta is resolved
    /// along its chain of bases (decision 039), each taken from <paramref name="knownJson"/> when the caller has it, else
    /// read, one query per link; a base that is not stored throws <see cref="DefinitionObjectMissingException"/>.
    /// </summary>
    public static async Task<Dictionary<string, (byte[] Json, StoredForm Form)>> ReadCanonicalAsync(
        LifecycleDbContext db, IEnumerable<string> hashes, Func<string, byte[]?> knownJson, CancellationToken cancellationToken)
    {
        var rows = await ReadAsync(db, hashes, cancellationToken);
        var wanted = rows.Keys.ToList();
        var json = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        for (var links = 0; ; links++)
        {
            var unread = new List<string>();
            foreach (var deltaBase in rows.Values.Select(stored => ObjectCodec.FormOf(stored).DeltaBase).OfType<string>().Distinct(StringComparer.Ordinal))
            {
                if (rows.ContainsKey(deltaBase) || json.ContainsKey(deltaBase))
                {
                    continue;
                }

                if (knownJson(deltaBase) is { } known)
                {
                    json[deltaBase] = known;
                }
                else
                {
                    unread.Add(deltaBase);
                }
            }

            if (unread.Count == 0)
            {
                break;
            }

            if (links > ObjectCodec.MaxDeltaDepth)
            {
                throw new InvalidOperationException($"A definition object's chain of deltas is longer than {ObjectCodec.MaxDeltaDepth}.");
            }

            var read = await ReadAsync(db, unread, cancellationToken);
            foreach (var hash in unread)
            {
                rows[hash] = read.TryGetValue(hash, out var stored) ? stored : throw new DefinitionObjectMissingException(hash);
            }
        }

        byte[] Resolve(string hash)
        {
            if (json.TryGetValue(hash, out var known))
            {
                return known;
            }

            var stored = rows[hash];
            if (ObjectCodec.FormOf(stored).DeltaBase is not { } deltaBase)
            {
                return json[hash] = ObjectCodec.Unpack(stored);
            }

            var resolved = ObjectCodec.UnpackDelta(stored, Resolve(deltaBase));
            return DefinitionJson.Hash(resolved) == hash
                ? json[hash] = resolved
                : throw new InvalidOperationException($"The definition object {hash}, a delta of {deltaBase}, does not resolve to its own content.");
        }

        return wanted.ToDictionary(hash => hash, hash => (Resolve(hash), ObjectCodec.FormOf(rows[hash])), StringComparer.Ordinal);
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

    /// <summary>
    /// Stores the rows whose hash is not stored yet, in one command per <see cref="RowsPerCommand"/> rows; a row already
    /// stored stays as it is, and a delta whose base is not stored is not stored either (the caller stores it whole).
    /// Returns the hashes of the rows it stored, whose stored form is then known.
    /// </summary>
    public static async Task<HashSet<string>> InsertAsync(LifecycleDbContext db, IReadOnlyList<(string Hash, byte[] Content)> rows, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var createdAt = UnixSeconds.Converter.ConvertToProvider(nowUtc)!;
        var inserted = new HashSet<string>(StringComparer.Ordinal);
        foreach (var chunk in rows.Chunk(RowsPerCommand))
        {
            // VALUES names its columns column1, column2, column3 in SQLite and PostgreSQL alike; the third is the key of the
            // row's delta base (empty when stored whole), which must be stored (decision 039).
            var sql = new System.Text.StringBuilder("""INSERT INTO "DefinitionObjects" ("Hash", "Content", "CreatedAtUtc") SELECT v.column1, v.column2, {0} FROM (VALUES """);
            var parameters = new object[chunk.Length * 3 + 1];
            parameters[0] = createdAt;
            for (var i = 0; i < chunk.Length; i++)
            {
                sql.Append(i == 0 ? "(" : ", (").Append($"{{{3 * i + 1}}}, {{{3 * i + 2}}}, {{{3 * i + 3}}})");
                parameters[3 * i + 1] = ObjectKey.ToBytes(chunk[i].Hash);
                parameters[3 * i + 2] = chunk[i].Content;
                parameters[3 * i + 3] = ObjectCodec.FormOf(chunk[i].Content).DeltaBase is { } deltaBase ? ObjectKey.ToBytes(deltaBase) : Array.Empty<byte>();
            }

            sql.Append("""
                ) AS v WHERE length(v.column3) = 0 OR EXISTS (SELECT 1 FROM "DefinitionObjects" b WHERE b."Hash" = v.column3)
                ON CONFLICT DO NOTHING RETURNING "Hash"
                """);

            // Built and run as ExecuteSqlRaw runs a command (interceptors, logging, the change's transaction), but reading
            // what it returns: EF's raw queries would compile a query plan per shape, costing more than the insert itself.
            var command = db.GetService<IRawSqlCommandBuilder>().Build(sql.ToString(), parameters, db.Model);
            await using var reader = await command.RelationalCommand.ExecuteReaderAsync(
                new RelationalCommandParameterObject(db.GetService<IRelationalConnection>(), command.ParameterValues, null, db, db.GetService<IRelationalCommandDiagnosticsLogger>()),
                cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                inserted.Add(ObjectKey.ToHex((byte[])reader.DbDataReader.GetValue(0)));
            }
        }

        return inserted;
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
