using Lifecycle.Data.Access;
using Lifecycle.Data.Common;
using Lifecycle.Data.Definitions;
using Lifecycle.Data.Constants;
using Lifecycle.Data.Environments;
using Lifecycle.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Lifecycle.Tests.Integration;

/// <summary>SPEC D4, V4, E3 with definitions stored as trees (decisions 018, 019), on a real SQLite database.</summary>
public sealed class DefinitionStorageTests
{
    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    [InlineData(13)]
    public async Task D4_AutosavedOperationsStoreExactlyWhatTheEditorHolds(int seed)
    {
        // Decision 019: the editor and the server apply the same operations; the stored tree equals one written whole
        await using var workspace = await TestWorkspace.StartAsync();
        var (versionId, revision) = await DraftWithAsync(workspace, Sample.App(components: 200));
        var editor = ResultAssert.Ok(await workspace.Versions.GetAsync(workspace.Admin, versionId)).Definition;
        var random = new Random(seed);
        for (var round = 0; round < 30; round++)
        {
            var operations = new List<DefinitionOperation>();
            for (var count = random.Next(1, 4); operations.Count < count;)
            {
                operations.Add(RandomOperation(random, editor));
                editor = ResultAssert.Ok(operations[^1].ApplyTo(editor));
            }

            revision = ResultAssert.Ok(await workspace.Versions.ApplyAsync(workspace.Admin, versionId, revision, operations));
        }

        Assert.Equal(DefinitionStore.HashOf(editor), (await workspace.VersionRowAsync(versionId)).DefinitionHash);
        workspace.Get<DefinitionObjectCache>().Clear(); // read back from the database, as a fresh server would
        var stored = ResultAssert.Ok(await workspace.Versions.GetAsync(workspace.Admin, versionId));
        Assert.Equal(DefinitionJson.Serialize(editor), DefinitionJson.Serialize(stored.Definition));
        Assert.Equal(revision, stored.Revision);
    }

    [Fact]
    public async Task D4_APageEmptiedAndFilledAgainIsStoredAsAFreshOne()
    {
        // Decision 018: the edges of a sequence: its last component gone, then the first one of an empty page
        await using var workspace = await TestWorkspace.StartAsync();
        var (versionId, revision) = await DefinitionStorageTests.DraftWithAsync(workspace, Sample.App(components: 40));
        var editor = ResultAssert.Ok(await workspace.Versions.GetAsync(workspace.Admin, versionId)).Definition;
        var steps = Enumerable.Range(0, 40).Reverse().Select(i => (DefinitionOperation)new DeleteComponent(Sample.HomePageId, Sample.ComponentId(i)))
            .Append(new AddComponent(Sample.HomePageId, "cmp0000again", ComponentType.Image));
        foreach (var step in steps)
        {
            editor = ResultAssert.Ok(step.ApplyTo(editor));
            revision = ResultAssert.Ok(await workspace.Versions.ApplyAsync(workspace.Admin, versionId, revision, [step]));
            Assert.Equal(DefinitionStore.HashOf(editor), (await workspace.VersionRowAsync(versionId)).DefinitionHash);
        }
    }

    [Fact]
    public async Task D4_AOnePropertyEditOfTenThousandComponentsWritesAFewSmallObjects()
    {
        // SPEC D4, issue 9: bytes written grow with the edit, not with the app (target: at most 20 KB)
        await using var workspace = await TestWorkspace.StartAsync();
        var (versionId, revision) = await DraftWithAsync(workspace, Sample.App(components: 10_000));
        await using var db = await workspace.DbAsync();
        var before = await db.DefinitionObjects.Select(o => o.Hash).ToListAsync();

        ResultAssert.Ok(await workspace.Versions.ApplyAsync(workspace.Admin, versionId, revision, [new SetComponentProperty(Sample.HomePageId, Sample.ComponentId(5_000), "text", "Edited")]));

        var beforeKeys = before.Select(ObjectKey.ToHex).ToHashSet();
        var added = (await db.DefinitionObjects.Select(o => new { o.Hash, o.Content }).ToListAsync())
            .Where(o => !beforeKeys.Contains(ObjectKey.ToHex(o.Hash))).Select(o => o.Content.Length).ToList();
        Assert.InRange(added.Count, 3, 10); // the component, a few sequence nodes, the page, the root
        Assert.InRange(added.Sum(), 1, 20_000);
    }

