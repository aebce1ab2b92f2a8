using Lifecycle.Data.Access;
using Lifecycle.Data.Common;
using Lifecycle.Data.Definitions;
using Lifecycle.Data.Environments;
using Lifecycle.Data.Versions;
using Lifecycle.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Lifecycle.Tests.Integration;

/// <summary>Versions through <see cref="VersionService"/> on a real SQLite database.</summary>
public sealed class VersionLifecycleTests
{
    private static AppDefinition WithPage(AppDefinition definition, string pageName) =>
        ResultAssert.Ok(DefinitionEdits.AddPage(definition, pageName));

    [Fact]
    public async Task V1_NewAppStartsWithDraftV1AndAnEmptyHomePage()
    {
        // SPEC V1
        await using var workspace = await TestWorkspace.StartAsync();
        var builder = await workspace.AddBuilderAsync("Bea Builder");

        var app = await workspace.CreateAppAsync(builder, "Orders");

        var version = Assert.Single(ResultAssert.Ok(await workspace.Versions.ListAsync(builder, app.Id)));
        Assert.Equal("v1", version.Name);
        Assert.Equal(DisplayedVersionState.Draft, version.State);
        Assert.Equal(DeploymentEnvironment.Development, version.Environment);
        var detail = ResultAssert.Ok(await workspace.Versions.GetAsync(builder, version.Id));
        var page = Assert.Single(detail.Definition.Pages);
        Assert.Equal("Home", page.Name);
        Assert.Empty(page.Components);
    }

    [Fact]
    public async Task V2_CreateFromAnotherVersionSharesTheDefinitionAndRecordsTheParent()
    {
        // SPEC V2, D4
        await using var workspace = await TestWorkspace.StartAsync();
        var builder = await workspace.AddBuilderAsync("Bea Builder");
        var app = await workspace.CreateAppAsync(builder);
        var v1 = ResultAssert.Ok(await workspace.Versions.GetAsync(builder, await workspace.FirstVersionIdAsync(app.Id)));
        ResultAssert.Ok(await workspace.Versions.UpdateDefinitionAsync(builder, v1.Summary.Id, v1.Revision, WithPage(v1.Definition, "Reports")));
        await using var db = await workspace.DbAsync();
        var objectsBefore = await db.DefinitionObjects.CountAsync();

        var created = await workspace.CreateVersionAsync(builder, app.Id, "  Feature A  ", v1.Summary.Id);

        Assert.Equal(objectsBefore, await db.DefinitionObjects.CountAsync());
        var source = await workspace.VersionRowAsync(v1.Summary.Id);
        var copy = await workspace.VersionRowAsync(created.Id);
        Assert.Equal(source.DefinitionHash, copy.DefinitionHash);
        Assert.Equal(v1.Summary.Id, copy.ParentVersionId);
        Assert.Equal("Feature A", copy.Name);
        Assert.Equal(VersionState.Draft, copy.State);
        Assert.Equal(DeploymentEnvironment.Development, copy.Environment);
        var opened = ResultAssert.Ok(await workspace.Versions.GetAsync(builder, created.Id));
        Assert.Equal(["Home", "Reports"], opened.Definition.Pages.Select(p => p.Name));
    }

    [Fact]
    public async Task V2_CreateFromASavedVersionGivesAnEditableDraft()
    {
        // SPEC V2, V3
        await using var workspace = await TestWorkspace.StartAsync();
        var builder = await workspace.AddBuilderAsync("Bea Builder");
        var app = await workspace.CreateAppAsync(builder);
        var v1 = await workspace.FirstVersionIdAsync(app.Id);
        ResultAssert.Ok(await workspace.Versions.SaveAsync(builder, v1, "baseline"));

        var draft = await workspace.CreateVersionAsync(builder, app.Id, "v2", v1);
        var detail = ResultAssert.Ok(await workspace.Versions.GetAsync(builder, draft.Id));

        Assert.Equal(DisplayedVersionState.Draft, draft.State);
        ResultAssert.Ok(await workspace.Versions.UpdateDefinitionAsync(builder, draft.Id, detail.Revision, WithPage(detail.Definition, "Orders")));
        Assert.Equal(DisplayedVersionState.Saved, (await workspace.Versions.GetAsync(builder, v1)).Value!.Summary.State);
    }

