using Lifecycle.Data.Definitions;
using Lifecycle.Data.Persistence;
using Lifecycle.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Lifecycle.Tests.Integration;

/// <summary>Decision 018: a database made before definitions were trees is upgraded at start, and reads back equal.</summary>
public sealed class LegacyDefinitionMigrationTests
{
    /// <summary>The last migration before <c>DefinitionObjectTrees</c>: a database as the previous release left it.</summary>
    private const string LastMigrationWithBlobs = "20261127160106_OutboundAllowlistAndSignInSessions";

    [Fact]
    public async Task D4_WholeDefinitionBlobsBecomeTreesThatReadBackEqual()
    {
        // SPEC D4: old stored definitions read back equal; identical content still shares one root
        var rich = ResultAssert.Ok(DefinitionEdits.AddQuery(Sample.App(components: 700), "orders", "shop"));
        rich = ResultAssert.Ok(DefinitionEdits.SetProperty(rich, Sample.HomePageId, Sample.ComponentId(5), "text", "{{constants.REGION}}"));
        // Issue 8's parts (a grid cell and width, an event, a query that waits to be asked) come through the conversion too.
        var button = Sample.ComponentId(ComponentCatalog.All.ToList().IndexOf(ComponentType.Button));
        rich = ResultAssert.Ok(DefinitionEdits.AddClickAction(rich, Sample.HomePageId, button, new EventAction(EventActionKind.RunQuery, "orders", "")));
        rich = ResultAssert.Ok(DefinitionEdits.ResizeComponent(rich, Sample.HomePageId, button, 4));
        var empty = AppDefinition.Empty();
        await using var workspace = await TestWorkspace.StartUpgradedFromAsync(LastMigrationWithBlobs, async db =>
        {
            await InsertBlobAsync(db, rich);
            await InsertBlobAsync(db, empty);
            await InsertAppAsync(db);
            await InsertVersionAsync(db, 1, "v1", BlobHash(rich));
            await InsertVersionAsync(db, 2, "v2", BlobHash(rich));
            await InsertVersionAsync(db, 3, "v3", BlobHash(empty));
        });

        foreach (var (versionId, expected) in new[] { (1, rich), (2, rich), (3, empty) })
        {
            workspace.Get<DefinitionObjectCache>().Clear();
            var opened = ResultAssert.Ok(await workspace.Versions.GetAsync(workspace.Admin, versionId));
            Assert.Equal(DefinitionJson.Serialize(expected), DefinitionJson.Serialize(opened.Definition));
            Assert.Equal(DefinitionStore.HashOf(expected), (await workspace.VersionRowAsync(versionId)).DefinitionHash);
        }

        await using var check = await workspace.DbAsync();
        Assert.Equal(0, await check.LegacyDefinitionBlobs.CountAsync());
        var store = workspace.Get<DefinitionStore>();
        Assert.Equal(["REGION"], (await store.ReferencesAsync(check, (await workspace.VersionRowAsync(1)).DefinitionHash)).Constants);
        Assert.Equal(0, await workspace.Get<LegacyDefinitionConverter>().ConvertAsync()); // a second start finds nothing to do
    }

    private static string BlobHash(AppDefinition definition) => DefinitionJson.Hash(DefinitionJson.Serialize(definition));

    private static Task InsertBlobAsync(LifecycleDbContext db, AppDefinition definition)
    {
        var json = DefinitionJson.Serialize(definition);
        return db.Database.ExecuteSqlRawAsync("INSERT INTO DefinitionBlobs (Hash, Json) VALUES ({0}, {1})", DefinitionJson.Hash(json), json);
    }

    /// <summary>App 1, "Old shop", as an older schema stores it (the upgrade tests share it).</summary>
    internal static Task InsertAppAsync(LifecycleDbContext db) =>
        db.Database.ExecuteSqlRawAsync("""INSERT INTO Apps (Id, Name, Slug, CreatedById, CreatedAtUtc, ReleaseStamp) VALUES (1, 'Old shop', 'old-shop', 'someone', '2026-11-01 10:00:00', '00000000-0000-0000-0000-000000000001')""");

    /// <summary>A draft of app 1 at revision 4 pointing at <paramref name="definitionHash"/>, as an older schema stores it.</summary>
    internal static Task InsertVersionAsync(LifecycleDbContext db, int id, string name, string definitionHash) =>
        db.Database.ExecuteSqlRawAsync(
            """
            INSERT INTO Versions (Id, AppId, Name, NameKey, State, Environment, DefinitionHash, CreatedById, CreatedAtUtc, UpdatedById, UpdatedByName, UpdatedAtUtc, Revision)
            VALUES ({0}, 1, {1}, {2}, 0, 0, {3}, 'someone', '2026-11-01 10:00:00', 'someone', 'Someone', '2026-11-01 10:00:00', 4)
            """,
            id, name, name.ToUpperInvariant(), definitionHash);
}
