using System.IO.Compression;
using Lifecycle.Data.Definitions;
using Lifecycle.Data.Persistence;
using Lifecycle.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Lifecycle.Tests.Integration;

/// <summary>Decision 034: a database whose objects have hex keys, text times and bare Brotli content is upgraded at start on a real SQLite file.</summary>
public sealed class BinaryObjectKeysMigrationTests
{
    /// <summary>The last migration before <c>BinaryObjectKeys</c>.</summary>
    private const string LastMigrationWithHexKeys = "20261127165844_DefinitionObjectTrees";

    /// <summary>PostgreSQL's last migration before its own <c>BinaryObjectKeys</c>.</summary>
    private const string LastPostgresMigrationWithHexKeys = "20261127195354_SharingAndEmbedding";

    [Fact]
    public async Task D4_ObjectsStoredUnderHexKeysReadBackEqualAndStayCollectable()
    {
        // SPEC D4: every version reads back equal from a cold cache; edits and collection work on the converted rows
        var rich = ResultAssert.Ok(DefinitionEdits.AddQuery(Sample.App(components: 300), "orders", "shop"));
        rich = ResultAssert.Ok(DefinitionEdits.SetProperty(rich, Sample.HomePageId, Sample.ComponentId(5), "text", "{{constants.REGION}}"));
        var edited = ResultAssert.Ok(DefinitionEdits.SetProperty(rich, Sample.HomePageId, Sample.ComponentId(150), "text", "Only in the orphan"));
        await using var workspace = await TestWorkspace.StartUpgradedFromAsync(LastMigrationWithHexKeys, async db =>
        {
            await InsertTreeAsync(db, rich, "2026-11-20 10:00:00");
            await InsertTreeAsync(db, edited, "2026-11-20 10:05:30.1234567"); // an autosave no version points at any more
            await LegacyDefinitionMigrationTests.InsertAppAsync(db);
            await LegacyDefinitionMigrationTests.InsertVersionAsync(db, 1, "v1", DefinitionStore.HashOf(rich));
            await LegacyDefinitionMigrationTests.InsertVersionAsync(db, 2, "v2", DefinitionStore.HashOf(rich));
        });

        await using (var db = await workspace.DbAsync())
        {
            var times = await db.DefinitionObjects.Select(o => o.CreatedAtUtc).Distinct().OrderBy(t => t).ToListAsync();
            Assert.Equal([new DateTime(2026, 11, 20, 10, 0, 0, DateTimeKind.Utc), new DateTime(2026, 11, 20, 10, 5, 30, DateTimeKind.Utc)], times);
            Assert.All(await db.DefinitionObjects.Select(o => o.Hash).ToListAsync(), key => Assert.Equal(32, key.Length));
            Assert.Equal(["REGION"], (await workspace.Get<DefinitionStore>().ReferencesAsync(db, DefinitionStore.HashOf(rich))).Constants);
        }

        foreach (var versionId in new[] { 1, 2 })
        {
            workspace.Get<DefinitionObjectCache>().Clear();
            var opened = ResultAssert.Ok(await workspace.Versions.GetAsync(workspace.Admin, versionId));
            Assert.Equal(DefinitionJson.Serialize(rich), DefinitionJson.Serialize(opened.Definition));
        }

        // The orphaned autosave's own objects go; everything the versions reach stays.
        var report = await workspace.Get<DefinitionCollector>().CollectAsync(TimeSpan.Zero);
        Assert.True(report.Removed >= 3, $"Only {report.Removed} objects were removed.");

        // An edit that makes the orphan's content current again stores it anew, and it reads back from a cold cache.
        ResultAssert.Ok(await workspace.Versions.ApplyAsync(workspace.Admin, 2, 4, [new SetComponentProperty(Sample.HomePageId, Sample.ComponentId(150), "text", "Only in the orphan")]));
        workspace.Get<DefinitionObjectCache>().Clear();
        Assert.Equal(DefinitionJson.Serialize(edited), DefinitionJson.Serialize(ResultAssert.Ok(await workspace.Versions.GetAsync(workspace.Admin, 2)).Definition));
        Assert.Equal(DefinitionStore.HashOf(edited), (await workspace.VersionRowAsync(2)).DefinitionHash);

        // Leaves stored before decision 048 list components in rows of their own, which stay while such a leaf is reached.
        await workspace.Get<DefinitionCollector>().CollectAsync(TimeSpan.Zero);
        await using var collected = await workspace.DbAsync();
        Assert.Empty(await StoredTrees.MissingObjectsAsync(collected));
        workspace.Get<DefinitionObjectCache>().Clear();
        Assert.Equal(DefinitionJson.Serialize(rich), DefinitionJson.Serialize(ResultAssert.Ok(await workspace.Versions.GetAsync(workspace.Admin, 1)).Definition));
        Assert.Equal(DefinitionJson.Serialize(edited), DefinitionJson.Serialize(ResultAssert.Ok(await workspace.Versions.GetAsync(workspace.Admin, 2)).Definition));
    }

    [Fact]
    public async Task D4_OnPostgres_ObjectsStoredUnderHexKeysReadBackEqual()
    {
        // SPEC D4 on PostgreSQL's own migration: text keys become 32 bytes, times whole seconds, content gains its first byte
        var rich = ResultAssert.Ok(DefinitionEdits.AddQuery(Sample.App(components: 300), "orders", "shop"));
        await using var workspace = await TestWorkspace.StartUpgradedFromAsync(LastPostgresMigrationWithHexKeys,
            db => InsertTreeAsync(db, rich, new DateTime(2026, 11, 20, 10, 5, 30, 123, DateTimeKind.Utc), """INSERT INTO "DefinitionObjects" ("Hash", "Content", "CreatedAtUtc") VALUES ({0}, {1}, {2}) ON CONFLICT DO NOTHING"""),
            DatabaseProvider.Postgres);

        await using var db = await workspace.DbAsync();
        Assert.Equal([new DateTime(2026, 11, 20, 10, 5, 30, DateTimeKind.Utc)], await db.DefinitionObjects.Select(o => o.CreatedAtUtc).Distinct().ToListAsync());
        Assert.All(await db.DefinitionObjects.Select(o => o.Hash).ToListAsync(), key => Assert.Equal(32, key.Length));
        workspace.Get<DefinitionObjectCache>().Clear();
        Assert.Equal(DefinitionJson.Serialize(rich), DefinitionJson.Serialize(await workspace.Get<DefinitionStore>().GetAsync(db, DefinitionStore.HashOf(rich))));
    }

    /// <summary>Every object of the definition's tree as the previous release stored it: hex key, bare Brotli, text time.</summary>
    private static Task InsertTreeAsync(LifecycleDbContext db, AppDefinition definition, string createdAt) =>
        InsertTreeAsync(db, definition, createdAt, "INSERT OR IGNORE INTO DefinitionObjects (Hash, Content, CreatedAtUtc) VALUES ({0}, {1}, {2})");

    private static async Task InsertTreeAsync(LifecycleDbContext db, AppDefinition definition, object createdAt, string insert)
    {
        var batch = new ObjectBatch();
        DefinitionTree.WriteAll(definition, batch);
        foreach (var (hash, json) in batch.Objects.Concat(batch.Components)) // before decision 048 components had rows of their own
        {
            var packed = new byte[BrotliEncoder.GetMaxCompressedLength(json.Length)];
            Assert.True(BrotliEncoder.TryCompress(json, packed, out var written, quality: 5, window: 16));
            await db.Database.ExecuteSqlRawAsync(insert, hash, packed[..written], createdAt);
        }
    }
}
