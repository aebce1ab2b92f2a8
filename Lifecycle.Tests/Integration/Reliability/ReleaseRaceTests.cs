using Lifecycle.Data.Audit;
using Lifecycle.Data.Common;
using Lifecycle.Data.Environments;
using Lifecycle.Data.Releases;
using Lifecycle.Data.Versions;
using Lifecycle.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Lifecycle.Tests.Integration.Reliability;

/// <summary>
/// Race suite (docs/reliability.md): releases and promotions of one app at once, from two app instances on one database.
/// The write gate (SQLite's write lock, PostgreSQL's advisory lock) and the app's release stamp carry them (decision 030).
/// </summary>
public sealed class ReleaseRaceTests(ITestOutputHelper output)
{
    [Fact]
    public async Task V6_TwoReleasesOfOneAppAtOnce_LeaveOneReleasedVersionAndTheHistoryInOrderWithoutGaps()
    {
        // SPEC V6: one released version, recorded in the history in the same step; SPEC V8: the history lists every release
        var run = ReliabilityRun.Start(shortRun: 20, soak: 200);
        var random = new Random(run.Seed);
        await using var workspace = await TestWorkspace.StartAsync();
        await using var other = workspace.BuildInstance();
        var releasers = new[] { workspace.Releases, other.GetRequiredService<ReleaseService>() };
        var app = await workspace.CreateAppAsync(workspace.Admin);
        var v1 = await workspace.FirstVersionIdAsync(app.Id);
        var pool = new List<int>();
        for (var i = 0; i < 4; i++)
        {
            pool.Add(await workspace.CreateProductionVersionAsync(workspace.Admin, app.Id, $"p{i}", v1));
        }

        var succeeded = 0;
        var sameVersionRounds = 0;
        for (var round = 0; round < run.Rounds; round++)
        {
            var context = run.At(round);
            var released = (await workspace.AppRowAsync(app.Id)).ReleasedVersionId;
            var candidates = pool.Where(id => id != released).OrderBy(_ => random.Next()).ToList();
            var sameVersion = random.Next(4) == 0;
            var (first, second) = sameVersion ? (candidates[0], candidates[0]) : (candidates[0], candidates[1]);

            var results = await Task.WhenAll(
                Task.Run(() => releasers[0].ReleaseAsync(workspace.Admin, first, $"round {round} first")),
                Task.Run(() => releasers[1].ReleaseAsync(workspace.Admin, second, $"round {round} second")));

            if (sameVersion)
            {
                sameVersionRounds++;
                Assert.True(results.Count(r => r.IsSuccess) == 1, $"{context}: releasing one version twice at once must succeed once.");
                var refused = results.Single(r => !r.IsSuccess);
                ResultAssert.Failed(ResultStatus.Conflict, refused);
                Assert.Contains("already released", refused.Error);
            }
            else
            {
                Assert.All(results, r => Assert.True(r.IsSuccess, $"{context}: {r.Status} {r.Error}"));
            }

            succeeded += results.Count(r => r.IsSuccess);
            var history = await HistoryAsync(workspace, app.Id);
            Assert.True(history.Count == succeeded, $"{context}: {history.Count} history rows for {succeeded} releases.");
            Assert.Equal((await workspace.AppRowAsync(app.Id)).ReleasedVersionId, history[^1].VersionId);
        }

        var rows = await HistoryAsync(workspace, app.Id);
        Assert.All(rows.Zip(rows.Skip(1)), pair => Assert.True(pair.First.AtUtc <= pair.Second.AtUtc, $"{run.Replay}: release {pair.Second.Id} is dated before {pair.First.Id}."));
        var audited = (await workspace.AuditEntriesAsync())
            .Where(e => e.Action == AuditActions.AppReleased && e.Outcome == AuditOutcome.Allowed && e.AppId == app.Id).Select(e => e.VersionId);
        Assert.Equal(audited, rows.Select(r => r.VersionId)); // the history is in the order the releases committed
        var listed = ResultAssert.Ok(await workspace.Versions.ListAsync(workspace.Admin, app.Id));
        Assert.Single(listed, v => v.State == DisplayedVersionState.Released);
        output.WriteLine(run.Summary(nameof(V6_TwoReleasesOfOneAppAtOnce_LeaveOneReleasedVersionAndTheHistoryInOrderWithoutGaps),
            $"{succeeded} releases in the history; {sameVersionRounds} rounds released one version twice at once (one refused each)"));
    }

