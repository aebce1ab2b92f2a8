using Lifecycle.Data.Definitions;
using Lifecycle.Data.Persistence;
using Lifecycle.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Lifecycle.Tests.Integration;

/// <summary>Decision 048: trees stored before leaves held their components are stored again in the new form at start.</summary>
public sealed class LeavesHoldTheirComponentsMigrationTests
{
    /// <summary>The last migration before <c>LeavesHoldTheirComponents</c>.</summary>
    private const string LastMigrationBefore = "20261127185951_BinaryObjectKeys";

    [Fact]
    public async Task D4_ATreeStoredBeforeReadsBackEqualUnderTheHashItsContentHasNow_AndItsComponentRowsAreCollected()
    {
        // SPEC D4: identical content has one hash, whenever it was stored
        var definition = ResultAssert.Ok(DefinitionEdits.AddQuery(Sample.App(components: 200), "orders", "shop"));
        var (oldRoot, rows) = StoredAsBefore(definition);
        await using var workspace = await TestWorkspace.StartUpgradedFromAsync(LastMigrationBefore, async db =>
        {
            foreach (var (hash, content) in rows)
            {
                await db.Database.ExecuteSqlRawAsync("INSERT OR IGNORE INTO DefinitionObjects (Hash, Content, CreatedAtUtc) VALUES ({0}, {1}, 1795000000)", ObjectKey.ToBytes(hash), content);
            }

            await LegacyDefinitionMigrationTests.InsertAppAsync(db);
            await LegacyDefinitionMigrationTests.InsertVersionAsync(db, 1, "v1", oldRoot);
            await LegacyDefinitionMigrationTests.InsertVersionAsync(db, 2, "v2", oldRoot);
        });

        Assert.NotEqual(oldRoot, DefinitionStore.HashOf(definition)); // the test's premise: the old shape hashes differently
        foreach (var versionId in new[] { 1, 2 })
        {
            workspace.Get<DefinitionObjectCache>().Clear();
            Assert.Equal(DefinitionJson.Serialize(definition), DefinitionJson.Serialize(ResultAssert.Ok(await workspace.Versions.GetAsync(workspace.Admin, versionId)).Definition));
            Assert.Equal(DefinitionStore.HashOf(definition), (await workspace.VersionRowAsync(versionId)).DefinitionHash);
        }

        await workspace.Get<DefinitionCollector>().CollectAsync(TimeSpan.Zero);
        await using var db = await workspace.DbAsync();
        var stored = (await db.DefinitionObjects.Select(o => o.Hash).ToListAsync()).ConvertAll(ObjectKey.ToHex);
        Assert.DoesNotContain(oldRoot, stored);
        Assert.DoesNotContain(stored, definition.Pages[0].Components.Select(component => DefinitionJson.Hash(ObjectCodec.Component(component))).Contains);
        Assert.Empty(await StoredTrees.MissingObjectsAsync(db));
        Assert.Equal(0, await db.LegacyDefinitionBlobs.CountAsync());
        Assert.Equal(0, await workspace.Get<LegacyDefinitionConverter>().ConvertAsync()); // a second start finds nothing to do
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
