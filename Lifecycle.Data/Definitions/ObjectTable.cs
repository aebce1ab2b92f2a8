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

    /// <summary>
    /// The stored content of those of <paramref name="hashes"/> that exist and of every base along their chains of deltas,
    /// by hash: one recursive query per <see cref="KeysPerQuery"/> keys, not one query per link (decision 042).
    /// </summary>
    public static async Task<Dictionary<string, byte[]>> ReadWithBasesAsync(LifecycleDbContext db, IReadOnlyList<string> hashes, CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var chunk in hashes.Chunk(KeysPerQuery))
        {
            var (keys, parameters) = KeysWithDeltaMarker(chunk);
            var sql = $$"""
                WITH RECURSIVE chain ("Hash", "Content") AS (
                    SELECT o."Hash", o."Content" FROM "DefinitionObjects" o WHERE o."Hash" IN ({{keys}})
                    UNION
                    SELECT o."Hash", o."Content" FROM chain c JOIN "DefinitionObjects" o ON o."Hash" = {{BaseOf("c")}}
                    WHERE {{IsDelta("c")}}
                )
                SELECT "Hash", "Content" FROM chain
                """;
            await foreach (var row in QueryAsync(db, sql, parameters, cancellationToken))
            {
                found[ObjectKey.ToHex((byte[])row[0])] = (byte[])row[1];
            }
        }

        return found;
    }

    /// <summary>
    /// The canonical JSON and stored form of those of <paramref name="hashes"/> that exist, by hash. A delta is resolved
    /// along its chain of bases (decision 039), each taken from <paramref name="knownJson"/> when the caller has it, else
    /// from the rows the same query read (decision 042); a base that is not stored throws
    /// <see cref="DefinitionObjectMissingException"/>.
    /// </summary>
    public static async Task<Dictionary<string, (byte[] Json, StoredForm Form)>> ReadCanonicalAsync(
        LifecycleDbContext db, IEnumerable<string> hashes, Func<string, byte[]?> knownJson, CancellationToken cancellationToken) =>
        (await ReadResolvedAsync(db, hashes, knownJson, cancellationToken)).ToDictionary(row => row.Key, row => (row.Value.Json, row.Value.Form), StringComparer.Ordinal);

    /// <summary>
    /// As <see cref="ReadCanonicalAsync"/>, with a leaf's components when its row holds them (decision 048): the leaf's
    /// canonical JSON is built from them, and checked against its hash.
    /// </summary>
    public static async Task<Dictionary<string, ResolvedObject>> ReadResolvedAsync(
        LifecycleDbContext db, IEnumerable<string> hashes, Func<string, byte[]?> knownJson, CancellationToken cancellationToken)
    {
        var wanted = hashes.Distinct(StringComparer.Ordinal).ToList();
        var rows = await ReadWithBasesAsync(db, wanted, cancellationToken);
        wanted.RemoveAll(hash => !rows.ContainsKey(hash));

        // What a row holds once resolved: canonical JSON, or for a row that holds a leaf's components, their payload.
        var content = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        byte[] Resolve(string hash, bool holdsComponents, int links = 0)
        {
            if (content.TryGetValue(hash, out var known))
            {
                return known;
            }

            if (links > 0 && !holdsComponents && knownJson(hash) is { } cached)
            {
                return content[hash] = cached; // a cached base ends the walk along its chain
            }

            // The query read every stored base along the chain: one it did not read is not stored.
            var stored = rows.TryGetValue(hash, out var row) ? row : throw new DefinitionObjectMissingException(hash);
            var form = ObjectCodec.FormOf(stored);
            if (form.HoldsComponents != holdsComponents)
            {
                throw new InvalidOperationException($"The definition object {hash} is the base of a delta of another kind.");
            }

            if (form.DeltaBase is not { } deltaBase)
            {
                return content[hash] = holdsComponents ? ObjectCodec.UnpackComponents(stored) : ObjectCodec.Unpack(stored);
            }

            if (links >= ObjectCodec.MaxDeltaDepth)
            {
                throw new InvalidOperationException($"A definition object's chain of deltas is longer than {ObjectCodec.MaxDeltaDepth}.");
            }

            var resolved = ObjectCodec.UnpackDelta(stored, Resolve(deltaBase, holdsComponents, links + 1));
            // A leaf's components are checked once, as the leaf they make up (below): a base's error shows there too.
            return holdsComponents || DefinitionJson.Hash(resolved) == hash
                ? content[hash] = resolved
                : throw new InvalidOperationException($"The definition object {hash}, a delta of {deltaBase}, does not resolve to its own content.");
        }

        var found = new Dictionary<string, ResolvedObject>(StringComparer.Ordinal);
        foreach (var hash in wanted)
        {
            var form = ObjectCodec.FormOf(rows[hash]);
            var resolved = Resolve(hash, form.HoldsComponents);
            if (!form.HoldsComponents)
            {
                found[hash] = new ResolvedObject(resolved, form, null, null);
                continue;
            }

            var components = LeafPayload.Components(resolved);
            var json = ObjectCodec.Serialize(LeafPayload.Leaf(components));
            found[hash] = DefinitionJson.Hash(json) == hash
                ? new ResolvedObject(json, form, resolved, components)
                : throw new InvalidOperationException($"The definition object {hash}, stored with its components, does not resolve to its own content.");
        }

        return found;
    }

    /// <summary>Those of <paramref name="hashes"/> whose rows hold a leaf's components (decision 048), read from the rows' first two bytes.</summary>
    public static async Task<HashSet<string>> HoldingComponentsAsync(LifecycleDbContext db, IReadOnlyList<string> hashes, CancellationToken cancellationToken)
    {
        var holding = new HashSet<string>(StringComparer.Ordinal);
        foreach (var chunk in hashes.Distinct(StringComparer.Ordinal).Chunk(KeysPerQuery))
        {
            var parameters = chunk.Select(hash => (object)ObjectKey.ToBytes(hash)).ToArray();
            var keys = string.Join(", ", parameters.Select((_, i) => $"{{{i}}}"));
            await foreach (var row in QueryAsync(db, $"""SELECT "Hash", substr("Content", 1, 2) FROM "DefinitionObjects" WHERE "Hash" IN ({keys})""", parameters, cancellationToken))
            {
                if (ObjectCodec.HoldsComponents((byte[])row[1]))
                {
                    holding.Add(ObjectKey.ToHex((byte[])row[0]));
                }
            }
        }

        return holding;
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

            await foreach (var row in QueryAsync(db, sql.ToString(), parameters, cancellationToken))
            {
                inserted.Add(ObjectKey.ToHex((byte[])row[0]));
            }
        }

        return inserted;
    }

    /// <summary>
    /// Runs <paramref name="sql"/> as ExecuteSqlRaw runs a command (interceptors, logging, the change's transaction), but
    /// reads what it returns: EF's raw queries would compile a query plan per shape, costing more than the command itself.
    /// </summary>
    private static async IAsyncEnumerable<object[]> QueryAsync(LifecycleDbContext db, string sql, object[] parameters,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var command = db.GetService<IRawSqlCommandBuilder>().Build(sql, parameters, db.Model);
        await using var reader = await command.RelationalCommand.ExecuteReaderAsync(
            new RelationalCommandParameterObject(db.GetService<IRelationalConnection>(), command.ParameterValues, null, db, db.GetService<IRelationalCommandDiagnosticsLogger>()),
            cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var row = new object[reader.DbDataReader.FieldCount];
            reader.DbDataReader.GetValues(row);
            yield return row;
        }
    }

    /// <summary>The hashes of the objects stored at or before <paramref name="cutoffUtc"/>.</summary>
    public static async Task<List<string>> StoredUntilAsync(LifecycleDbContext db, DateTime cutoffUtc, CancellationToken cancellationToken) =>
        (await db.DefinitionObjects.AsNoTracking().Where(o => o.CreatedAtUtc <= cutoffUtc).Select(o => o.Hash).ToListAsync(cancellationToken)).ConvertAll(ObjectKey.ToHex);

    /// <summary>
    /// Removes those of <paramref name="hashes"/> that no remaining row needs as a base: a row that stays (outside this
    /// set, or kept in it for that reason) keeps its whole chain of bases. So a stored delta can always be read, whatever
    /// a caller believed about how rows are stored: an instance's cache may remember a row's earlier form after another
    /// instance removed it and stored it again as a delta of another base. The caller holds the write gate; returns the
    /// number of rows removed.
    /// </summary>
    public static async Task<int> DeleteAsync(LifecycleDbContext db, IReadOnlyCollection<string> hashes, CancellationToken cancellationToken)
    {
        var removed = 0;
        foreach (var chunk in hashes.Chunk(KeysPerQuery))
        {
            var (keys, parameters) = KeysWithDeltaMarker(chunk);
            var sql = $$"""
                WITH RECURSIVE needed ("Hash") AS (
                    SELECT {{BaseOf("o")}} FROM "DefinitionObjects" o WHERE {{IsDelta("o")}} AND o."Hash" NOT IN ({{keys}})
                    UNION
                    SELECT {{BaseOf("o")}} FROM needed n JOIN "DefinitionObjects" o ON o."Hash" = n."Hash" WHERE {{IsDelta("o")}}
                )
                DELETE FROM "DefinitionObjects" WHERE "Hash" IN ({{keys}}) AND "Hash" NOT IN (SELECT "Hash" FROM needed)
                """;
            removed += await db.Database.ExecuteSqlRawAsync(sql, parameters, cancellationToken);
        }

        return removed;
    }

    /// <summary>
    /// The keys as a list of placeholders {1}…{n}, with parameter {0} the first byte of a delta (for <see cref="IsDelta"/>).
    /// </summary>
    private static (string Keys, object[] Parameters) KeysWithDeltaMarker(string[] hashes)
    {
        var parameters = new object[hashes.Length + 1];
        parameters[0] = new[] { ObjectCodec.Delta };
        var keys = string.Join(", ", hashes.Select((hash, i) => { parameters[i + 1] = ObjectKey.ToBytes(hash); return $"{{{i + 1}}}"; }));
        return (keys, parameters);
    }

    // A delta's first byte is 3 and its base's key the 32 bytes after its depth (ObjectCodec.PackDelta); substr, length
    // and recursive CTEs read blobs alike in SQLite and PostgreSQL (decision 042).
    private static string IsDelta(string alias) => $$"""substr({{alias}}."Content", 1, 1) = {0} AND length({{alias}}."Content") > 34""";

    private static string BaseOf(string alias) => $"""substr({alias}."Content", 3, 32)""";
}

/// <summary>
/// A stored object read back: its canonical JSON and stored form, and for a leaf whose row holds its components
/// (decision 048) their payload and each component's hash and canonical JSON.
/// </summary>
internal sealed record ResolvedObject(byte[] Json, StoredForm Form, byte[]? Payload, IReadOnlyList<(string Hash, byte[] Json)>? Components);