    [Theory]
    [InlineData("V1")]
    [InlineData(" v1 ")]
    [InlineData("FEATURE a")]
    public async Task V2_DuplicateNameIgnoringCaseIsRefused(string name)
    {
        // SPEC V2
        await using var workspace = await TestWorkspace.StartAsync();
        var app = await workspace.CreateAppAsync(workspace.Admin);
        var v1 = await workspace.FirstVersionIdAsync(app.Id);
        await workspace.CreateVersionAsync(workspace.Admin, app.Id, "Feature A", v1);

        var result = await workspace.Versions.CreateAsync(workspace.Admin, app.Id, name, v1);

        ResultAssert.Failed(ResultStatus.Invalid, result, "name");
        Assert.Equal(2, ResultAssert.Ok(await workspace.Versions.ListAsync(workspace.Admin, app.Id)).Count);
    }

    [Fact]
    public async Task V2_SameNameInAnotherAppIsAllowed()
    {
        // SPEC V2: unique within the app
        await using var workspace = await TestWorkspace.StartAsync();
        var orders = await workspace.CreateAppAsync(workspace.Admin, "Orders");
        var crm = await workspace.CreateAppAsync(workspace.Admin, "Customers");

        await workspace.CreateVersionAsync(workspace.Admin, orders.Id, "Feature A", await workspace.FirstVersionIdAsync(orders.Id));
        await workspace.CreateVersionAsync(workspace.Admin, crm.Id, "feature a", await workspace.FirstVersionIdAsync(crm.Id));
    }

    [Theory]
    [InlineData("")]
    [InlineData("bad/name")]
    public async Task V2_InvalidNameIsRefusedOnTheNameField(string name)
    {
        // SPEC V2
        await using var workspace = await TestWorkspace.StartAsync();
        var app = await workspace.CreateAppAsync(workspace.Admin);

        var result = await workspace.Versions.CreateAsync(workspace.Admin, app.Id, name, await workspace.FirstVersionIdAsync(app.Id));

        ResultAssert.Failed(ResultStatus.Invalid, result, "name");
    }

    [Fact]
    public async Task V2_SourceFromAnotherAppIsRefused()
    {
        // SPEC V2: the from-selector lists versions of the app only
        await using var workspace = await TestWorkspace.StartAsync();
        var orders = await workspace.CreateAppAsync(workspace.Admin, "Orders");
        var crm = await workspace.CreateAppAsync(workspace.Admin, "Customers");

        var result = await workspace.Versions.CreateAsync(workspace.Admin, orders.Id, "v2", await workspace.FirstVersionIdAsync(crm.Id));

        ResultAssert.Failed(ResultStatus.Invalid, result, "from");
    }

    [Fact]
    public async Task V4_StaleEditIsRefusedNamingTheOtherUserAndNothingIsOverwritten()
    {
        // SPEC V4
        await using var workspace = await TestWorkspace.StartAsync();
        var ann = await workspace.AddBuilderAsync("Ann Archer");
        var ben = await workspace.AddBuilderAsync("Ben Baker");
        var app = await workspace.CreateAppAsync(ann);
        var versionId = await workspace.FirstVersionIdAsync(app.Id);
        var annOpened = ResultAssert.Ok(await workspace.Versions.GetAsync(ann, versionId));
        var benOpened = ResultAssert.Ok(await workspace.Versions.GetAsync(ben, versionId));
        var annRevision = ResultAssert.Ok(await workspace.Versions.UpdateDefinitionAsync(ann, versionId, annOpened.Revision, WithPage(annOpened.Definition, "Ann page")));

        var benChange = WithPage(benOpened.Definition, "Ben page");
        var result = await workspace.Versions.UpdateDefinitionAsync(ben, versionId, benOpened.Revision, benChange);

        ResultAssert.Failed(ResultStatus.Conflict, result);
        Assert.Contains("Ann Archer", result.Error);
        var stored = ResultAssert.Ok(await workspace.Versions.GetAsync(ben, versionId));
        Assert.Equal(["Home", "Ann page"], stored.Definition.Pages.Select(p => p.Name));
        Assert.Equal(annRevision, stored.Revision);
        Assert.Equal("Ann Archer", stored.Summary.UpdatedByName);

        // Ben kept his change and retries on the current revision.
        var retried = ResultAssert.Ok(DefinitionEdits.AddPage(stored.Definition, "Ben page"));
        ResultAssert.Ok(await workspace.Versions.UpdateDefinitionAsync(ben, versionId, stored.Revision, retried));
    }

