// The frames a component holds are read through Renderer's protected GetCurrentRenderTreeFrames, a documented member.
#pragma warning disable BL0006
using System.Reflection;
using Bunit;
using Lifecycle.Tests.Support;
using Lifecycle.Web.Components.Layout;
using Lifecycle.Web.Features.Editor;
using Lifecycle.Web.Features.Rendering;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.RenderTree;

namespace Lifecycle.Tests.Components;

/// <summary>
/// Issue 12 (decisions 045, 046): a component keeps its frames, 40 bytes each, in a buffer of 32, 64, 128… for as long as
/// the tab is open. The idle editor's biggest holders stay within a buffer size; one frame more doubles it.
/// </summary>
public sealed class FrameBudgetTests
{
    private static readonly MethodInfo CurrentFrames = typeof(Renderer).GetMethod("GetCurrentRenderTreeFrames", BindingFlags.NonPublic | BindingFlags.Instance)!;

    [Fact]
    public async Task The_editor_with_a_component_selected_draws_within_64_frames()
    {
        await using var harness = await ComponentHarness.CreateAsync();
        var app = await harness.CreateAppAsync();
        var draft = (await harness.ListVersionsAsync(app.Id)).Single();
        var opened = ResultAssert.Ok(await harness.Versions.GetAsync(harness.Admin, draft.Id));
        ResultAssert.Ok(await harness.Versions.UpdateDefinitionAsync(harness.Admin, draft.Id, opened.Revision, Sample.App(10)));
        harness.Context.Renderer.SetRendererInfo(new RendererInfo("Server", isInteractive: true));

        var editor = harness.Context.Render<EditorPage>(p => p.Add(e => e.Slug, app.Slug));
        editor.WaitForAssertion(() => Assert.NotNull(editor.Find("[data-testid=canvas]")));
        await editor.Find("[data-testid=canvas]").TriggerEventAsync("oncanvasselect", new CanvasItemEventArgs { ComponentId = Sample.ComponentId(0) });
        editor.WaitForAssertion(() => Assert.NotNull(editor.Find("[data-testid=property-panel]")));

        Assert.InRange(FramesOf(harness, editor), 33, 64);
    }

    [Fact]
    public async Task The_layout_of_a_signed_in_user_draws_within_32_frames()
    {
        await using var harness = await ComponentHarness.CreateAsync();
        harness.Context.Renderer.SetRendererInfo(new RendererInfo("Server", isInteractive: true));

        var layout = harness.Context.Render<MainLayout>(p => p.Add(l => l.Body, (RenderFragment)(b => b.AddContent(0, "page"))));
        layout.WaitForAssertion(() => Assert.NotNull(layout.Find("form[action='Account/Logout'] input[name=__RequestVerificationToken][value=token-value]")));

        Assert.InRange(FramesOf(harness, layout), 1, 32);
    }

    private static int FramesOf<T>(ComponentHarness harness, IRenderedComponent<T> component)
        where T : IComponent
    {
        var frames = CurrentFrames.Invoke(harness.Context.Renderer, [component.ComponentId])!;
        return (int)frames.GetType().GetField(nameof(ArrayRange<RenderTreeFrame>.Count))!.GetValue(frames)!;
    }
}
