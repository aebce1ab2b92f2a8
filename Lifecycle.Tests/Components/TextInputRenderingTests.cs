using Bunit;
using Lifecycle.Data.Definitions;
using Lifecycle.Data.Queries;
using Lifecycle.Web.Features.Rendering;

namespace Lifecycle.Tests.Components;

/// <summary>
/// Decision 040: a released app's Text input is plain markup whose value attribute changes only when the value changes
/// from elsewhere, so the render of one keystroke never overwrites what the user typed after it.
/// </summary>
public sealed class TextInputRenderingTests : MudComponentTest
{
    private readonly AppRuntime _runtime = new(AppDefinition.Empty(), _ => Task.FromResult<RenderData?>(null));
    private readonly ComponentDefinition _input = new("c1", "name1", ComponentType.TextInput,
        ComponentCatalog.DefaultProperties(ComponentType.TextInput).SetItem("label", "Your name").SetItem("defaultValue", "Ada"), 0);

    [Fact]
    public async Task Typing_sets_the_value_for_bindings_without_writing_the_value_attribute_back()
    {
        var view = Render();
        Assert.Equal("Ada", view.Find("input").GetAttribute("value"));
        Assert.Equal("Your name", view.Find($"label[for={view.Find("input").Id}]").TextContent);

        await view.Find("input").InputAsync(new() { Value = "Ann" });
        view.Render(p => p.Add(c => c.Runtime, _runtime)); // the page renders again, as after every scope change

        Assert.Equal("Ann", _runtime.Scope.InputValue("name1"));
        Assert.Equal("Ada", view.Find("input").GetAttribute("value")); // unchanged: the browser's element keeps its own text
    }

    [Fact]
    public async Task The_label_moves_up_once_the_field_holds_text_as_MudTextField_s_does()
    {
        var empty = _input with { Properties = _input.Properties.SetItem("defaultValue", "") };
        var view = Context.Render<PlacedComponent>(p => p.Add(c => c.Component, empty).Add(c => c.Runtime, _runtime));
        Assert.DoesNotContain("mud-shrink", view.Find(".mud-input").ClassList);

        await view.Find("input").InputAsync(new() { Value = "Ann" });

        Assert.Contains("mud-shrink", view.Find(".mud-input").ClassList); // else the label sits on the typed text once focus leaves
    }

    [Theory]
    [InlineData("Grace")]
    [InlineData("Ada")] // the same text the attribute had before the user typed: the element is replaced, so it still shows
    public async Task A_value_set_from_elsewhere_replaces_what_was_typed(string setByAnAction)
    {
        var view = Render();
        await view.Find("input").InputAsync(new() { Value = "Ann" });
        var typedInto = view.Find("input");

        _runtime.Scope.SetInputValue("name1", setByAnAction);
        view.Render(p => p.Add(c => c.Runtime, _runtime));

        Assert.Equal(setByAnAction, view.Find("input").GetAttribute("value"));
        Assert.NotSame(typedInto, view.Find("input"));
    }

    private IRenderedComponent<PlacedComponent> Render() =>
        Context.Render<PlacedComponent>(p => p.Add(c => c.Component, _input).Add(c => c.Runtime, _runtime));
}
