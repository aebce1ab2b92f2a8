using Bunit;
using Lifecycle.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;

namespace Lifecycle.Tests.Components;

/// <summary>
/// Issue 9, decision 041: the editor's text fields are one component each, drawn as MudTextField draws itself, and keep
/// MudTextField's rule for the text: what the user typed stays until the parent gives a different value.
/// </summary>
public sealed class LightTextFieldTests : MudComponentTest
{
    private readonly List<string> _reported = [];

    [Theory]
    [InlineData("Shop", false, 1)]
    [InlineData("", true, 1)]
    [InlineData("[1, 2]", false, 4)]
    public void It_draws_the_classes_MudTextField_draws(string value, bool error, int lines)
    {
        var light = Context.Render<LightTextField>(p => p.Add(f => f.Label, "Title").Add(f => f.Value, value).Add(f => f.Error, error)
            .Add(f => f.ErrorText, "Give the app a title.").Add(f => f.Lines, lines));
        var mud = Context.Render<MudTextField<string>>(p => p.Add(f => f.Label, "Title").Add(f => f.Value, value).Add(f => f.Error, error)
            .Add(f => f.ErrorText, "Give the app a title.").Add(f => f.Lines, lines));

        foreach (var selector in new[] { ".mud-input-control", ".mud-input", "input, textarea", "label", ".mud-input-helper-text" })
        {
            Assert.Equal(Classes(mud.FindAll(selector)), Classes(light.FindAll(selector)));
        }

        // MudTextField also draws a hidden div beside its input (for masks); a plain field has no use for it.
        Assert.Equal(mud.Find("input, textarea").TagName, light.Find("input, textarea").TagName);
        Assert.Equal(mud.FindAll(".mud-input-helper-text").Select(e => e.TextContent), light.FindAll(".mud-input-helper-text").Select(e => e.TextContent));
        Assert.Equal("Title", light.Find($"label[for={light.Find("input, textarea").Id}]").TextContent);
    }

    [Fact]
    public async Task A_committed_text_is_reported_and_the_value_attribute_is_not_written_back()
    {
        var field = Render("Shop");

        await field.Find("input").ChangeAsync(new ChangeEventArgs { Value = "Shop & Co" });
        field.Render(p => p.Add(f => f.Value, "Shop & Co")); // the parent takes the value, as the settings panel does

        Assert.Equal(["Shop & Co"], _reported);
        Assert.Equal("Shop", field.Find("input").GetAttribute("value")); // the element already holds the text: nothing to write
        Assert.Contains("mud-shrink", field.Find(".mud-input").ClassList);
    }

    [Fact]
    public async Task A_refused_text_stays_in_the_field_beside_its_error()
    {
        var field = Render("Shop");
        var element = field.Find("input");

        await element.ChangeAsync(new ChangeEventArgs { Value = "" });
        field.Render(p => p.Add(f => f.Value, "Shop").Add(f => f.Error, true).Add(f => f.ErrorText, "Give the app a title."));

        var input = field.Find("input");
        Assert.Equal("Shop", input.GetAttribute("value")); // the same attribute on the same element: the browser keeps the typed text
        Assert.DoesNotContain("mud-shrink", field.Find(".mud-input").ClassList); // the field holds nothing, so the label sits in it
        Assert.Equal("true", input.GetAttribute("aria-invalid"));
        Assert.Equal("Give the app a title.", field.Find($"#{input.GetAttribute("aria-describedby")}").TextContent);
    }

    [Fact]
    public async Task A_different_value_from_the_parent_replaces_what_was_typed_even_when_the_attribute_text_repeats()
    {
        var field = Render("", immediate: true);

        await field.Find("input").InputAsync(new ChangeEventArgs { Value = "Checkout" });
        field.Render(p => p.Add(f => f.Value, "Checkout"));
        var generation = field.Instance.ElementGeneration;
        field.Render(p => p.Add(f => f.Value, "")); // the page was added: the parent empties the field

        Assert.Equal(["Checkout"], _reported);
        Assert.Equal("", field.Find("input").GetAttribute("value"));
        Assert.Equal(generation + 1, field.Instance.ElementGeneration); // a new element: the attribute alone ("" before and after) would not reach the browser
    }

    [Fact]
    public async Task Immediate_reports_each_keystroke_and_otherwise_only_the_committed_text()
    {
        var immediate = Render("", immediate: true);
        Assert.Throws<MissingEventHandlerException>(() => immediate.Find("input").Change(new ChangeEventArgs { Value = "a" }));
        await immediate.Find("input").InputAsync(new ChangeEventArgs { Value = "a" });

        var committed = Render("");
        Assert.Throws<MissingEventHandlerException>(() => committed.Find("input").Input(new ChangeEventArgs { Value = "b" }));
        await committed.Find("input").ChangeAsync(new ChangeEventArgs { Value = "b" });

        Assert.Equal(["a", "b"], _reported);
    }

    [Fact]
    public async Task Keys_and_leaving_the_field_reach_the_parent_and_read_only_is_kept()
    {
        var events = new List<string>();
        var field = Context.Render<LightTextField>(p => p.Add(f => f.Label, "text").Add(f => f.Value, "Hello").Add(f => f.ReadOnly, true)
            .Add(f => f.OnKeyDown, (KeyboardEventArgs e) => events.Add("key " + e.Key)).Add(f => f.OnBlur, (FocusEventArgs _) => events.Add("left"))
            .AddUnmatched("data-testid", "text-field"));

        var input = field.Find("input[data-testid=text-field]");
        await input.KeyDownAsync(new KeyboardEventArgs { Key = "a" });
        await input.BlurAsync(new FocusEventArgs());

        Assert.Equal(["key a", "left"], events);
        Assert.True(input.HasAttribute("readonly"));
    }

    private IRenderedComponent<LightTextField> Render(string value, bool immediate = false) =>
        Context.Render<LightTextField>(p => p.Add(f => f.Label, "Title").Add(f => f.Value, value).Add(f => f.Immediate, immediate)
            .Add(f => f.ValueChanged, (string text) => _reported.Add(text)));
}
