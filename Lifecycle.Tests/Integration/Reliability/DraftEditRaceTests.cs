using System.Collections.Concurrent;
using Lifecycle.Data.Access;
using Lifecycle.Data.Common;
using Lifecycle.Data.Definitions;
using Lifecycle.Data.Versions;
using Lifecycle.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Lifecycle.Tests.Integration.Reliability;

/// <summary>
/// Race suite (docs/reliability.md): two builders autosave one draft at once, each through an app instance of its own on
/// the one database, so only what the database and the write gate do keeps them apart (decision 030).
/// </summary>
public sealed class DraftEditRaceTests(ITestOutputHelper output)
{
    [Fact]
    public async Task V4_TwoUsersSavingOneDraftLoseNoUpdate_EveryAcceptedChangeIsInTheContentAndEveryRefusedOneWasTold()
    {
        // SPEC V4: nothing is silently overwritten. Replaying the accepted batches in the order of their revisions gives
        // exactly the stored content, so no accepted change was lost and no refused one slipped in.
        var run = ReliabilityRun.Start(shortRun: 20, soak: 200);
        await using var workspace = await TestWorkspace.StartAsync();
        await using var other = workspace.BuildInstance();
        var (versionId, _) = await DefinitionStorageTests.DraftWithAsync(workspace, Sample.App(components: 30));
        var start = ResultAssert.Ok(await workspace.Versions.GetAsync(workspace.Admin, versionId));
        var ann = new Builder(await workspace.AddBuilderAsync("Ann Archer"), workspace.Versions, new Random(run.Seed));
        var ben = new Builder(await workspace.AddBuilderAsync("Ben Baker"), other.GetRequiredService<VersionService>(), new Random(run.Seed + 1));
        var ledger = new Ledger();

        for (var round = 0; round < run.Rounds; round++)
        {
            await Task.WhenAll(Task.Run(() => ann.EditAsync(versionId, batches: 4, ledger)), Task.Run(() => ben.EditAsync(versionId, batches: 4, ledger)));
        }

        var context = run.Replay;
        var accepted = ledger.Accepted.OrderBy(a => a.Revision).ToList();
        Assert.Equal(Enumerable.Range(start.Revision + 1, accepted.Count), accepted.Select(a => a.Revision)); // one revision per accepted batch, no gap
        Assert.All(accepted, a => Assert.True(a.BaseRevision == a.Revision - 1, $"{context}: revision {a.Revision} was based on {a.BaseRevision}."));
        var replayed = accepted.Aggregate(start.Definition, (definition, a) => ResultAssert.Ok(DefinitionOperation.ApplyAll(definition, a.Operations)));
        workspace.Get<DefinitionObjectCache>().Clear();
        var stored = ResultAssert.Ok(await workspace.Versions.GetAsync(workspace.Admin, versionId));
        Assert.True(DefinitionStore.HashOf(replayed) == (await workspace.VersionRowAsync(versionId)).DefinitionHash, $"{context}: the stored content is not the accepted changes.");
        Assert.Equal(DefinitionJson.Serialize(replayed), DefinitionJson.Serialize(stored.Definition));
        Assert.Equal(accepted[^1].User, stored.Summary.UpdatedByName);
        Assert.All(ledger.Refused, refusal =>
        {
            ResultAssert.Failed(ResultStatus.Conflict, refusal.Result);
            Assert.Contains(refusal.User == ann.Name ? ben.Name : ann.Name, refusal.Result.Error); // names who changed it
        });
        Assert.True(ledger.Refused.Count > 0, $"{context}: the builders never met; the race did not happen.");
        await using (var db = await workspace.DbAsync())
        {
            Assert.Empty(await StoredTrees.MissingObjectsAsync(db));
        }

        output.WriteLine(run.Summary(nameof(V4_TwoUsersSavingOneDraftLoseNoUpdate_EveryAcceptedChangeIsInTheContentAndEveryRefusedOneWasTold),
            $"{accepted.Count} batches accepted, {ledger.Refused.Count} refused with a conflict, {ledger.Dropped} edits dropped on retry because the other builder's change removed their target"));
    }

    private sealed record AcceptedBatch(string User, int BaseRevision, int Revision, IReadOnlyList<DefinitionOperation> Operations);

    private sealed class Ledger
    {
        public ConcurrentBag<AcceptedBatch> Accepted { get; } = [];
        public ConcurrentBag<(string User, Result Result)> Refused { get; } = [];
        private int _dropped;

        public int Dropped => _dropped;

        public void Drop(int count) => Interlocked.Add(ref _dropped, count);
    }

    /// <summary>
    /// A builder in the editor: edits a working copy, sends each batch based on the revision the copy came from; when
    /// refused, loads the other builder's content and does the same edits again where they still apply (SPEC V4: the
    /// refused change stays with its user, who decides).
    /// </summary>
    private sealed class Builder(Actor actor, VersionService versions, Random random)
    {
        private AppDefinition? _copy;
        private int _revision;

        public string Name => actor.Name;

        public async Task EditAsync(int versionId, int batches, Ledger ledger)
        {
            if (_copy is null)
            {
                await LoadAsync(versionId);
            }

            for (var batch = 0; batch < batches; batch++)
            {
                var operations = new List<DefinitionOperation>();
                var edited = _copy!;
                for (var count = random.Next(1, 5); operations.Count < count;)
                {
                    operations.Add(DefinitionStorageTests.RandomOperation(random, edited));
                    edited = ResultAssert.Ok(operations[^1].ApplyTo(edited));
                }

                while (operations.Count > 0)
                {
                    var saved = await versions.ApplyAsync(actor, versionId, _revision, operations);
                    if (saved.IsSuccess)
                    {
                        ledger.Accepted.Add(new AcceptedBatch(actor.Name, _revision, saved.Value, operations));
                        (_copy, _revision) = (edited, saved.Value);
                        break;
                    }

                    ledger.Refused.Add((actor.Name, saved));
                    await LoadAsync(versionId);
                    (operations, edited) = StillApplying(operations, ledger);
                }
            }
        }

        private async Task LoadAsync(int versionId)
        {
            var opened = ResultAssert.Ok(await versions.GetAsync(actor, versionId));
            (_copy, _revision) = (opened.Definition, opened.Revision);
        }

        private (List<DefinitionOperation> Operations, AppDefinition Edited) StillApplying(List<DefinitionOperation> operations, Ledger ledger)
        {
            var kept = new List<DefinitionOperation>();
            var edited = _copy!;
            foreach (var operation in operations)
            {
                if (operation.ApplyTo(edited) is { IsSuccess: true } applied)
                {
                    kept.Add(operation);
                    edited = applied.Value!;
                }
            }

            ledger.Drop(operations.Count - kept.Count);
            return (kept, edited);
        }
    }
}
