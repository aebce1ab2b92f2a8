using Bunit;
using Lifecycle.Data.Definitions;
using Lifecycle.Data.Environments;
using Lifecycle.Data.Queries;
using Lifecycle.Tests.Support;
using Lifecycle.Web.Circuits;
using Microsoft.Extensions.DependencyInjection;
using Lifecycle.Web.Features.Rendering;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor.Services;

namespace Lifecycle.Tests.Components;

/// <summary>Issue 9, decisions 035 and 043: the canvas builds again only the items whose content or scope changed; the released app renders again only its components that changed.</summary>
public sealed class CanvasRenderingTests
{
    [Fact]
    public async Task A_property_change_builds_only_the_changed_components_markup()
    {
        await using var ctx = NewContext();
        var (definition, pageId) = Page(texts: 5);
        var runtime = new AppRuntime(definition, NoQueries);
        var cut = ctx.Render<CanvasView>(p => p.Add(x => x.Page, runtime.Page).Add(x => x.Runtime, runtime));
        Assert.Equal(5, cut.Instance.ItemsBuilt);

        var edited = ResultAssert.Ok(DefinitionEdits.SetProperty(definition, pageId, definition.Pages[0].Components[2].Id, "text", "Changed"));
        runtime.Update(edited);
        cut.Render(p => p.Add(x => x.Page, runtime.Page));

        var shown = BrowserCanvas.Of(ctx);
        Assert.Equal("Changed", shown.Find("[data-testid=component-text3]").TextContent.Trim());
        Assert.Equal("Line 2", shown.Find("[data-testid=component-text2]").TextContent.Trim());
        Assert.Equal(6, cut.Instance.ItemsBuilt);
        Assert.Equal(["text3"], shown.LastPatchNames); // only the changed item crossed to the browser
        Assert.Null(BrowserCanvas.Patches(ctx)[^1].Order);
    }

    [Fact]
    public void A_patch_sends_the_changed_items_and_an_order_only_when_the_items_or_their_order_changed()
    {
        var (definition, pageId) = Page(texts: 3);
        var runtime = new AppRuntime(definition, NoQueries);
        var items = new CanvasItems();
        var first = items.Patch(runtime.Page, runtime.Scope, movable: true, selectedId: null);
        var ids = definition.Pages[0].Components.Select(component => component.Id).ToArray();

        var edited = ResultAssert.Ok(DefinitionEdits.SetProperty(definition, pageId, ids[0], "text", "Changed"));
        edited = ResultAssert.Ok(DefinitionEdits.DeleteComponent(edited, pageId, ids[2]));
        runtime.Update(edited);
        var afterDelete = items.Patch(runtime.Page, runtime.Scope, movable: true, selectedId: null);
        var unchanged = items.Patch(runtime.Page, runtime.Scope, movable: true, selectedId: null);

        Assert.True(first.Reset);
        Assert.Equal(ids, first.Order);
        Assert.False(afterDelete.Reset);
        Assert.Equal([ids[0]], afterDelete.Items.Select(item => item.Id));
        Assert.Contains("Changed", afterDelete.Items[0].Markup);
        Assert.Equal([ids[0], ids[1]], afterDelete.Order); // the deleted item leaves the page
        Assert.True(unchanged.IsEmpty);
        Assert.Equal(4, items.Built);
    }

    [Fact]
    public void Two_items_that_swap_places_in_the_page_send_the_order_and_no_markup()
    {
        var (runtime, items) = ThreeTextsSentOnce();
        var components = runtime.Page.Components;
        var swapped = runtime.Page with { Components = [components[1], components[0], components[2]] };

        var patch = items.Patch(swapped, runtime.Scope, movable: true, selectedId: null);

        Assert.False(patch.Reset);
        Assert.Empty(patch.Items);
        Assert.Equal([components[1].Id, components[0].Id, components[2].Id], patch.Order);
    }

    [Fact]
    public void After_a_patch_that_did_not_arrive_the_next_one_clears_the_canvas_and_sends_every_item()
    {
        var (runtime, items) = ThreeTextsSentOnce();

        items.Forget();
        var resent = items.Patch(runtime.Page, runtime.Scope, movable: true, selectedId: null);

        Assert.True(resent.Reset);
        Assert.Equal(3, resent.Items.Count);
        Assert.Equal(3, resent.Order!.Count);
    }

    [Fact]
    public async Task A_reconnected_circuit_sends_every_item_again_as_the_browser_may_have_missed_patches()
    {
        await using var ctx = NewContext();
        var (definition, _) = CanvasOfTwoTexts(ctx, _ => { });
        Assert.Single(BrowserCanvas.Patches(ctx));

        await ctx.Services.GetRequiredService<CircuitReconnections>().OnConnectionUpAsync(null!, CancellationToken.None);

        var resent = BrowserCanvas.Patches(ctx)[^1];
        Assert.Equal(2, BrowserCanvas.Patches(ctx).Count);
        Assert.True(resent.Reset);
        Assert.Equal(definition.Pages[0].Components.Select(component => component.Id), resent.Items.Select(item => item.Id));
    }