    [Fact]
    public async Task V4_TwoUsersSavingTheSameDraft_EveryAcceptedChangeIsStoredAndEveryRefusedOneIsTold()
    {
        // SPEC V4: racing autosaves; a refused one names who changed the draft, and its user retries on the new revision
        await using var workspace = await TestWorkspace.StartAsync();
        var ann = await workspace.AddBuilderAsync("Ann Archer");
        var ben = await workspace.AddBuilderAsync("Ben Baker");
        var (versionId, _) = await DraftWithAsync(workspace, Sample.App(components: 50));
        var accepted = new System.Collections.Concurrent.ConcurrentQueue<(string User, int Revision, string Value)>();
        var refusals = new System.Collections.Concurrent.ConcurrentQueue<(string User, Result Result)>();

        async Task EditAsync(Actor actor, int componentIndex)
        {
            for (var edit = 0; edit < 15; edit++)
            {
                var value = $"{actor.Name} {edit}";
                while (true)
                {
                    var opened = ResultAssert.Ok(await workspace.Versions.GetAsync(actor, versionId));
                    var saved = await workspace.Versions.ApplyAsync(actor, versionId, opened.Revision, [new SetComponentProperty(Sample.HomePageId, Sample.ComponentId(componentIndex), "text", value)]);
                    if (saved.IsSuccess)
                    {
                        accepted.Enqueue((actor.Name, saved.Value, value));
                        break;
                    }

                    refusals.Enqueue((actor.Name, saved));
                }
            }
        }

        await Task.WhenAll(Task.Run(() => EditAsync(ann, 0)), Task.Run(() => EditAsync(ben, 5)));

        var stored = ResultAssert.Ok(await workspace.Versions.GetAsync(workspace.Admin, versionId)).Definition;
        Assert.Equal(30, accepted.Count);
        Assert.Equal(30, accepted.Select(a => a.Revision).Distinct().Count()); // each accepted change made its own revision
        Assert.Equal("Ann Archer 14", stored.Pages[0].Components[0].Property("text"));
        Assert.Equal("Ben Baker 14", stored.Pages[0].Components[5].Property("text"));
        Assert.All(refusals, refusal =>
        {
            ResultAssert.Failed(ResultStatus.Conflict, refusal.Result);
            Assert.Contains(refusal.User == "Ann Archer" ? "Ben Baker" : "Ann Archer", refusal.Result.Error);
        });
    }

    [Fact]
    public async Task V4_AnOperationTheRulesRefuseChangesNothing()
    {
        // SPEC V4: the server runs the editor's rules too; a refused operation leaves the draft and its revision alone
        await using var workspace = await TestWorkspace.StartAsync();
        var (versionId, revision) = await DraftWithAsync(workspace, Sample.App(components: 3));
        var before = await workspace.VersionRowAsync(versionId);

        var refused = await workspace.Versions.ApplyAsync(workspace.Admin, versionId, revision,
            [new SetComponentProperty(Sample.HomePageId, Sample.ComponentId(0), "text", "fine"), new RenameComponent(Sample.HomePageId, Sample.ComponentId(0), "button2")]);

        ResultAssert.Failed(ResultStatus.Invalid, refused, "componentName");
        var after = await workspace.VersionRowAsync(versionId);
        Assert.Equal((before.DefinitionHash, before.Revision), (after.DefinitionHash, after.Revision));
    }

    [Fact]
    public async Task E3_PromotionChecksTheReferencesKeptWithTheRoot()
    {
        // SPEC E3: a binding added by an edit blocks promotion until the constant has a value; removing it unblocks
        await using var workspace = await TestWorkspace.StartAsync();
        var constants = workspace.Get<ConstantService>();
        var region = ResultAssert.Ok(await constants.CreateAsync(workspace.Admin, "REGION", isSecret: false));
        ResultAssert.Ok(await constants.SetValueAsync(workspace.Admin, region, DeploymentEnvironment.Development, "eu"));
        var (versionId, revision) = await DraftWithAsync(workspace, Sample.App(components: 20));
        revision = ResultAssert.Ok(await workspace.Versions.ApplyAsync(workspace.Admin, versionId, revision,
            [new SetComponentProperty(Sample.HomePageId, Sample.ComponentId(10), "text", "Region {{constants.REGION}}")]));
        var app = (await workspace.VersionRowAsync(versionId)).AppId;
        var blocked = await workspace.CreateSavedVersionAsync(workspace.Admin, app, "blocked", versionId);
        ResultAssert.Ok(await workspace.Versions.ApplyAsync(workspace.Admin, versionId, revision, [new DeleteComponent(Sample.HomePageId, Sample.ComponentId(10))]));
        var unblocked = await workspace.CreateSavedVersionAsync(workspace.Admin, app, "unblocked", versionId);

        var refused = await workspace.Promotions.PromoteAsync(workspace.Admin, blocked, DeploymentEnvironment.Staging);

        ResultAssert.Failed(ResultStatus.Invalid, refused, PromotionService.MissingValuesField);
        Assert.Contains("constant REGION", refused.Error);
        ResultAssert.Ok(await workspace.Promotions.PromoteAsync(workspace.Admin, unblocked, DeploymentEnvironment.Staging));
        await using var db = await workspace.DbAsync();
        var store = workspace.Get<DefinitionStore>();
        var stored = ResultAssert.Ok(await workspace.Versions.GetAsync(workspace.Admin, blocked)).Definition;
        Assert.Equal(DefinitionReferences.Of(stored).Constants, (await store.ReferencesAsync(db, (await workspace.VersionRowAsync(blocked)).DefinitionHash)).Constants);
    }