    [Fact]
    public async Task V4_ParallelEditsOnOneRevisionLetExactlyOneThrough()
    {
        // SPEC V4: the concurrency check holds when the edits race, not only when they are sequential
        await using var workspace = await TestWorkspace.StartAsync();
        var editors = new List<Actor>();
        for (var i = 0; i < 4; i++)
        {
            editors.Add(await workspace.AddBuilderAsync($"Editor {i}"));
        }

        var app = await workspace.CreateAppAsync(workspace.Admin);
        var versionId = await workspace.FirstVersionIdAsync(app.Id);
        var opened = ResultAssert.Ok(await workspace.Versions.GetAsync(workspace.Admin, versionId));

        var results = await Task.WhenAll(editors.Select(editor =>
            Task.Run(() => workspace.Versions.UpdateDefinitionAsync(editor, versionId, opened.Revision, WithPage(opened.Definition, editor.Name)))));

        var winner = Assert.Single(results, r => r.IsSuccess);
        Assert.All(results.Where(r => !r.IsSuccess), r => Assert.Equal(ResultStatus.Conflict, r.Status));
        var stored = ResultAssert.Ok(await workspace.Versions.GetAsync(workspace.Admin, versionId));
        Assert.Equal(winner.Value, stored.Revision);
        Assert.Equal(opened.Revision + 1, stored.Revision);
        Assert.Equal(stored.Summary.UpdatedByName, stored.Definition.Pages[^1].Name);
        Assert.All(results.Where(r => !r.IsSuccess), r => Assert.Contains(stored.Summary.UpdatedByName, r.Error));
    }

    [Fact]
    public async Task V5_SaveTurnsDraftIntoSavedWithDescription()
    {
        // SPEC V5
        await using var workspace = await TestWorkspace.StartAsync();
        var app = await workspace.CreateAppAsync(workspace.Admin);
        var v1 = await workspace.FirstVersionIdAsync(app.Id);

        ResultAssert.Ok(await workspace.Versions.SaveAsync(workspace.Admin, v1, "  First cut  "));

        var row = await workspace.VersionRowAsync(v1);
        Assert.Equal(VersionState.Saved, row.State);
        Assert.Equal("First cut", row.Description);
        ResultAssert.Failed(ResultStatus.Conflict, await workspace.Versions.SaveAsync(workspace.Admin, v1, "again"));
        Assert.Equal("First cut", (await workspace.VersionRowAsync(v1)).Description);
    }

    [Fact]
    public async Task V5_DescriptionOver500CharactersIsRefusedAndVersionStaysDraft()
    {
        // SPEC V5
        await using var workspace = await TestWorkspace.StartAsync();
        var app = await workspace.CreateAppAsync(workspace.Admin);
        var v1 = await workspace.FirstVersionIdAsync(app.Id);

        var result = await workspace.Versions.SaveAsync(workspace.Admin, v1, new string('d', 501));

        ResultAssert.Failed(ResultStatus.Invalid, result, "description");
        Assert.Equal(VersionState.Draft, (await workspace.VersionRowAsync(v1)).State);
    }

    [Fact]
    public async Task V5_SavedVersionRefusesDefinitionChangeAndRename()
    {
        // SPEC V5, V9
        await using var workspace = await TestWorkspace.StartAsync();
        var builder = await workspace.AddBuilderAsync("Bea Builder");
        var app = await workspace.CreateAppAsync(builder);
        var v1 = await workspace.FirstVersionIdAsync(app.Id);
        ResultAssert.Ok(await workspace.Versions.SaveAsync(builder, v1, null));
        var saved = ResultAssert.Ok(await workspace.Versions.GetAsync(builder, v1));
        var before = await workspace.VersionRowAsync(v1);

        var update = await workspace.Versions.UpdateDefinitionAsync(builder, v1, saved.Revision, WithPage(saved.Definition, "Sneaky"));
        var rename = await workspace.Versions.RenameAsync(builder, v1, "renamed");

        ResultAssert.Failed(ResultStatus.Conflict, update);
        ResultAssert.Failed(ResultStatus.Conflict, rename);
        var after = await workspace.VersionRowAsync(v1);
        Assert.Equal((before.DefinitionHash, before.Name, before.Revision), (after.DefinitionHash, after.Name, after.Revision));
        await using var db = await workspace.DbAsync();
        var hashes = (await db.DefinitionObjects.Select(o => o.Hash).ToListAsync()).ConvertAll(ObjectKey.ToHex);
        var objects = await ObjectTable.ReadResolvedAsync(db, hashes, _ => null, CancellationToken.None);
        Assert.Equal(hashes.Count, objects.Count);
        Assert.DoesNotContain(objects.Values, read => System.Text.Encoding.UTF8.GetString([.. read.Json, .. read.Payload ?? []]).Contains("Sneaky"));
    }

