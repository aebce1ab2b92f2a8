using Lifecycle.Data.Definitions;
using Lifecycle.Data.Versions;
using Lifecycle.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Lifecycle.Tests.Integration;

/// <summary>SPEC D4, decision 020: unreachable definition objects are collected; reachable ones never are, even mid-save.</summary>
public sealed class DefinitionCollectorTests
{
    [Fact]
    public async Task D4_OldAutosavesAndDeletedDraftsAreCollectedAndEveryVersionStaysReadable()
    {
        // SPEC D4
        await using var workspace = await TestWorkspace.StartAsync();
        var (versionId, revision) = await DefinitionStorageTests.DraftWithAsync(workspace, Sample.App(components: 100));
        for (var edit = 0; edit < 10; edit++)
        {
            revision = ResultAssert.Ok(await workspace.Versions.ApplyAsync(workspace.Admin, versionId, revision, [new SetComponentProperty(Sample.HomePageId, Sample.ComponentId(edit), "text", $"Edit {edit}")]));
        }

        var app = (await workspace.VersionRowAsync(versionId)).AppId;
        var deleted = await workspace.CreateVersionAsync(workspace.Admin, app, "scratch", versionId);
        var opened = ResultAssert.Ok(await workspace.Versions.GetAsync(workspace.Admin, deleted.Id));
        ResultAssert.Ok(await workspace.Versions.ApplyAsync(workspace.Admin, deleted.Id, opened.Revision, [new SetComponentProperty(Sample.HomePageId, Sample.ComponentId(50), "text", "Only in scratch")]));
        ResultAssert.Ok(await workspace.Versions.DeleteAsync(workspace.Admin, deleted.Id));
        var kept = ResultAssert.Ok(await workspace.Versions.GetAsync(workspace.Admin, versionId)).Definition;
        var before = await CountObjectsAsync(workspace);

        var report = await workspace.Get<DefinitionCollector>().CollectAsync(TimeSpan.Zero);

        Assert.True(report.Removed > 20, $"Only {report.Removed} objects were removed.");
        Assert.Equal(before - report.Removed, await CountObjectsAsync(workspace));
        Assert.Equal(0, (await workspace.Get<DefinitionCollector>().CollectAsync(TimeSpan.Zero)).Removed);
        await AssertEveryVersionReadsBackAsync(workspace);
        Assert.Equal(DefinitionJson.Serialize(kept), DefinitionJson.Serialize(ResultAssert.Ok(await workspace.Versions.GetAsync(workspace.Admin, versionId)).Definition));
    }

    [Fact]
    public async Task D4_ObjectsYoungerThanTheGracePeriodStay()
    {
        // Decision 020
        await using var workspace = await TestWorkspace.StartAsync();
        var (versionId, revision) = await DefinitionStorageTests.DraftWithAsync(workspace, Sample.App(components: 20));
        ResultAssert.Ok(await workspace.Versions.ApplyAsync(workspace.Admin, versionId, revision, [new SetComponentProperty(Sample.HomePageId, Sample.ComponentId(0), "text", "Edited")]));

        var report = await workspace.Get<DefinitionCollector>().CollectAsync(TimeSpan.FromHours(1));

        Assert.Equal(0, report.Removed);
    }

    [Fact]
    public async Task D4_ASaveThatReusesAnUnreachableObjectBetweenMarkAndSweepKeepsIt()
    {
        // Decision 020: the collector has marked; an undo then makes an unreachable object reachable again before the sweep
        await using var workspace = await TestWorkspace.StartAsync();
        var (versionId, revision) = await DefinitionStorageTests.DraftWithAsync(workspace, Sample.App(components: 40));
        var original = (await workspace.VersionRowAsync(versionId)).DefinitionHash;
        revision = ResultAssert.Ok(await workspace.Versions.ApplyAsync(workspace.Admin, versionId, revision, [new SetComponentProperty(Sample.HomePageId, Sample.ComponentId(0), "text", "Changed")]));
        var collector = workspace.Get<DefinitionCollector>();
        collector.AfterMarking = async () =>
        {
            // The original root, its page and the old component are unreachable now and marked for removal; the undo reuses them.
            revision = ResultAssert.Ok(await workspace.Versions.ApplyAsync(workspace.Admin, versionId, revision, [new SetComponentProperty(Sample.HomePageId, Sample.ComponentId(0), "text", "Text")]));
        };

        var report = await collector.CollectAsync(TimeSpan.Zero);

        Assert.Equal(original, (await workspace.VersionRowAsync(versionId)).DefinitionHash);
        Assert.True(report.Removed > 0); // the "Changed" path went
        await AssertEveryVersionReadsBackAsync(workspace);
    }

    [Fact]
    public async Task D4_CollectionsRacingWithSavesNeverLoseAReachableObject()
    {
        // Decision 020: saves that undo and redo (reusing unreachable objects) while collections run, two at a time
        await using var workspace = await TestWorkspace.StartAsync();
        var (versionId, revision) = await DefinitionStorageTests.DraftWithAsync(workspace, Sample.App(components: 60));
        var collector = workspace.Get<DefinitionCollector>();
        var saving = Task.Run(async () =>
        {
            for (var edit = 0; edit < 40; edit++)
            {
                revision = ResultAssert.Ok(await workspace.Versions.ApplyAsync(workspace.Admin, versionId, revision,
                    [new SetComponentProperty(Sample.HomePageId, Sample.ComponentId(edit % 3), "text", edit % 2 == 0 ? "Undo" : "Text")]));
            }
        });

        async Task CollectUntilSavedAsync()
        {
            do
            {
                await collector.CollectAsync(TimeSpan.Zero);
            }
            while (!saving.IsCompleted);
        }

        await Task.WhenAll(saving, Task.Run(CollectUntilSavedAsync), Task.Run(CollectUntilSavedAsync));

        await AssertEveryVersionReadsBackAsync(workspace);
    }