    [Fact]
    public async Task D4_PagesKeepTheirHashWhileOnlyAnotherPageChanges()
    {
        // For GitSync (issue 11): an unchanged page keeps its object, so its file need not change
        await using var workspace = await TestWorkspace.StartAsync();
        var (versionId, revision) = await DraftWithAsync(workspace, ResultAssert.Ok(DefinitionEdits.AddPage(Sample.App(components: 5), "page0second", "Second")));
        var store = workspace.Get<DefinitionStore>();
        await using var db = await workspace.DbAsync();
        var before = await store.PagesAsync(db, (await workspace.VersionRowAsync(versionId)).DefinitionHash);

        ResultAssert.Ok(await workspace.Versions.ApplyAsync(workspace.Admin, versionId, revision, [new SetComponentProperty(Sample.HomePageId, Sample.ComponentId(1), "label", "Go")]));

        var after = await store.PagesAsync(db, (await workspace.VersionRowAsync(versionId)).DefinitionHash);
        Assert.NotEqual(before[0].Hash, after[0].Hash);
        Assert.Equal(before[1].Hash, after[1].Hash);
        Assert.Equal("Go", after[0].Page.Components[1].Property("label"));
    }

    /// <summary>An app whose draft v1 holds <paramref name="definition"/>; returns the draft and its revision.</summary>
    internal static async Task<(int VersionId, int Revision)> DraftWithAsync(TestWorkspace workspace, AppDefinition definition)
    {
        var app = await workspace.CreateAppAsync(workspace.Admin, $"App {Guid.NewGuid():N}"[..20]);
        var versionId = await workspace.FirstVersionIdAsync(app.Id);
        var opened = ResultAssert.Ok(await workspace.Versions.GetAsync(workspace.Admin, versionId));
        return (versionId, ResultAssert.Ok(await workspace.Versions.UpdateDefinitionAsync(workspace.Admin, versionId, opened.Revision, definition)));
    }

    /// <summary>One random edit that applies to <paramref name="definition"/>: of every kind the editor sends (decision 019).</summary>
    internal static DefinitionOperation RandomOperation(Random random, AppDefinition definition)
    {
        var page = definition.Pages[random.Next(definition.Pages.Count)];
        var component = page.Components.Length == 0 ? null : page.Components[random.Next(page.Components.Length)];
        return (random.Next(13), component) switch
        {
            (9, not null) => new MoveComponentTo(page.Id, component.Id, random.Next(page.Components.Length + 1), random.Next(GridPlacement.Columns)),
            (10, not null) => new ResizeComponent(page.Id, component.Id, random.Next(1, GridPlacement.Columns + 1)),
            (11, { Type: ComponentType.Button }) => new AddClickAction(page.Id, component.Id, new EventAction(EventActionKind.ShowMessage, "", $"{{{{constants.C{random.Next(5)}}}}}")),
            (12, { ClickActions.Count: > 0 }) => new RemoveClickAction(page.Id, component.Id, 0),
            (0, _) => new AddComponent(page.Id, $"new{random.Next():x8}", ComponentCatalog.All[random.Next(ComponentCatalog.All.Count)]),
            (1, not null) => new DeleteComponent(page.Id, component.Id),
            (2, not null) => new MoveComponent(page.Id, component.Id, random.Next(2) == 0 ? -1 : 1),
            (3, _) => new AddPage($"page{random.Next():x8}", $"Page {random.Next()}"),
            (4, _) when definition.Pages.Count > 1 => new DeletePage(page.Id),
            (5, _) => new MovePage(page.Id, 1),
            (6, _) => new UpdateSettings(new AppSettings($"Title {random.Next(100)}", AppTheme.Dark)),
            (7, not null) => new RenameComponent(page.Id, component.Id, $"renamed{random.Next():x8}"),
            (_, not null) => new SetComponentProperty(page.Id, component.Id, "text", $"{{{{constants.C{random.Next(5)}}}}} {random.Next()}"),
            _ => new AddComponent(page.Id, $"new{random.Next():x8}", ComponentType.Text),
        };
    }
}