    [Fact]
    public async Task V5_ReleasedVersionRefusesDefinitionChangeAndRename()
    {
        // SPEC V5, V6, V9
        await using var workspace = await TestWorkspace.StartAsync();
        var app = await workspace.CreateAppAsync(workspace.Admin);
        var v1 = await workspace.FirstVersionIdAsync(app.Id);
        await workspace.SaveAndReleaseAsync(v1);
        var released = ResultAssert.Ok(await workspace.Versions.GetAsync(workspace.Admin, v1));
        Assert.Equal(DisplayedVersionState.Released, released.Summary.State);
        var before = await workspace.VersionRowAsync(v1);

        var update = await workspace.Versions.UpdateDefinitionAsync(workspace.Admin, v1, released.Revision, WithPage(released.Definition, "Sneaky"));
        var rename = await workspace.Versions.RenameAsync(workspace.Admin, v1, "renamed");

        ResultAssert.Failed(ResultStatus.Conflict, update);
        ResultAssert.Failed(ResultStatus.Conflict, rename);
        var after = await workspace.VersionRowAsync(v1);
        Assert.Equal((before.DefinitionHash, before.Name, before.Revision), (after.DefinitionHash, after.Name, after.Revision));
    }

    [Fact]
    public async Task V9_DraftCanBeRenamedButNotToATakenName()
    {
        // SPEC V9, V2
        await using var workspace = await TestWorkspace.StartAsync();
        var app = await workspace.CreateAppAsync(workspace.Admin);
        var v1 = await workspace.FirstVersionIdAsync(app.Id);
        var draft = await workspace.CreateVersionAsync(workspace.Admin, app.Id, "draft", v1);

        ResultAssert.Failed(ResultStatus.Invalid, await workspace.Versions.RenameAsync(workspace.Admin, draft.Id, "V1"), "name");
        Assert.Equal("draft", (await workspace.VersionRowAsync(draft.Id)).Name);

        ResultAssert.Ok(await workspace.Versions.RenameAsync(workspace.Admin, draft.Id, " Checkout "));
        Assert.Equal("Checkout", (await workspace.VersionRowAsync(draft.Id)).Name);
        ResultAssert.Ok(await workspace.Versions.RenameAsync(workspace.Admin, draft.Id, "CHECKOUT"));
        Assert.Equal("CHECKOUT", (await workspace.VersionRowAsync(draft.Id)).Name);
    }

    [Fact]
    public async Task V9_OnlyVersionCannotBeDeleted()
    {
        // SPEC V9
        await using var workspace = await TestWorkspace.StartAsync();
        var app = await workspace.CreateAppAsync(workspace.Admin);
        var v1 = await workspace.FirstVersionIdAsync(app.Id);

        ResultAssert.Failed(ResultStatus.Conflict, await workspace.Versions.DeleteAsync(workspace.Admin, v1));

        Assert.Single(ResultAssert.Ok(await workspace.Versions.ListAsync(workspace.Admin, app.Id)));
    }

    [Fact]
    public async Task V9_ReleasedVersionCannotBeDeleted()
    {
        // SPEC V9
        await using var workspace = await TestWorkspace.StartAsync();
        var app = await workspace.CreateAppAsync(workspace.Admin);
        var v1 = await workspace.FirstVersionIdAsync(app.Id);
        await workspace.CreateVersionAsync(workspace.Admin, app.Id, "v2", v1);
        await workspace.SaveAndReleaseAsync(v1);

        ResultAssert.Failed(ResultStatus.Conflict, await workspace.Versions.DeleteAsync(workspace.Admin, v1));

        Assert.Equal(2, ResultAssert.Ok(await workspace.Versions.ListAsync(workspace.Admin, app.Id)).Count);
        Assert.Equal(v1, (await workspace.AppRowAsync(app.Id)).ReleasedVersionId);
    }

