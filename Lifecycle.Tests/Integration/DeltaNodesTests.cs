using Lifecycle.Data.Definitions;
using Lifecycle.Data.Persistence;
using Lifecycle.Data.Versions;
using Lifecycle.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Lifecycle.Tests.Integration;

/// <summary>
/// Decision 039: a draft made from a saved version stores its changed sequence nodes as deltas of that version's nodes;
/// chains stop at their depth limit; collection keeps every base a delta needs and still removes the draft's old autosaves.
/// </summary>
public sealed class DeltaNodesTests
{
    [Fact]
    public async Task D4_ADraftsEditsAreStoredAsDeltasOfItsSavedSourceAndReadBackAfterCollection()
    {
        await using var workspace = await TestWorkspace.StartAsync();
        var (source, draft) = await SavedSourceAndItsEditedDraftAsync(workspace, edits: 5);

        var edited = ResultAssert.Ok(await workspace.Versions.GetAsync(workspace.Admin, draft.Id)).Definition;
        var sourceNodes = await SequenceNodesAsync(workspace, source.DefinitionHash);
        var deltas = await DeltasAsync(workspace);

        Assert.NotEmpty(deltas);
        Assert.All(deltas, delta => Assert.Contains(delta.Form.DeltaBase!, sourceNodes)); // never a node of an earlier autosave
        Assert.All(deltas, delta => Assert.Equal(1, delta.Form.Depth));

        var report = await workspace.Get<DefinitionCollector>().CollectAsync(TimeSpan.Zero);

        Assert.True(report.Removed > 0, "the earlier autosaves' objects were not removed");
        Assert.Empty(await MissingAsync(workspace));
        workspace.Get<DefinitionObjectCache>().Clear();
        Assert.Equal(DefinitionJson.Serialize(edited), DefinitionJson.Serialize(ResultAssert.Ok(await workspace.Versions.GetAsync(workspace.Admin, draft.Id)).Definition));
    }

    [Fact]
    public async Task D4_EveryLeafRowHoldsItsComponents_NoComponentHasARowOfItsOwn_AndAnEditStoresTheLeafAsADeltaOfTheSourcesComponents()
    {
        // Decision 048
        await using var workspace = await TestWorkspace.StartAsync();
        var (source, draft) = await SavedSourceAndItsEditedDraftAsync(workspace, edits: 3);
        await workspace.Get<DefinitionCollector>().CollectAsync(TimeSpan.Zero);
        var edited = ResultAssert.Ok(await workspace.Versions.GetAsync(workspace.Admin, draft.Id)).Definition;
        var forms = (await FormsAsync(workspace)).ToDictionary(row => row.Hash, row => row.Form);
        var components = Sample.App(components: 400).Pages[0].Components.Concat(edited.Pages[0].Components)
            .Select(component => DefinitionJson.Hash(ObjectCodec.Component(component))).ToHashSet(StringComparer.Ordinal);
        await using var db = await workspace.DbAsync();
        var reader = new ObjectReader(db, new DefinitionObjectCache());
        var leaves = new List<string>();
        foreach (var root in new[] { source.DefinitionHash, (await workspace.VersionRowAsync(draft.Id)).DefinitionHash })
        {
            var page = (await reader.GetManyAsync<PageObject>((await reader.GetAsync<RootObject>(root, CancellationToken.None)).Pages, CancellationToken.None))[0];
            leaves.AddRange((await ComponentSequence.ReadAsync(page.Components, reader, CancellationToken.None)).Leaves);
        }

        Assert.DoesNotContain(forms.Keys, components.Contains);
        Assert.All(leaves, leaf => Assert.True(forms[leaf].HoldsComponents));
        var changed = Assert.Single(leaves, leaf => forms[leaf].DeltaBase is not null);
        Assert.Equal(1, forms[changed].Depth);
        Assert.Contains(forms[changed].DeltaBase!, leaves);
        Assert.Empty(await MissingAsync(workspace));
    }

