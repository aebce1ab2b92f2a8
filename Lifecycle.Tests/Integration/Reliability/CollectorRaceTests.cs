using Lifecycle.Data.Access;
using Lifecycle.Data.Definitions;
using Lifecycle.Data.Versions;
using Lifecycle.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Lifecycle.Tests.Integration.Reliability;

/// <summary>
/// Race suite (docs/reliability.md): the collector of definition objects runs, on two instances at once and with no grace
/// period, while builders on other instances autosave, undo (which makes unreachable objects current again), snapshot
/// their drafts into new versions and delete old ones, and a reader on a third instance opens what they write.
/// </summary>
public sealed class CollectorRaceTests(ITestOutputHelper output)
{
    [Fact]
    public async Task D4_TheCollectorRacingSavesNeverLeavesAVersionOrDraftPointingAtAMissingObject()
    {
        // SPEC D4, decision 020: objects no version reaches are collected, never one a save has just come to use
        var run = ReliabilityRun.Start(shortRun: 20, soak: 200);
        await using var workspace = await TestWorkspace.StartAsync();
        await using var second = workspace.BuildInstance();
        await using var third = workspace.BuildInstance();
        var (first, _) = await DefinitionStorageTests.DraftWithAsync(workspace, Sample.App(components: 40));
        var appId = (await workspace.VersionRowAsync(first)).AppId;
        var ann = new Builder(await workspace.AddBuilderAsync("Ann Archer"), workspace.Versions, new Random(run.Seed));
        var ben = new Builder(await workspace.AddBuilderAsync("Ben Baker"), second.GetRequiredService<VersionService>(), new Random(run.Seed + 1));
        await ann.StartAsync(appId, first, "ann");
        await ben.StartAsync(appId, first, "ben");
        var collectors = new[] { second.GetRequiredService<DefinitionCollector>(), third.GetRequiredService<DefinitionCollector>() };
        var reader = third.GetRequiredService<VersionService>();
        var (removed, collections, reads) = (0, 0, 0);

        for (var round = 0; round < run.Rounds; round++)
        {
            var context = run.At(round);
            var saving = Task.WhenAll(Task.Run(() => ann.WorkAsync(batches: 3)), Task.Run(() => ben.WorkAsync(batches: 3)));
            async Task CollectAsync(DefinitionCollector collector)
            {
                do
                {
                    Interlocked.Add(ref removed, (await collector.CollectAsync(TimeSpan.Zero)).Removed);
                    Interlocked.Increment(ref collections);
                }
                while (!saving.IsCompleted);
            }

            async Task ReadAsync()
            {
                do
                {
                    foreach (var versionId in new[] { ann.DraftId, ben.DraftId })
                    {
                        ResultAssert.Ok(await reader.GetAsync(workspace.Admin, versionId));
                        Interlocked.Increment(ref reads);
                    }
                }
                while (!saving.IsCompleted);
            }

            await Task.WhenAll(saving, Task.Run(() => CollectAsync(collectors[0])), Task.Run(() => CollectAsync(collectors[1])), Task.Run(ReadAsync));

            await using var db = await workspace.DbAsync();
            var missing = await StoredTrees.MissingObjectsAsync(db);
            Assert.True(missing.Count == 0, $"{context}: {string.Join("; ", missing)}");
            foreach (var builder in new[] { ann, ben })
            {
                var stored = await db.Versions.AsNoTracking().SingleAsync(v => v.Id == builder.DraftId);
                Assert.True(stored.DefinitionHash == DefinitionStore.HashOf(builder.Copy), $"{context}: {builder.Name}'s draft is not what they saved.");
            }
        }

        workspace.Get<DefinitionObjectCache>().Clear();
        await using (var db = await workspace.DbAsync())
        {
            foreach (var versionId in await db.Versions.Where(v => v.AppId == appId).Select(v => v.Id).ToListAsync())
            {
                ResultAssert.Ok(await workspace.Versions.GetAsync(workspace.Admin, versionId));
            }
        }

        output.WriteLine(run.Summary(nameof(D4_TheCollectorRacingSavesNeverLeavesAVersionOrDraftPointingAtAMissingObject),
            $"{ann.Saves + ben.Saves} autosaves, {ann.Snapshots + ben.Snapshots} versions created from the drafts (all but the last two of each deleted again), {collections} collections removed {removed} objects, {reads} reads"));
    }

    /// <summary>
    /// A builder with a draft of their own: autosaves random edits and undoes them (an undo stores content that was stored
    /// before, whose objects the collector may be removing), and now and then creates a version from the draft and deletes
    /// the one before, which leaves its objects unreachable unless the draft still shares them.
    /// </summary>
    private sealed class Builder(Actor actor, VersionService versions, Random random)
    {
        private readonly Queue<int> _snapshots = new();
        private int _appId;
        private int _revision;
        private string _name = "";

        public string Name => actor.Name;
        public int DraftId { get; private set; }
        public AppDefinition Copy { get; private set; } = null!;
        public int Saves { get; private set; }
        public int Snapshots { get; private set; }

        public async Task StartAsync(int appId, int fromVersionId, string name)
        {
            (_appId, _name) = (appId, name);
            DraftId = ResultAssert.Ok(await versions.CreateAsync(actor, appId, $"{name} draft", fromVersionId)).Id;
            var opened = ResultAssert.Ok(await versions.GetAsync(actor, DraftId));
            (Copy, _revision) = (opened.Definition, opened.Revision);
        }

        public async Task WorkAsync(int batches)
        {
            for (var batch = 0; batch < batches; batch++)
            {
                var before = Copy;
                var edit = DefinitionStorageTests.RandomOperation(random, Copy);
                var edited = ResultAssert.Ok(edit.ApplyTo(Copy));
                _revision = ResultAssert.Ok(await versions.ApplyAsync(actor, DraftId, _revision, [edit]));
                (Copy, Saves) = (edited, Saves + 1);
                if (random.Next(2) == 0)
                {
                    // Undo: the content before the edit goes back whole, as "save mine over theirs" sends it.
                    _revision = ResultAssert.Ok(await versions.UpdateDefinitionAsync(actor, DraftId, _revision, before));
                    (Copy, Saves) = (before, Saves + 1);
                }

                if (random.Next(4) == 0)
                {
                    await SnapshotAsync();
                }
            }
        }

        private async Task SnapshotAsync()
        {
            var snapshot = ResultAssert.Ok(await versions.CreateAsync(actor, _appId, $"{_name} {Snapshots}", DraftId));
            _snapshots.Enqueue(snapshot.Id);
            Snapshots++;
            if (_snapshots.Count > 2)
            {
                ResultAssert.Ok(await versions.DeleteAsync(actor, _snapshots.Dequeue()));
            }
        }
    }
}
