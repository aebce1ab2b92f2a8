using AngleSharp.Dom;
using Bunit;
using Lifecycle.Data.Access;
using Lifecycle.Data.Common;
using Lifecycle.Data.Definitions;
using Lifecycle.Data.Events;
using Lifecycle.Data.Versions;
using Lifecycle.Tests.Support;
using Lifecycle.Web.Components.Shared;
using Lifecycle.Web.Features.Editor;
using Microsoft.Extensions.DependencyInjection;

namespace Lifecycle.Tests.Components;

/// <summary>
/// The editor's save pipeline (decision 019): its own echoes, another tab of the same user, an edit made while a reload
/// runs, and a field being typed in while someone else saves. Real use cases on SQLite; the notices come from the real notifier.
/// </summary>
public sealed class EditorSessionTests
{
    [Fact]
    public async Task V4_TheEchoOfItsOwnSaveArrivesBeforeTheSaveReturnsAndIsIgnored()
    {
        await using var harness = await ComponentHarness.CreateAsync();
        var draft = await OpenDraftAsync(harness);
        var channel = new WatchedChannel(harness.Versions, harness.Admin);
        var session = Listening(harness, new EditorSession(channel), draft);
        var noticesDuringSave = 0;
        using var watch = harness.Context.Services.GetRequiredService<IAppChangeNotifier>().Subscribe(_ => noticesDuringSave += channel.Applying ? 1 : 0);

        ResultAssert.Ok(await session.ApplyAsync(AddComponent.New(draft.Definition.Pages[0].Id, ComponentType.Text)));

        Assert.Equal(1, noticesDuringSave);
        Assert.Equal(0, channel.Reads); // no reload of its own save
        Assert.Equal(SaveState.Saved, session.SaveState);
        Assert.Equal((await harness.LoadVersionRowAsync(draft.Summary.Id)).Revision, session.Revision);
    }

    [Fact]
    public async Task V10_AnotherTabOfTheSameUserFollowsTheSave()
    {
        await using var harness = await ComponentHarness.CreateAsync();
        var draft = await OpenDraftAsync(harness);
        var first = new WatchedChannel(harness.Versions, harness.Admin);
        var second = new WatchedChannel(harness.Versions, harness.Admin);
        var firstTab = Listening(harness, new EditorSession(first), draft);
        var secondTab = Listening(harness, new EditorSession(second), draft);

        ResultAssert.Ok(await firstTab.ApplyAsync(AddComponent.New(draft.Definition.Pages[0].Id, ComponentType.Button)));

        Assert.Equal(0, first.Reads);
        Assert.Equal(1, second.Reads);
        Assert.Equal(firstTab.Revision, secondTab.Revision);
        Assert.Equal("button1", Assert.Single(secondTab.Definition.Pages[0].Components).Name);
    }

    [Fact]
    public async Task V4_AnEditMadeWhileAReloadRunsIsKeptAndMeetsTheConflict()
    {
        await using var harness = await ComponentHarness.CreateAsync();
        var draft = await OpenDraftAsync(harness, components: 2);
        var ann = new WatchedChannel(harness.Versions, harness.Admin with { Name = "Ann Archer" });
        var mine = new WatchedChannel(harness.Versions, harness.Admin) { HoldReads = true };
        var session = Listening(harness, new EditorSession(mine), draft);
        var pageId = draft.Definition.Pages[0].Id;
        var component = draft.Definition.Pages[0].Components[0].Id;

        // Someone saves: the session starts to follow, and its reload is held on the way back.
        ResultAssert.Ok(await ann.ApplyAsync(draft.Summary.Id, draft.Revision, [new SetComponentProperty(pageId, component, "text", "Theirs")]));
        Assert.Equal(1, mine.Reads);

        // The user edits meanwhile: the save carries the revision the copy came from and is refused.
        ResultAssert.Ok(await session.ApplyAsync(new SetComponentProperty(pageId, component, "text", "Mine")));
        mine.ReleaseReads();
        await mine.PendingRead;

        Assert.Equal(SaveState.Conflict, session.SaveState);
        Assert.Contains("Ann Archer", session.SaveMessage);
        Assert.Equal("Mine", session.Definition.Pages[0].Components[0].Property("text")); // the reload did not replace it
        await session.SaveMineOverTheirsAsync();
        Assert.Equal(SaveState.Saved, session.SaveState);
        var stored = ResultAssert.Ok(await harness.Versions.GetAsync(harness.Admin, draft.Summary.Id));
        Assert.Equal("Mine", stored.Definition.Pages[0].Components[0].Property("text"));
    }