    [Fact]
    public async Task D4_ChainsOfDeltasStopAtTheirLimitAndEveryVersionReadsBackCold()
    {
        await using var workspace = await TestWorkspace.StartAsync();
        var (versionId, _) = await DefinitionStorageTests.DraftWithAsync(workspace, Sample.App(components: 300));
        ResultAssert.Ok(await workspace.Versions.SaveAsync(workspace.Admin, versionId, null));
        var appId = (await workspace.VersionRowAsync(versionId)).AppId;
        var expected = new Dictionary<int, string>();
        for (var round = 0; round < ObjectCodec.MaxDeltaDepth + 4; round++)
        {
            var draft = await workspace.CreateVersionAsync(workspace.Admin, appId, $"v{round + 2}", versionId);
            var revision = ResultAssert.Ok(await workspace.Versions.GetAsync(workspace.Admin, draft.Id)).Revision;
            ResultAssert.Ok(await workspace.Versions.ApplyAsync(workspace.Admin, draft.Id, revision, [new SetComponentProperty(Sample.HomePageId, Sample.ComponentId(150), "text", $"Round {round}")]));
            ResultAssert.Ok(await workspace.Versions.SaveAsync(workspace.Admin, draft.Id, null));
            expected[draft.Id] = DefinitionJson.Serialize(ResultAssert.Ok(await workspace.Versions.GetAsync(workspace.Admin, draft.Id)).Definition);
            versionId = draft.Id;
        }

        workspace.Get<DefinitionObjectCache>().Clear(); // the collector reads each chain's rows (decision 042: in one query)
        await workspace.Get<DefinitionCollector>().CollectAsync(TimeSpan.Zero);
        var depths = (await DeltasAsync(workspace)).Select(delta => delta.Form.Depth).ToList();

        Assert.Equal(ObjectCodec.MaxDeltaDepth, depths.Max()); // chains grow version by version, up to the limit
        Assert.Empty(await MissingAsync(workspace));
        foreach (var (id, definition) in expected)
        {
            workspace.Get<DefinitionObjectCache>().Clear();
            Assert.Equal(definition, DefinitionJson.Serialize(ResultAssert.Ok(await workspace.Versions.GetAsync(workspace.Admin, id)).Definition));
        }
    }

    [Fact]
    public async Task D4_ACollectorThatRemembersADeltaAsStoredWholeStillLeavesItsBase()
    {
        // Another instance may remove a node and store it again as a delta: this instance's cache still says "whole",
        // so its marking does not keep the base. The removal itself must not take a base a stored delta needs.
        await using var workspace = await TestWorkspace.StartAsync();
        var (source, draft) = await SavedSourceAndItsEditedDraftAsync(workspace, edits: 1);
        var edited = DefinitionJson.Serialize(ResultAssert.Ok(await workspace.Versions.GetAsync(workspace.Admin, draft.Id)).Definition);
        var deltas = await DeltasAsync(workspace);
        Assert.NotEmpty(deltas);
        ResultAssert.Ok(await workspace.Versions.DeleteAsync(workspace.Admin, source.Id)); // its nodes are now only bases
        var cache = workspace.Get<DefinitionObjectCache>();
        await using (var db = await workspace.DbAsync())
        {
            var reader = new ObjectReader(db, cache);
            foreach (var (hash, _) in deltas)
            {
                cache.Put(hash, await reader.GetAsync<SequenceNode>(hash, CancellationToken.None), 1, StoredForm.Whole); // the stale belief
            }
        }

        var report = await workspace.Get<DefinitionCollector>().CollectAsync(TimeSpan.Zero);

        Assert.True(report.Removed > 0, "the source's own objects (its root, its page) were not removed");
        Assert.Empty(await MissingAsync(workspace));
        Assert.Equal(deltas.Count, (await DeltasAsync(workspace)).Count);
        cache.Clear();
        Assert.Equal(edited, DefinitionJson.Serialize(ResultAssert.Ok(await workspace.Versions.GetAsync(workspace.Admin, draft.Id)).Definition));
    }

