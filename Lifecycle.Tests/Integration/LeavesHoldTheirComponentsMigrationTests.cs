using Lifecycle.Data.Definitions;
using Lifecycle.Data.Persistence;
using Lifecycle.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Lifecycle.Tests.Integration;

/// <summary>Decision 048: trees stored before leaves held their components are stored again in the new form at start.</summary>
public sealed class LeavesHoldTheirComponentsMigrationTests
{
    /// <summary>The last migration before <c>LeavesHoldTheirComponents</c>.</summary>
    private const string LastMigrationBefore = "20261127185951_BinaryObjectKeys";

    /// <summary>PostgreSQL's last migration before its own <c>LeavesHoldTheirComponents</c>.</summary>
    private const string LastPostgresMigrationBefore = "20261127223325_BinaryObjectKeys";

    [Fact]
    public async Task D4_ATreeStoredBeforeReadsBackEqualUnderTheHashItsContentHasNow_AndItsComponentRowsAreCollected()
    {
        // SPEC D4: identical content has one hash, whenever it was stored
        var definition = ResultAssert.Ok(DefinitionEdits.AddQuery(Sample.App(components: 200), "orders", "shop"));
        var child = ResultAssert.Ok(DefinitionEdits.SetProperty(definition, Sample.HomePageId, Sample.ComponentId(120), "text", "Only in the child"));
        var (oldRoot, rows) = StoredAsBefore(definition);
        var (oldChildRoot, childRows) = StoredAsBefore(child);
        await using var workspace = await TestWorkspace.StartUpgradedFromAsync(LastMigrationBefore, async db =>
        {
            await InsertRowsAsync(db, [.. rows, .. childRows]);
            await LegacyDefinitionMigrationTests.InsertAppAsync(db);
            await LegacyDefinitionMigrationTests.InsertVersionAsync(db, 1, "v1", oldRoot);
            await LegacyDefinitionMigrationTests.InsertVersionAsync(db, 2, "v2", oldRoot);
            await LegacyDefinitionMigrationTests.InsertVersionAsync(db, 3, "v3", oldChildRoot);
            await db.Database.ExecuteSqlRawAsync("""UPDATE "Versions" SET "ParentVersionId" = 1 WHERE "Id" = 3""");
        });

        Assert.NotEqual(oldRoot, DefinitionStore.HashOf(definition)); // the test's premise: the old shape hashes differently
        foreach (var versionId in new[] { 1, 2 })
        {
            workspace.Get<DefinitionObjectCache>().Clear();
            Assert.Equal(DefinitionJson.Serialize(definition), DefinitionJson.Serialize(ResultAssert.Ok(await workspace.Versions.GetAsync(workspace.Admin, versionId)).Definition));
            Assert.Equal(DefinitionStore.HashOf(definition), (await workspace.VersionRowAsync(versionId)).DefinitionHash);
        }

        workspace.Get<DefinitionObjectCache>().Clear();
        Assert.Equal(DefinitionJson.Serialize(child), DefinitionJson.Serialize(ResultAssert.Ok(await workspace.Versions.GetAsync(workspace.Admin, 3)).Definition));
        Assert.Equal(DefinitionStore.HashOf(child), (await workspace.VersionRowAsync(3)).DefinitionHash);

        await workspace.Get<DefinitionCollector>().CollectAsync(TimeSpan.Zero);
        await using var db = await workspace.DbAsync();
        // The child was stored as an edit of its parent, converted before it: its changed leaf is a delta of the parent's.
        var forms = (await db.DefinitionObjects.Select(o => o.Content).ToListAsync()).ConvertAll(ObjectCodec.FormOf);
        Assert.Single(forms, form => form.HoldsComponents && form.DeltaBase is not null);
        var stored = (await db.DefinitionObjects.Select(o => o.Hash).ToListAsync()).ConvertAll(ObjectKey.ToHex);
        Assert.DoesNotContain(oldRoot, stored);
        Assert.DoesNotContain(stored, definition.Pages[0].Components.Concat(child.Pages[0].Components).Select(component => DefinitionJson.Hash(ObjectCodec.Component(component))).Contains);
        Assert.Empty(await StoredTrees.MissingObjectsAsync(db));
        Assert.Equal(0, await db.LegacyDefinitionBlobs.CountAsync());
        Assert.Equal(0, await workspace.Get<LegacyDefinitionConverter>().ConvertAsync()); // a second start finds nothing to do
    }