    [Fact]
    public async Task V4_TextBeingTypedIsNotReplacedWhenSomeoneElseSavesTheSameProperty()
    {
        await using var harness = await ComponentHarness.CreateAsync();
        var draft = await OpenDraftAsync(harness, components: 1);
        var mine = new WatchedChannel(harness.Versions, harness.Admin);
        var session = Listening(harness, new EditorSession(mine), draft);
        var component = draft.Definition.Pages[0].Components[0];
        var panel = harness.Context.Render<PropertyPanel>(p => p
            .Add(c => c.Session, session)
            .Add(c => c.PageId, draft.Definition.Pages[0].Id)
            .Add(c => c.Component, component)
            .Add(c => c.OnDeleted, () => { }));
        IElement TextField() => panel.FindAll("input")[1]; // the component's name, then its properties: "text"

        await TextField().KeyDownAsync(new Microsoft.AspNetCore.Components.Web.KeyboardEventArgs { Key = "M" });
        ResultAssert.Ok(await harness.Versions.ApplyAsync(harness.Admin with { Name = "Ann Archer" }, draft.Summary.Id, draft.Revision,
            [new SetComponentProperty(draft.Definition.Pages[0].Id, component.Id, "text", "Theirs")]));
        Assert.Equal(0, mine.Reads); // held back while the field holds typed text
        await TextField().ChangeAsync(new Microsoft.AspNetCore.Components.ChangeEventArgs { Value = "Mine" });
        await TextField().BlurAsync(new Microsoft.AspNetCore.Components.Web.FocusEventArgs());

        panel.WaitForAssertion(() => Assert.Equal(SaveState.Conflict, session.SaveState));
        Assert.Contains("Ann Archer", session.SaveMessage);
        // The element keeps the typed text: it is neither given another value nor replaced by a new element.
        var textField = panel.FindComponents<LightTextField>()[1];
        Assert.Equal("Mine", textField.Instance.Holds);
        Assert.Equal("Text", TextField().GetAttribute("value"));
        var stored = ResultAssert.Ok(await harness.Versions.GetAsync(harness.Admin, draft.Summary.Id));
        Assert.Equal("Theirs", stored.Definition.Pages[0].Components[0].Property("text")); // nothing silently overwritten
    }

    [Fact]
    public async Task ARefusedImageSourceIsExplainedNextToItsFieldAndTheStoredSourceStays()
    {
        // Issue 7 (input hygiene): bad input is explained next to the field, and nothing saved is lost
        await using var harness = await ComponentHarness.CreateAsync();
        var draft = await OpenDraftAsync(harness);
        var session = Listening(harness, new EditorSession(harness.Versions, harness.Admin), draft);
        var pageId = draft.Definition.Pages[0].Id;
        var add = AddComponent.New(pageId, ComponentType.Image);
        ResultAssert.Ok(await session.ApplyAsync(add));
        ResultAssert.Ok(await session.ApplyAsync(new SetComponentProperty(pageId, add.ComponentId, ImageSources.Property, "https://example.test/logo.png")));
        var image = session.Definition.Pages[0].Components.Single(c => c.Id == add.ComponentId);
        var panel = harness.Context.Render<PropertyPanel>(p => p
            .Add(c => c.Session, session)
            .Add(c => c.PageId, pageId)
            .Add(c => c.Component, image)
            .Add(c => c.OnDeleted, () => { }));
        var sourceIndex = 1 + image.Properties.Keys.ToList().IndexOf(ImageSources.Property); // after the component's name

        await panel.FindAll("input")[sourceIndex].ChangeAsync(new Microsoft.AspNetCore.Components.ChangeEventArgs { Value = "javascript:alert(1)" });

        panel.WaitForAssertion(() => Assert.Contains(ImageSources.Refusal, panel.Markup));
        var stored = ResultAssert.Ok(await harness.Versions.GetAsync(harness.Admin, draft.Summary.Id));
        Assert.Equal("https://example.test/logo.png", stored.Definition.Pages[0].Components.Single(c => c.Id == add.ComponentId).Property(ImageSources.Property));
    }