    [Fact]
    public async Task D4_AReadThatMeetsACollectedRootFollowsTheVersionToWhereItMoved()
    {
        // Decision 020: a reader read the draft's root, the draft moved on and a collection removed that root before the
        // reader read its objects (found by the race suite on PostgreSQL: the read threw)
        await using var workspace = await TestWorkspace.StartAsync();
        var (versionId, revision) = await DefinitionStorageTests.DraftWithAsync(workspace, Sample.App(components: 10));
        var stale = await workspace.VersionRowAsync(versionId);
        ResultAssert.Ok(await workspace.Versions.ApplyAsync(workspace.Admin, versionId, revision, [new SetComponentProperty(Sample.HomePageId, Sample.ComponentId(0), "text", "Moved on")]));
        Assert.True((await workspace.Get<DefinitionCollector>().CollectAsync(TimeSpan.Zero)).Removed > 0);
        workspace.Get<DefinitionObjectCache>().Clear();
        var reads = new Queue<AppVersion>([stale, await workspace.VersionRowAsync(versionId)]);
        await using var db = await workspace.DbAsync();
        var store = workspace.Get<DefinitionStore>();
        await Assert.ThrowsAsync<DefinitionObjectMissingException>(() => store.GetAsync(db, stale.DefinitionHash));

        var followed = await DefinitionStore.FollowAsync(() => Task.FromResult<AppVersion?>(reads.Dequeue()), v => v.DefinitionHash, hash => store.GetAsync(db, hash));

        Assert.Equal("Moved on", followed?.Content.Pages[0].Components[0].Property("text"));
    }

    [Fact]
    public async Task D4_AnObjectMissingUnderAVersionThatDidNotMoveIsNotHidden()
    {
        // Decision 020: following a version that moved is not a way to paper over a lost object
        await using var workspace = await TestWorkspace.StartAsync();
        var (versionId, _) = await DefinitionStorageTests.DraftWithAsync(workspace, Sample.App(components: 10));
        var root = (await workspace.VersionRowAsync(versionId)).DefinitionHash;
        await using (var db = await workspace.DbAsync())
        {
            var key = ObjectKey.ToBytes(root);
            await db.DefinitionObjects.Where(o => o.Hash == key).ExecuteDeleteAsync();
        }

        workspace.Get<DefinitionObjectCache>().Clear();

        var lost = await Assert.ThrowsAsync<DefinitionObjectMissingException>(() => workspace.Versions.GetAsync(workspace.Admin, versionId));
        Assert.Equal(root, lost.Hash);
    }

    [Fact]
    public async Task D4_TheBackgroundServiceCollectsOnceAtATime()
    {
        // Decisions 020, 032: while another collection holds the lease, none starts. On SQLite (one instance) the lease
        // is this process's own and is free once given back; on PostgreSQL it is a row that another instance holds for one
        // interval (it was taken with the same container before, which the lease rightly lets collect again).
        var clock = new ManualClock();
        await using var workspace = await TestWorkspace.StartAsync(services => services.AddSingleton<TimeProvider>(clock));
        await using var other = workspace.BuildInstance(services => services.AddSingleton<TimeProvider>(clock));
        var holder = workspace.Database.IsPostgres ? other.GetRequiredService<IDefinitionCollectionLease>() : workspace.Get<IDefinitionCollectionLease>();
        var service = new DefinitionCollectionService(workspace.Get<DefinitionCollector>(), workspace.Get<IDefinitionCollectionLease>(),
            Options.Create(new DefinitionCollectionOptions { GracePeriod = TimeSpan.Zero }), clock, NullLogger<DefinitionCollectionService>.Instance);

        await using (Assert.IsAssignableFrom<IAsyncDisposable>(await holder.TryAcquireAsync(CancellationToken.None)))
        {
            Assert.Null(await service.CollectOnceAsync(CancellationToken.None)); // another collection holds the lease
        }

        clock.Advance(new DefinitionCollectionOptions().Interval); // a lease held in the database runs out after one interval
        Assert.NotNull(await service.CollectOnceAsync(CancellationToken.None));
    }

    private static async Task<int> CountObjectsAsync(TestWorkspace workspace)
    {
        await using var db = await workspace.DbAsync();
        return await db.DefinitionObjects.CountAsync();
    }

    /// <summary>Every version's tree is complete in the database: read with a cold cache, as a fresh server would.</summary>
    private static async Task AssertEveryVersionReadsBackAsync(TestWorkspace workspace)
    {
        workspace.Get<DefinitionObjectCache>().Clear();
        await using var db = await workspace.DbAsync();
        foreach (var versionId in await db.Versions.Select(v => v.Id).ToListAsync())
        {
            ResultAssert.Ok(await workspace.Versions.GetAsync(workspace.Admin, versionId));
        }
    }
}