    [Fact]
    public async Task D4_TheMigrationQueuesEveryVersionsTreeOnEitherDatabase_AndTheConverterStoresItAgain()
    {
        // SPEC D4 on the provider of the test run: the migration's own SQL, run again from the migration before it
        await using var workspace = await TestWorkspace.StartAsync();
        var definition = Sample.App(components: 120);
        var (versionId, _) = await DefinitionStorageTests.DraftWithAsync(workspace, definition);
        var (oldRoot, rows) = StoredAsBefore(definition);
        await using (var db = await workspace.DbAsync())
        {
            await InsertRowsAsync(db, rows);
            await db.Versions.Where(v => v.Id == versionId).ExecuteUpdateAsync(set => set.SetProperty(v => v.DefinitionHash, oldRoot));
            var migrator = db.GetService<IMigrator>();
            await migrator.MigrateAsync(TestWorkspace.Provider == DatabaseProvider.Postgres ? LastPostgresMigrationBefore : LastMigrationBefore);
            await migrator.MigrateAsync();
            Assert.Contains(oldRoot, await db.LegacyDefinitionBlobs.Where(b => b.Json == "").Select(b => b.Hash).ToListAsync());
        }

        Assert.InRange(await workspace.Get<LegacyDefinitionConverter>().ConvertAsync(), 1, int.MaxValue);
        Assert.Equal(DefinitionStore.HashOf(definition), (await workspace.VersionRowAsync(versionId)).DefinitionHash);
        workspace.Get<DefinitionObjectCache>().Clear();
        Assert.Equal(DefinitionJson.Serialize(definition), DefinitionJson.Serialize(ResultAssert.Ok(await workspace.Versions.GetAsync(workspace.Admin, versionId)).Definition));
    }

    [Fact]
    public async Task D4_ASaveWhosePageIsALeafStoredBefore_StoresThatLeafsComponentRowsAgain()
    {
        // A leaf stored before decision 048 lists components kept in rows of their own. Kept only as a delta's base, it may
        // have lost them to a collection; a save whose page is that very leaf finds its row, and must store them again.
        await using var workspace = await TestWorkspace.StartAsync();
        var definition = OneLeafApp();
        var leaf = new SequenceNode(0, [.. definition.Pages[0].Components.Select(component => DefinitionJson.Hash(ObjectCodec.Component(component)))], []);
        var leafJson = ObjectCodec.Serialize(leaf);
        await using (var db = await workspace.DbAsync())
        {
            await InsertRowsAsync(db, [(DefinitionJson.Hash(leafJson), ObjectCodec.Pack(leafJson))]); // no component rows
        }

        var (versionId, _) = await DefinitionStorageTests.DraftWithAsync(workspace, definition);

        workspace.Get<DefinitionObjectCache>().Clear();
        Assert.Equal(DefinitionJson.Serialize(definition), DefinitionJson.Serialize(ResultAssert.Ok(await workspace.Versions.GetAsync(workspace.Admin, versionId)).Definition));
        await using var check = await workspace.DbAsync();
        var root = await new ObjectReader(check, new DefinitionObjectCache()).GetAsync<RootObject>((await workspace.VersionRowAsync(versionId)).DefinitionHash, CancellationToken.None);
        var page = await new ObjectReader(check, new DefinitionObjectCache()).GetAsync<PageObject>(root.Pages[0], CancellationToken.None);
        Assert.Equal(DefinitionJson.Hash(leafJson), page.Components); // the premise: the save's page is the leaf stored before
        Assert.Empty(await StoredTrees.MissingObjectsAsync(check));
    }

    /// <summary>An app whose one page is three components that make one leaf (no boundary before the last).</summary>
    private static AppDefinition OneLeafApp()
    {
        var sample = Sample.App(components: 40);
        var all = sample.Pages[0].Components;
        var start = Enumerable.Range(0, all.Length - 2).First(i => !EndsALeaf(all[i].Id) && !EndsALeaf(all[i + 1].Id));
        var page = sample.Pages[0] with { Components = [.. all.Skip(start).Take(3).Select((component, i) => component with { Order = i })] };
        return sample with { Pages = [page] };
    }

    private static bool EndsALeaf(string id) => (ComponentSequence.BoundaryKey(id) & 0xF) == 0;

    private static async Task InsertRowsAsync(LifecycleDbContext db, IEnumerable<(string Hash, byte[] Content)> rows)
    {
        foreach (var (hash, content) in rows)
        {
            await db.Database.ExecuteSqlRawAsync(
                """INSERT INTO "DefinitionObjects" ("Hash", "Content", "CreatedAtUtc") VALUES ({0}, {1}, {2}) ON CONFLICT DO NOTHING""",
                ObjectKey.ToBytes(hash), content, 1_795_000_000L);
        }
    }

    /// <summary>
    /// The definition's rows as the release before stored them: one row per component, and its page's components in one
    /// leaf listing their hashes (boundaries by content hashes put them elsewhere; any shape read back the same).
    /// </summary>
    private static (string Root, List<(string Hash, byte[] Content)> Rows) StoredAsBefore(AppDefinition definition)
    {
        var current = new ObjectBatch();
        Assert.True(current.TryGet<RootObject>(DefinitionTree.WriteAll(definition, current), out var root));
        Assert.True(current.TryGet<PageObject>(root.Pages[0], out var page));
        var rows = new List<(string Hash, byte[] Content)>();
        string Add(byte[] json)
        {
            var hash = DefinitionJson.Hash(json);
            rows.Add((hash, ObjectCodec.Pack(json)));
            return hash;
        }

        var leaf = new SequenceNode(0, [.. definition.Pages[0].Components.Select(component => Add(ObjectCodec.Component(component)))], []);
        var oldPage = Add(ObjectCodec.Serialize(page with { Components = Add(ObjectCodec.Serialize(leaf)) }));
        foreach (var query in definition.Queries)
        {
            Add(ObjectCodec.Query(query));
        }

        return (Add(ObjectCodec.Serialize(root with { Pages = [oldPage] })), rows);
    }
}