    [Fact]
    public async Task V9_OtherDraftsAndSavedVersionsCanBeDeleted()
    {
        // SPEC V9
        await using var workspace = await TestWorkspace.StartAsync();
        var builder = await workspace.AddBuilderAsync("Bea Builder");
        var app = await workspace.CreateAppAsync(builder);
        var v1 = await workspace.FirstVersionIdAsync(app.Id);
        var draft = await workspace.CreateVersionAsync(builder, app.Id, "draft", v1);
        var saved = await workspace.CreateSavedVersionAsync(builder, app.Id, "saved", v1);
        var child = await workspace.CreateVersionAsync(builder, app.Id, "child of saved", saved);

        ResultAssert.Ok(await workspace.Versions.DeleteAsync(builder, draft.Id));
        ResultAssert.Ok(await workspace.Versions.DeleteAsync(builder, saved));

        var left = ResultAssert.Ok(await workspace.Versions.ListAsync(builder, app.Id));
        Assert.Equal(["v1", "child of saved"], left.Select(v => v.Name));
        Assert.Null(left.Single(v => v.Id == child.Id).ParentVersionId);
        Assert.Equal(ResultStatus.NotFound, (await workspace.Versions.GetAsync(builder, draft.Id)).Status);
    }

    [Fact]
    public async Task D4_IdenticalContentIsStoredOnce()
    {
        // SPEC D4
        await using var workspace = await TestWorkspace.StartAsync();
        var app = await workspace.CreateAppAsync(workspace.Admin);
        var v1 = await workspace.FirstVersionIdAsync(app.Id);
        var v2 = await workspace.CreateVersionAsync(workspace.Admin, app.Id, "v2", v1);
        var shared = ResultAssert.Ok(await workspace.Versions.GetAsync(workspace.Admin, v2.Id));
        var revision = ResultAssert.Ok(await workspace.Versions.UpdateDefinitionAsync(workspace.Admin, v2.Id, shared.Revision, WithPage(shared.Definition, "Reports")));
        await using var db = await workspace.DbAsync();
        var objects = await db.DefinitionObjects.CountAsync();

        ResultAssert.Ok(await workspace.Versions.UpdateDefinitionAsync(workspace.Admin, v2.Id, revision, shared.Definition));

        Assert.Equal(objects, await db.DefinitionObjects.CountAsync());
        Assert.Equal((await workspace.VersionRowAsync(v1)).DefinitionHash, (await workspace.VersionRowAsync(v2.Id)).DefinitionHash);
    }

    [Fact]
    public async Task V4_ParallelIdenticalEditsEndInOneSuccessAndConflicts()
    {
        // SPEC V4, D4: two users making the same new change at once share one root; the loser gets a Conflict, not an error
        await using var workspace = await TestWorkspace.StartAsync();
        var ann = await workspace.AddBuilderAsync("Ann Archer");
        var ben = await workspace.AddBuilderAsync("Ben Baker");
        var app = await workspace.CreateAppAsync(workspace.Admin);
        var versionId = await workspace.FirstVersionIdAsync(app.Id);

        for (var round = 0; round < 10; round++)
        {
            var opened = ResultAssert.Ok(await workspace.Versions.GetAsync(workspace.Admin, versionId));
            var change = WithPage(opened.Definition, $"Page {round}");

            var results = await Task.WhenAll(
                Task.Run(() => workspace.Versions.UpdateDefinitionAsync(ann, versionId, opened.Revision, change)),
                Task.Run(() => workspace.Versions.UpdateDefinitionAsync(ben, versionId, opened.Revision, change)));

            Assert.Single(results, r => r.IsSuccess);
            Assert.Single(results, r => r.Status == ResultStatus.Conflict);
            await using var db = await workspace.DbAsync();
            var hash = DefinitionStore.HashOf(change);
            var key = ObjectKey.ToBytes(hash);
            Assert.Equal(1, await db.DefinitionObjects.CountAsync(o => o.Hash == key));
            Assert.Equal(hash, (await workspace.VersionRowAsync(versionId)).DefinitionHash);
        }
    }
}