    [Fact]
    public void A_patch_crosses_to_the_browser_with_its_markup_intact_and_without_six_character_escapes()
    {
        const string Markup = "<p class=\"x\" title='a'>Tom & \"Jerry\" \\ back\nline \u0001 ünï 😀</p>";
        var patch = new CanvasPatch(true, [new CanvasItemMarkup("c1", Markup)], ["c1"]);

        var json = System.Text.Json.JsonSerializer.Serialize<object>(patch); // as JS interop serializes its arguments
        using var parsed = System.Text.Json.JsonDocument.Parse(json);

        var item = parsed.RootElement.GetProperty("items")[0];
        Assert.Equal("c1", item[0].GetString());
        Assert.Equal(Markup, item[1].GetString());
        Assert.Contains("\\u0001", json, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u003C", json, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("\\u0022", json, StringComparison.Ordinal);
        Assert.True(parsed.RootElement.GetProperty("reset").GetBoolean());
        Assert.Equal("c1", parsed.RootElement.GetProperty("order")[0].GetString());
        Assert.Equal("\"a\\ud800b\"", CanvasPatchJsonConverter.Quoted("a\ud800b")); // UTF-8 cannot hold it, JSON.parse reads it back
    }

    [Fact]
    public void Another_versions_scope_builds_the_items_again_even_with_the_same_components_and_count_of_changes()
    {
        var (definition, pageId) = Page(texts: 1);
        definition = ResultAssert.Ok(DefinitionEdits.SetProperty(definition, pageId, definition.Pages[0].Components[0].Id, "text", "{{constants.greeting}}"));
        var page = definition.Pages[0];
        var development = new RenderScope();
        development.Load(new RenderData(DeploymentEnvironment.Development, new Dictionary<string, string> { ["greeting"] = "Hello" }, new Dictionary<string, QueryOutcome>()));
        var production = new RenderScope();
        production.Load(new RenderData(DeploymentEnvironment.Production, new Dictionary<string, string> { ["greeting"] = "Bonjour" }, new Dictionary<string, QueryOutcome>()));
        Assert.Equal(development.Version, production.Version); // what a cache keyed by the count alone would confuse
        var items = new CanvasItems();

        Assert.Contains("Hello", items.Patch(page, development, movable: true, selectedId: null).Items[0].Markup);
        Assert.Contains("Bonjour", items.Patch(page, production, movable: true, selectedId: null).Items[0].Markup);
    }

    [Fact]
    public async Task A_drag_moves_nothing_on_a_read_only_canvas_or_for_a_component_not_on_the_page()
    {
        await using var ctx = NewContext();
        var moves = new List<GridMove>();
        var (definition, cut) = CanvasOfTwoTexts(ctx, p => p.Add(x => x.Movable, false).Add(x => x.OnMove, move => moves.Add(move)));
        async Task DragAndDropAsync(string componentId)
        {
            var canvas = cut.Find("[data-testid=canvas]");
            await canvas.TriggerEventAsync("oncanvasdragstart", new CanvasItemEventArgs { ComponentId = componentId });
            await cut.Find("[data-testid=canvas]").TriggerEventAsync("ondrop", new DragEventArgs());
        }

        Assert.Empty(BrowserCanvas.Of(ctx).FindAll("[data-testid=drag-text1]"));
        await DragAndDropAsync(definition.Pages[0].Components[0].Id);
        cut.Render(p => p.Add(x => x.Movable, true));
        Assert.Single(BrowserCanvas.Of(ctx).FindAll("[data-testid=drag-text1]"));
        await DragAndDropAsync("not-on-this-page");

        Assert.Empty(moves);
    }

    [Fact]
    public void An_image_source_bound_to_an_address_that_is_not_allowed_is_refused_on_the_canvas_too()
    {
        var (definition, pageId) = Page(texts: 0);
        definition = ResultAssert.Ok(DefinitionEdits.AddComponent(definition, pageId, ComponentType.Image, out var image));
        definition = ResultAssert.Ok(DefinitionEdits.SetProperty(definition, pageId, image!.Id, ImageSources.Property, "{{constants.logo}}"));
        var scope = new RenderScope(); // a binding may resolve to any text
        scope.Load(new RenderData(DeploymentEnvironment.Development, new Dictionary<string, string> { ["logo"] = "javascript:alert(1)" }, new Dictionary<string, QueryOutcome>()));

        var markup = new CanvasItems().Patch(definition.Pages[0], scope, movable: false, selectedId: null).Items[0].Markup;

        Assert.Contains("data-testid=\"image-refused\"", markup);
        Assert.DoesNotContain("<img", markup);
        Assert.DoesNotContain("javascript:", markup);
    }

    [Fact]
    public async Task Selecting_another_component_builds_the_two_items_whose_selection_changed()
    {
        await using var ctx = NewContext();
        var (definition, _) = Page(texts: 4);
        var runtime = new AppRuntime(definition, NoQueries);
        var components = definition.Pages[0].Components;
        var cut = ctx.Render<CanvasView>(p => p.Add(x => x.Page, runtime.Page).Add(x => x.Runtime, runtime)
            .Add(x => x.SelectedComponentId, components[0].Id));

        cut.Render(p => p.Add(x => x.SelectedComponentId, components[3].Id));

        var shown = BrowserCanvas.Of(ctx);
        Assert.Contains("selected", shown.Find("[data-testid=component-text4]").ClassList);
        Assert.DoesNotContain("selected", shown.Find("[data-testid=component-text1]").ClassList);
        Assert.Equal(6, cut.Instance.ItemsBuilt);
        Assert.Equal(["text1", "text4"], shown.LastPatchNames.Order());
    }

    [Fact]
    public async Task The_canvas_does_not_render_again_when_nothing_it_shows_changed()
    {
        await using var ctx = NewContext();
        var (definition, _) = Page(texts: 3);
        var runtime = new AppRuntime(definition, NoQueries);
        var cut = ctx.Render<CanvasView>(p => p.Add(x => x.Page, runtime.Page).Add(x => x.Runtime, runtime));
        var renders = cut.RenderCount;

        cut.Render(p => p.Add(x => x.Page, runtime.Page)); // as when the autosave chip changes: the same page, again

        Assert.Equal(renders, cut.RenderCount);
        Assert.Single(BrowserCanvas.Patches(ctx));
    }

    [Fact]
    public async Task What_a_component_shows_on_the_canvas_is_text_not_markup()
    {
        await using var ctx = NewContext();
        var (definition, pageId) = Page(texts: 1);
        const string Attack = "<img src=x onerror=\"alert(1)\"> & \"quoted\" 'single' ünïcode";
        definition = ResultAssert.Ok(DefinitionEdits.SetProperty(definition, pageId, definition.Pages[0].Components[0].Id, "text", Attack));
        definition = ResultAssert.Ok(DefinitionEdits.AddComponent(definition, pageId, ComponentType.TextInput, out var input));
        definition = ResultAssert.Ok(DefinitionEdits.SetProperty(definition, pageId, input!.Id, "label", "\"><script>alert(2)</script>"));
        var runtime = new AppRuntime(definition, NoQueries);

        ctx.Render<CanvasView>(p => p.Add(x => x.Page, runtime.Page).Add(x => x.Runtime, runtime));

        var shown = BrowserCanvas.Of(ctx); // parsed as the browser parses the items' HTML
        Assert.Equal(Attack, shown.Find("[data-testid=component-text1] p").TextContent);
        Assert.Empty(shown.FindAll("img"));
        Assert.Empty(shown.FindAll("script"));
        Assert.Equal("\"><script>alert(2)</script>", shown.Find("[data-testid=component-textinput1] input").GetAttribute("aria-label"));
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
    public async Task A_click_in_a_component_selects_it_and_a_click_naming_no_component_of_the_page_selects_nothing()
    {
        await using var ctx = NewContext();
        var selected = new List<string>();
        var (definition, cut) = CanvasOfTwoTexts(ctx, p => p.Add(x => x.OnSelect, id => selected.Add(id)));
        var canvas = cut.Find("[data-testid=canvas]");

        // What lifecycle.js sends: the data-component-id of the element the click happened in.
        Assert.Equal(definition.Pages[0].Components[1].Id, BrowserCanvas.Of(ctx).Find("[data-testid=component-text2]").GetAttribute("data-component-id"));
        await canvas.TriggerEventAsync("oncanvasselect", new CanvasItemEventArgs { ComponentId = definition.Pages[0].Components[1].Id });
        await canvas.TriggerEventAsync("oncanvasselect", new CanvasItemEventArgs { ComponentId = null });
        await canvas.TriggerEventAsync("oncanvasselect", new CanvasItemEventArgs { ComponentId = "not-on-this-page" });

        Assert.Equal([definition.Pages[0].Components[1].Id], selected);
    }

    private static (AppDefinition Definition, IRenderedComponent<CanvasView> Canvas) CanvasOfTwoTexts(
        BunitContext ctx, Action<ComponentParameterCollectionBuilder<CanvasView>> parameters)
    {
        var (definition, _) = Page(texts: 2);
        var runtime = new AppRuntime(definition, NoQueries);
        return (definition, ctx.Render<CanvasView>(p =>
        {
            p.Add(x => x.Page, runtime.Page).Add(x => x.Runtime, runtime);
            parameters(p);
        }));
    }

    private static (AppRuntime Runtime, CanvasItems Items) ThreeTextsSentOnce()
    {
        var runtime = new AppRuntime(Page(texts: 3).Definition, NoQueries);
        var items = new CanvasItems();
        items.Patch(runtime.Page, runtime.Scope, movable: true, selectedId: null);
        return (runtime, items);
    }

    private static BunitContext NewContext()
    {
        var ctx = new BunitContext();
        ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        ctx.Services.AddMudServices();
        CircuitReconnections.Register(ctx.Services);
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