    [Fact]
    public async Task T2_ThePanelsMoveWidthAndDeleteButtonsChangeTheStoredDraft()
    {
        await using var harness = await ComponentHarness.CreateAsync();
        var draft = await OpenDraftAsync(harness, components: 2);
        var session = Listening(harness, new EditorSession(harness.Versions, harness.Admin), draft);
        var pageId = draft.Definition.Pages[0].Id;
        var component = draft.Definition.Pages[0].Components[1]; // the second row
        var deleted = false;
        var panel = harness.Context.Render<PropertyPanel>(p => p
            .Add(c => c.Session, session)
            .Add(c => c.PageId, pageId)
            .Add(c => c.Component, component)
            .Add(c => c.OnDeleted, () => deleted = true));
        async Task<ComponentDefinition?> StoredAsync() =>
            ResultAssert.Ok(await harness.Versions.GetAsync(harness.Admin, draft.Summary.Id)).Definition.Pages[0].Components.SingleOrDefault(c => c.Id == component.Id);

        Assert.Equal(1, component.Placement.Row);
        await panel.Find($"button[aria-label='Move {component.Name} up']").ClickAsync(new Microsoft.AspNetCore.Components.Web.MouseEventArgs());
        Assert.Equal(0, (await StoredAsync())!.Placement.Row);

        // The width select is drawn closed until its first click, which mounts MudBlazor's select (decision 041).
        await panel.Find("[data-testid=component-width]").ClickAsync(new Microsoft.AspNetCore.Components.Web.MouseEventArgs());
        panel.WaitForAssertion(() => Assert.Single(panel.FindComponents<MudBlazor.MudSelect<int>>()));

        await panel.Find("[data-testid=delete-component]").ClickAsync(new Microsoft.AspNetCore.Components.Web.MouseEventArgs());
        Assert.Null(await StoredAsync());
        Assert.True(deleted);
    }

    private static async Task<VersionDetail> OpenDraftAsync(ComponentHarness harness, int components = 0)
    {
        var app = await harness.CreateAppAsync();
        var v1 = (await harness.ListVersionsAsync(app.Id)).Single();
        var opened = ResultAssert.Ok(await harness.Versions.GetAsync(harness.Admin, v1.Id));
        if (components > 0)
        {
            ResultAssert.Ok(await harness.Versions.UpdateDefinitionAsync(harness.Admin, v1.Id, opened.Revision, Sample.App(components)));
        }

        return ResultAssert.Ok(await harness.Versions.GetAsync(harness.Admin, v1.Id));
    }

    /// <summary>Loads the draft and forwards the app's change notices to the session, as the editor page does.</summary>
    private static EditorSession Listening(ComponentHarness harness, EditorSession session, VersionDetail draft)
    {
        session.Load(draft);
        harness.Context.Services.GetRequiredService<IAppChangeNotifier>().Subscribe(change => _ = session.OnDefinitionChangedAsync(change));
        return session;
    }

    /// <summary>The real use cases, counting reads (reloads) and able to hold a read until the test lets it return.</summary>
    private sealed class WatchedChannel(VersionService versions, Actor actor) : IDraftChannel
    {
        private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int Reads { get; private set; }

        public bool Applying { get; private set; }

        public bool HoldReads { get; init; }

        public Task PendingRead { get; private set; } = Task.CompletedTask;

        public void ReleaseReads() => _released.TrySetResult();

        public Task<Result<VersionDetail>> GetAsync(int versionId)
        {
            Reads++;
            var read = ReadAsync(versionId);
            PendingRead = read;
            return read;
        }

        public async Task<Result<int>> ApplyAsync(int versionId, int baseRevision, IReadOnlyList<DefinitionOperation> operations)
        {
            Applying = true;
            try
            {
                return await versions.ApplyAsync(actor, versionId, baseRevision, operations);
            }
            finally
            {
                Applying = false;
            }
        }

        public Task<Result<int>> ReplaceAsync(int versionId, int baseRevision, AppDefinition definition) =>
            versions.UpdateDefinitionAsync(actor, versionId, baseRevision, definition);

        private async Task<Result<VersionDetail>> ReadAsync(int versionId)
        {
            var read = await versions.GetAsync(actor, versionId);
            if (HoldReads)
            {
                await _released.Task;
            }

            return read;
        }
    }
}