    [Fact]
    public async Task V6_E2_APromotionRacingAReleaseOfItsVersionNeverReleasesAVersionOutsideProduction()
    {
        // SPEC V6: only a version in production can be released; SPEC E2: one step at a time, never twice
        var run = ReliabilityRun.Start(shortRun: 20, soak: 200);
        await using var workspace = await TestWorkspace.StartAsync();
        await using var other = workspace.BuildInstance();
        var otherPromotions = other.GetRequiredService<PromotionService>();
        var otherReleases = other.GetRequiredService<ReleaseService>();
        var app = await workspace.CreateAppAsync(workspace.Admin);
        var v1 = await workspace.FirstVersionIdAsync(app.Id);
        var releasedWon = 0;

        for (var round = 0; round < run.Rounds; round++)
        {
            var context = run.At(round);
            var version = await workspace.CreateSavedVersionAsync(workspace.Admin, app.Id, $"r{round}", v1);
            ResultAssert.Ok(await workspace.Promotions.PromoteAsync(workspace.Admin, version, DeploymentEnvironment.Staging));
            var releasedBefore = (await workspace.AppRowAsync(app.Id)).ReleasedVersionId;
            var historyBefore = (await HistoryAsync(workspace, app.Id)).Count;

            // A second promotion, as a double click on another instance would send.
            var promotions = Task.WhenAll(
                Task.Run(() => workspace.Promotions.PromoteAsync(workspace.Admin, version, DeploymentEnvironment.Production)),
                Task.Run(() => otherPromotions.PromoteAsync(workspace.Admin, version, DeploymentEnvironment.Production)));
            var release = Task.Run(() => otherReleases.ReleaseAsync(workspace.Admin, version, null));
            var (promoted, released) = (await promotions, await release);

            Assert.True(promoted.Count(p => p.IsSuccess) == 1, $"{context}: one of two promotions to production succeeds, not {promoted.Count(p => p.IsSuccess)}.");
            ResultAssert.Failed(ResultStatus.Conflict, promoted.Single(p => !p.IsSuccess));
            var row = await workspace.VersionRowAsync(version);
            Assert.Equal(DeploymentEnvironment.Production, row.Environment);
            var history = await HistoryAsync(workspace, app.Id);
            var appRow = await workspace.AppRowAsync(app.Id);
            if (released.IsSuccess)
            {
                releasedWon++;
                Assert.Equal(version, appRow.ReleasedVersionId);
                Assert.Equal(historyBefore + 1, history.Count);
                Assert.Equal((version, DeploymentEnvironment.Production), (history[^1].VersionId!.Value, history[^1].Environment));
                var entries = await workspace.AuditEntriesAsync();
                var promotedAt = entries.Single(e => e.Action == AuditActions.VersionPromoted && e.VersionId == version && e.Outcome == AuditOutcome.Allowed && e.Environment == nameof(DeploymentEnvironment.Production)).Id;
                var releasedAt = entries.Single(e => e.Action == AuditActions.AppReleased && e.VersionId == version && e.Outcome == AuditOutcome.Allowed).Id;
                Assert.True(promotedAt < releasedAt, $"{context}: released (audit {releasedAt}) before it reached production (audit {promotedAt}).");
            }
            else
            {
                ResultAssert.Failed(ResultStatus.Conflict, released);
                Assert.Contains("Only a version in production can be released", released.Error);
                Assert.Equal(releasedBefore, appRow.ReleasedVersionId);
                Assert.Equal(historyBefore, history.Count);
            }
        }

        await using (var db = await workspace.DbAsync())
        {
            Assert.Empty(await StoredTrees.MissingObjectsAsync(db));
        }

        output.WriteLine(run.Summary(nameof(V6_E2_APromotionRacingAReleaseOfItsVersionNeverReleasesAVersionOutsideProduction),
            $"the release came after the promotion (and succeeded) in {releasedWon} rounds and before it (refused) in {run.Rounds - releasedWon}"));
    }

    private static async Task<List<ReleaseRecord>> HistoryAsync(TestWorkspace workspace, int appId)
    {
        await using var db = await workspace.DbAsync();
        return await db.Releases.AsNoTracking().Where(r => r.AppId == appId).OrderBy(r => r.Id).ToListAsync();
    }
}