    [Fact]
    public async Task D4_ANodeWhoseBaseIsNoLongerStoredIsStoredWhole()
    {
        // The base was cached from a saved version that was since deleted and collected: the insert finds it gone
        await using var workspace = await TestWorkspace.StartAsync();
        var children = Enumerable.Range(0, 16).Select(i => DefinitionJson.Hash($"gone-{i}")).ToList();
        var gone = new SequenceNode(0, [.. children], []);
        var node = new SequenceNode(0, [.. children.Take(15), DefinitionJson.Hash("new")], []);
        var batch = new ObjectBatch();
        var hash = batch.Put(node, new DeltaBase(DefinitionJson.Hash(ObjectCodec.Serialize(gone)), gone, StoredForm.Whole));
        var plain = new ObjectBatch();
        var plainHash = plain.Put(new SequenceNode(node.Level, [.. children.Skip(1)], node.Counts), null);

        await using (var db = await workspace.DbAsync())
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            await plain.StoreAsync(db, workspace.Get<DefinitionObjectCache>(), DateTime.UtcNow, CancellationToken.None);
            await batch.StoreAsync(db, workspace.Get<DefinitionObjectCache>(), DateTime.UtcNow, CancellationToken.None);
            await transaction.CommitAsync();
        }

        var forms = (await FormsAsync(workspace)).ToDictionary(row => row.Hash, row => row.Form);
        Assert.Equal(StoredForm.Whole, forms[hash]);
        Assert.Equal(StoredForm.Whole, forms[plainHash]);
        workspace.Get<DefinitionObjectCache>().Clear();
        await using var reading = await workspace.DbAsync();
        Assert.Equal(node, await new ObjectReader(reading, workspace.Get<DefinitionObjectCache>()).GetAsync<SequenceNode>(hash, CancellationToken.None), SequenceNodeComparer);
    }

    [Fact]
    public async Task D4_AColdReadOfTheDeepestChainIsOneQueryThatReadsEveryBase()
    {
        // Decision 042: the chain is read by one recursive query, not one query per link
        var reads = new ObjectQueries();
        await using var workspace = await TestWorkspace.StartAsync(services => services.ConfigureDbContext<LifecycleDbContext>(options => options.AddInterceptors(reads)));
        var children = Enumerable.Range(0, 16).Select(i => DefinitionJson.Hash($"chain-{i}")).ToList();
        var node = new SequenceNode(0, [.. children], []);
        var nodes = new List<(string Hash, SequenceNode Node)>();
        for (var depth = 0; depth <= ObjectCodec.MaxDeltaDepth; depth++)
        {
            // each node differs from the one before in one child, and is stored as its delta
            var batch = new ObjectBatch();
            var hash = batch.Put(node, depth == 0 ? null : new DeltaBase(nodes[^1].Hash, nodes[^1].Node, StoredForm.DeltaOf(nodes[^1].Hash, depth - 1)));
            await using (var db = await workspace.DbAsync())
            {
                await batch.StoreAsync(db, workspace.Get<DefinitionObjectCache>(), DateTime.UtcNow, CancellationToken.None);
            }

            nodes.Add((hash, node));
            node = new SequenceNode(node.Level, node.Children.SetItem(depth % 16, DefinitionJson.Hash($"chain-{depth}-changed")), node.Counts);
        }

        var forms = (await FormsAsync(workspace)).ToDictionary(row => row.Hash, row => row.Form);
        Assert.Equal(ObjectCodec.MaxDeltaDepth, forms[nodes[^1].Hash].Depth);
        workspace.Get<DefinitionObjectCache>().Clear();
        reads.Count = 0;
        await using var reading = await workspace.DbAsync();

        var read = await new ObjectReader(reading, workspace.Get<DefinitionObjectCache>()).GetAsync<SequenceNode>(nodes[^1].Hash, CancellationToken.None);

        Assert.Equal(nodes[^1].Node, read, SequenceNodeComparer);
        Assert.Equal(1, reads.Count);
    }

    /// <summary>Counts the commands that read definition objects.</summary>
    private sealed class ObjectQueries : Microsoft.EntityFrameworkCore.Diagnostics.DbCommandInterceptor
    {
        public int Count;

        public override ValueTask<Microsoft.EntityFrameworkCore.Diagnostics.InterceptionResult<System.Data.Common.DbDataReader>> ReaderExecutingAsync(
            System.Data.Common.DbCommand command, Microsoft.EntityFrameworkCore.Diagnostics.CommandEventData eventData,
            Microsoft.EntityFrameworkCore.Diagnostics.InterceptionResult<System.Data.Common.DbDataReader> result, CancellationToken cancellationToken = default)
        {
            if (command.CommandText.Contains("FROM \"DefinitionObjects\"", StringComparison.Ordinal) && !command.CommandText.StartsWith("INSERT", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref Count);
            }

            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }
    }

    private static readonly IEqualityComparer<SequenceNode> SequenceNodeComparer = EqualityComparer<SequenceNode>.Create(
        (left, right) => left!.Level == right!.Level && left.Children.SequenceEqual(right.Children) && left.Counts.SequenceEqual(right.Counts));

    /// <summary>A saved version of 400 components and a draft created from it, whose component 200 is edited <paramref name="edits"/> times.</summary>
    private static async Task<(AppVersion Source, VersionSummary Draft)> SavedSourceAndItsEditedDraftAsync(TestWorkspace workspace, int edits)
    {
        var (sourceId, _) = await DefinitionStorageTests.DraftWithAsync(workspace, Sample.App(components: 400));
        ResultAssert.Ok(await workspace.Versions.SaveAsync(workspace.Admin, sourceId, null));
        var source = await workspace.VersionRowAsync(sourceId);
        var draft = await workspace.CreateVersionAsync(workspace.Admin, source.AppId, "v2", sourceId);
        var revision = ResultAssert.Ok(await workspace.Versions.GetAsync(workspace.Admin, draft.Id)).Revision;
        for (var edit = 0; edit < edits; edit++)
        {
            revision = ResultAssert.Ok(await workspace.Versions.ApplyAsync(workspace.Admin, draft.Id, revision, [new SetComponentProperty(Sample.HomePageId, Sample.ComponentId(200), "text", $"Edit {edit}")]));
        }

        return (source, draft);
    }

    private static async Task<List<(string Hash, StoredForm Form)>> DeltasAsync(TestWorkspace workspace) =>
        [.. (await FormsAsync(workspace)).Where(row => row.Form.DeltaBase is not null)];

    private static async Task<List<(string Hash, StoredForm Form)>> FormsAsync(TestWorkspace workspace)
    {
        await using var db = await workspace.DbAsync();
        var rows = await db.DefinitionObjects.AsNoTracking().Select(o => new { o.Hash, o.Content }).ToListAsync();
        return [.. rows.Select(row => (ObjectKey.ToHex(row.Hash), ObjectCodec.FormOf(row.Content)))];
    }

    /// <summary>The hashes of the sequence nodes of every page of the definition under <paramref name="rootHash"/>.</summary>
    private static async Task<HashSet<string>> SequenceNodesAsync(TestWorkspace workspace, string rootHash)
    {
        await using var db = await workspace.DbAsync();
        var reader = new ObjectReader(db, workspace.Get<DefinitionObjectCache>());
        var root = await reader.GetAsync<RootObject>(rootHash, CancellationToken.None);
        var nodes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var page in await reader.GetManyAsync<PageObject>(root.Pages, CancellationToken.None))
        {
            var (_, known, _) = await ComponentSequence.ReadAsync(page.Components, reader, CancellationToken.None);
            nodes.UnionWith(known.All.Select(node => node.Hash));
        }

        return nodes;
    }

    private static async Task<IReadOnlyList<string>> MissingAsync(TestWorkspace workspace)
    {
        await using LifecycleDbContext db = await workspace.DbAsync();
        return await StoredTrees.MissingObjectsAsync(db);
    }
}
