using Lifecycle.Data.Definitions;
using Lifecycle.Data.Releases;
using Lifecycle.Data.Sharing;
using Lifecycle.Tests.Support;

namespace Lifecycle.Tests.Integration.Sharing;

/// <summary>
/// SPEC D3, D4, S2, S4: the released app (full page and embedded alike) and a preview show the version's definition as
/// stored in its tree of objects (decision 018), read back from the database as a fresh server would.
/// </summary>
public sealed class SharedViewsReadStoredTreesTests
{
    [Fact]
    public async Task D4_TheReleasedAppAndAPreviewShowTheirVersionsTreesAsEdited()
    {
        // SPEC D3, D4: a visitor gets the released tree, a tester the draft's, each equal to what the editor holds
        await using var workspace = await TestWorkspace.StartAsync();
        var app = await workspace.CreateAppAsync(workspace.Admin, "Shop", "shop");
        var v1 = await workspace.FirstVersionIdAsync(app.Id);
        var released = Sample.App(components: 300);
        var opened = ResultAssert.Ok(await workspace.Versions.GetAsync(workspace.Admin, v1));
        ResultAssert.Ok(await workspace.Versions.UpdateDefinitionAsync(workspace.Admin, v1, opened.Revision, released));
        await workspace.SaveAndReleaseAsync(v1);
        await workspace.MakePublicAsync(app.Id);

        var draft = (await workspace.CreateVersionAsync(workspace.Admin, app.Id, "v2", v1)).Id;
        DefinitionOperation[] edits =
        [
            new SetComponentProperty(Sample.HomePageId, Sample.ComponentId(150), "text", "Only in the draft"),
            new DeleteComponent(Sample.HomePageId, Sample.ComponentId(7)),
        ];
        var edited = ResultAssert.Ok(DefinitionOperation.ApplyAll(released, edits));
        var revision = ResultAssert.Ok(await workspace.Versions.GetAsync(workspace.Admin, draft)).Revision;
        ResultAssert.Ok(await workspace.Versions.ApplyAsync(workspace.Admin, draft, revision, edits));

        workspace.Get<DefinitionObjectCache>().Clear();
        var visitorSees = ResultAssert.Ok(await workspace.Get<ReleasedAppService>().OpenAsync(null, "shop"));
        Assert.Equal(DefinitionJson.Serialize(released), DefinitionJson.Serialize(visitorSees.Definition!));

        workspace.Get<DefinitionObjectCache>().Clear();
        var testerSees = ResultAssert.Ok(await workspace.Get<PreviewService>().OpenAsync(workspace.Admin, "shop", draft, null));
        Assert.Equal(DefinitionJson.Serialize(edited), DefinitionJson.Serialize(testerSees.Definition));
        Assert.NotEqual(DefinitionJson.Serialize(visitorSees.Definition!), DefinitionJson.Serialize(testerSees.Definition));
    }
}
