using Bunit;
using Lifecycle.Data.Definitions;
using Lifecycle.Data.Environments;
using Lifecycle.Data.Queries;
using Lifecycle.Tests.Support;
using Lifecycle.Web.Features.Rendering;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor.Services;

namespace Lifecycle.Tests.Components;

/// <summary>Issue 9, decision 035: the canvas renders again only the components whose content, selection or scope changed.</summary>
public sealed class CanvasRenderingTests
{
    [Fact]
    public async Task A_property_change_renders_only_the_changed_component()
    {
        await using var ctx = NewContext();
        var (definition, pageId) = Page(texts: 5);
        var runtime = new AppRuntime(definition, NoQueries);
        var cut = ctx.Render<PageView>(p => p.Add(x => x.Page, runtime.Page).Add(x => x.Runtime, runtime).Add(x => x.Editable, true));
        var before = RenderCounts(cut);

        var edited = ResultAssert.Ok(DefinitionEdits.SetProperty(definition, pageId, definition.Pages[0].Components[2].Id, "text", "Changed"));
        runtime.Update(edited);
        cut.Render(p => p.Add(x => x.Page, runtime.Page));

        Assert.Equal("Changed", cut.Find("[data-testid=component-text3]").TextContent.Trim());
        Assert.Equal(["text3"], Rerendered(before, RenderCounts(cut)));
    }

    [Fact]
    public async Task Selecting_another_component_renders_the_two_whose_selection_changed()
    {
        await using var ctx = NewContext();
        var (definition, _) = Page(texts: 4);
        var runtime = new AppRuntime(definition, NoQueries);
        var components = definition.Pages[0].Components;
        var cut = ctx.Render<PageView>(p => p.Add(x => x.Page, runtime.Page).Add(x => x.Runtime, runtime).Add(x => x.Editable, true)
            .Add(x => x.SelectedComponentId, components[0].Id));
        var before = RenderCounts(cut);

        cut.Render(p => p.Add(x => x.SelectedComponentId, components[3].Id));

        Assert.Equal(["text1", "text4"], Rerendered(before, RenderCounts(cut)));
        Assert.Contains("selected", cut.Find("[data-testid=component-text4]").ClassList);
        Assert.DoesNotContain("selected", cut.Find("[data-testid=component-text1]").ClassList);
    }

    [Fact]
    public async Task The_page_does_not_render_again_when_nothing_it_shows_changed()
    {
        await using var ctx = NewContext();
        var (definition, _) = Page(texts: 3);
        var runtime = new AppRuntime(definition, NoQueries);
        var cut = ctx.Render<PageView>(p => p.Add(x => x.Page, runtime.Page).Add(x => x.Runtime, runtime).Add(x => x.Editable, true));
        var renders = cut.RenderCount;

        cut.Render(p => p.Add(x => x.Page, runtime.Page)); // as when the autosave chip changes: the same page, again

        Assert.Equal(renders, cut.RenderCount);
    }

    [Fact]
    public async Task Typing_in_an_input_renders_the_input_and_what_is_bound_to_it_only()
    {
        await using var ctx = NewContext();
        var (definition, pageId) = Page(texts: 3);
        definition = ResultAssert.Ok(DefinitionEdits.AddComponent(definition, pageId, ComponentType.TextInput, out _));
        var bound = definition.Pages[0].Components[1].Id;
        definition = ResultAssert.Ok(DefinitionEdits.SetProperty(definition, pageId, bound, "text", "Hello {{components.textinput1.value}}"));
        var runtime = new AppRuntime(definition, NoQueries);
        var cut = ctx.Render<AppView>(p => p.Add(x => x.Runtime, runtime));
        var before = RenderCounts(cut);

        await cut.Find("[data-testid=component-textinput1] input").InputAsync(new Microsoft.AspNetCore.Components.ChangeEventArgs { Value = "Ann" });

        cut.WaitForAssertion(() => Assert.Equal("Hello Ann", cut.Find("[data-testid=component-text2]").TextContent.Trim()));
        Assert.Equal(["text2", "textinput1"], Rerendered(before, RenderCounts(cut)));
    }

    [Fact]
    public async Task A_click_on_a_component_selects_it_in_the_editor()
    {
        await using var ctx = NewContext();
        var (definition, _) = Page(texts: 2);
        var runtime = new AppRuntime(definition, NoQueries);
        string? selected = null;
        var cut = ctx.Render<PageView>(p => p.Add(x => x.Page, runtime.Page).Add(x => x.Runtime, runtime).Add(x => x.Editable, true)
            .Add(x => x.OnSelect, id => selected = id));

        await cut.Find("[data-testid=component-text2]").ClickAsync(new MouseEventArgs());

        Assert.Equal(definition.Pages[0].Components[1].Id, selected);
    }

    private static BunitContext NewContext()
    {
        var ctx = new BunitContext();
        ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        ctx.Services.AddMudServices();
        return ctx;
    }

    private static (AppDefinition Definition, string PageId) Page(int texts)
    {
        var definition = AppDefinition.Empty();
        var pageId = definition.Pages[0].Id;
        for (var i = 0; i < texts; i++)
        {
            definition = ResultAssert.Ok(DefinitionEdits.AddComponent(definition, pageId, ComponentType.Text, out var added));
            definition = ResultAssert.Ok(DefinitionEdits.SetProperty(definition, pageId, added!.Id, "text", $"Line {i + 1}"));
        }

        return (definition, pageId);
    }

    private static Task<RenderData?> NoQueries(QuerySelection selection) =>
        Task.FromResult<RenderData?>(new RenderData(DeploymentEnvironment.Development, new Dictionary<string, string>(), new Dictionary<string, QueryOutcome>()));

    private static Dictionary<string, int> RenderCounts(IRenderedComponent<Microsoft.AspNetCore.Components.IComponent> cut) =>
        cut.FindComponents<PlacedComponent>().ToDictionary(c => c.Instance.Component.Name, c => c.RenderCount);

    private static string[] Rerendered(Dictionary<string, int> before, Dictionary<string, int> after) =>
        [.. after.Where(c => c.Value != before.GetValueOrDefault(c.Key)).Select(c => c.Key).Order()];
}
