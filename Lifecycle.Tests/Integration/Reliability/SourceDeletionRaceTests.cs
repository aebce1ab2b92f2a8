using Lifecycle.Data.Common;
using Lifecycle.Data.Definitions;
using Lifecycle.Data.Versions;
using Lifecycle.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Lifecycle.Tests.Integration.Reliability;

/// <summary>
/// Race suite (docs/reliability.md): a version created from a source that another instance deletes at that moment, while
/// a third collects unreachable definition objects. Creating reads its source under the write gate (decision 030); the
/// collector re-marks under the same gate before each batch (decision 020).
/// </summary>
public sealed class SourceDeletionRaceTests(ITestOutputHelper output)
{
    [Fact]
    public async Task V2_V9_D4_CreatingAVersionFromASourceBeingDeleted_EitherCopiesItsContentOrIsRefusedAndNeverPointsAtAMissingObject()
    {
        // SPEC V2: the new version has exactly the source's content; SPEC V9: the source may be deleted; SPEC D4: the
        // content it shares is collected only when no version reaches it
        var run = ReliabilityRun.Start(shortRun: 20, soak: 200);
        await using var workspace = await TestWorkspace.StartAsync();
        await using var deleting = workspace.BuildInstance();
        await using var collecting = workspace.BuildInstance();
        var (v1, _) = await DefinitionStorageTests.DraftWithAsync(workspace, Sample.App(components: 20));
        var appId = (await workspace.VersionRowAsync(v1)).AppId;
        var random = new Random(run.Seed);
        var created = 0;

        for (var round = 0; round < run.Rounds; round++)
        {
            var context = run.At(round);
            var source = await workspace.CreateVersionAsync(workspace.Admin, appId, $"source {round}", v1);
            var opened = ResultAssert.Ok(await workspace.Versions.GetAsync(workspace.Admin, source.Id));
            ResultAssert.Ok(await workspace.Versions.ApplyAsync(workspace.Admin, source.Id, opened.Revision,
                [new SetComponentProperty(Sample.HomePageId, Sample.ComponentId(random.Next(20)), "text", $"Only in source {round} of seed {run.Seed}")]));
            var sourceRow = await workspace.VersionRowAsync(source.Id); // its content is its own: no other version reaches it
            var sourceContent = ResultAssert.Ok(await workspace.Versions.GetAsync(workspace.Admin, source.Id)).Definition;

            var creation = Task.Run(() => workspace.Versions.CreateAsync(workspace.Admin, appId, $"copy {round}", source.Id));
            var deletion = Task.Run(() => deleting.GetRequiredService<VersionService>().DeleteAsync(workspace.Admin, source.Id));
            var collection = Task.Run(() => collecting.GetRequiredService<DefinitionCollector>().CollectAsync(TimeSpan.Zero));
            var (copy, deleted) = (await creation, await deletion);
            await collection;

            ResultAssert.Ok(deleted);
            if (copy.IsSuccess)
            {
                created++;
                var row = await workspace.VersionRowAsync(copy.Value!.Id);
                Assert.True(row.DefinitionHash == sourceRow.DefinitionHash, $"{context}: the copy does not point at its source's content.");
                Assert.Null(row.ParentVersionId); // the source is gone; the copy stays
                workspace.Get<DefinitionObjectCache>().Clear();
                var read = ResultAssert.Ok(await workspace.Versions.GetAsync(workspace.Admin, copy.Value.Id)).Definition;
                Assert.Equal(DefinitionJson.Serialize(sourceContent), DefinitionJson.Serialize(read));
            }
            else
            {
                ResultAssert.Failed(ResultStatus.Invalid, copy, field: "from"); // told that the source is not there
                await using var db = await workspace.DbAsync();
                Assert.False(await db.Versions.AnyAsync(v => v.AppId == appId && v.Name == $"copy {round}"), $"{context}: a refused copy was stored.");
            }

            await using (var db = await workspace.DbAsync())
            {
                var missing = await StoredTrees.MissingObjectsAsync(db);
                Assert.True(missing.Count == 0, $"{context}: {string.Join("; ", missing)}");
            }

            if (copy.IsSuccess)
            {
                ResultAssert.Ok(await workspace.Versions.DeleteAsync(workspace.Admin, copy.Value!.Id)); // keeps the app small for the next round
            }
        }

        output.WriteLine(run.Summary(nameof(V2_V9_D4_CreatingAVersionFromASourceBeingDeleted_EitherCopiesItsContentOrIsRefusedAndNeverPointsAtAMissingObject),
            $"the copy was created before the deletion in {created} rounds and refused in {run.Rounds - created}"));
    }
}
