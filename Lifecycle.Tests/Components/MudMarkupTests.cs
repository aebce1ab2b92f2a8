using Bunit;
using Lifecycle.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Lifecycle.Tests.Components;

/// <summary>Decision 041: the Preview switch is MudSwitch's markup without the component (or its key interceptor).</summary>
public sealed class MudMarkupTests : MudComponentTest
{
    private static readonly string[] Ripple = ["mud-ripple", "mud-ripple-switch"];


    [Theory]
    [InlineData(Size.Small, "small")]
    [InlineData(Size.Medium, "medium")]
    public void The_icon_draws_what_a_MudIcon_draws_as_one_shared_string(Size size, string sizeName)
    {
        var drawn = Context.Render(MudMarkup.Icon(Icons.Material.Filled.Share, sizeName));
        var real = Context.Render<MudIcon>(p => p.Add(i => i.Icon, Icons.Material.Filled.Share).Add(i => i.Size, size));

        drawn.MarkupMatches(real.Markup);
        Assert.Same(MarkupFrameOf(MudMarkup.Icon(Icons.Material.Filled.Share, sizeName)), MarkupFrameOf(MudMarkup.Icon(Icons.Material.Filled.Share, sizeName))); // one string for every circuit (issue 12)
    }

    [Fact]
    public void A_chip_and_an_icon_buttons_label_are_one_shared_markup_frame_that_draws_the_same_elements()
    {
        var chip = Context.Render(Fragment(MudMarkup.Chip("Saving… <now>", "error", "save-status", Icons.Material.Outlined.CloudDone)));

        var content = chip.Find(".mud-chip-container > .mud-chip.mud-chip-text.mud-chip-size-small.mud-chip-color-error[data-testid=save-status] > span.mud-chip-content");
        Assert.Equal("Saving… <now>", content.TextContent);
        Assert.NotNull(chip.Find(".mud-chip > svg.mud-icon-root.mud-svg-icon.mud-icon-size-small.mud-chip-icon"));
        Assert.Empty(Context.Render(Fragment(MudMarkup.Chip("Draft", "default", null))).FindAll("[data-testid]"));
        Assert.Same(MudMarkup.Chip("Draft", "default", "state").Value, MudMarkup.Chip("Draft", "default", "state").Value);

        var button = Context.Render(MudMarkup.IconButton(Icons.Material.Filled.Delete, "Delete page Home", "small", default));
        var real = Context.Render<MudIconButton>(p => p.Add(b => b.Icon, Icons.Material.Filled.Delete).Add(b => b.Size, Size.Small));
        button.Find("button > span.mud-icon-button-label").OuterHtml.MarkupMatches(real.Find("button > span.mud-icon-button-label").OuterHtml);
        Assert.Equal("Delete page Home", button.Find("button").GetAttribute("aria-label"));
    }

    /// <summary>The string of the fragment's one markup frame: the frame itself is what a circuit keeps.</summary>
    private static string MarkupFrameOf(RenderFragment fragment)
    {
        using var builder = new Microsoft.AspNetCore.Components.Rendering.RenderTreeBuilder();
        fragment(builder);
#pragma warning disable BL0006 // the test reads the frame the renderer would keep, which is what it is about
        var frames = builder.GetFrames();
        return Assert.Single(frames.Array.Take(frames.Count)).MarkupContent;
#pragma warning restore BL0006
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void The_switch_draws_what_a_primary_MudSwitch_draws_less_the_click_ripple(bool on)
    {
        var drawn = Context.Render(MudMarkup.Switch(on, "Preview", "preview-toggle", default));
        var real = Context.Render<MudSwitch<bool>>(p => p.Add(s => s.Value, on).Add(s => s.Label, "Preview").Add(s => s.Color, Color.Primary)
            .AddUnmatched("data-testid", "preview-toggle"));

        foreach (var selector in new[] { ".mud-input-control", "label", ".mud-switch-span", ".mud-switch-base", ".mud-switch-button", "input", ".mud-switch-track", ".mud-typography" })
        {
            // MudSwitch's click ripple is left out on purpose (decision 040: its script left its effect in plain elements).
            Assert.Equal(Classes(real.FindAll(selector), Ripple), Classes(drawn.FindAll(selector), Ripple));
        }

        var input = drawn.Find("input[data-testid=preview-toggle]");
        var expected = real.Find("input[data-testid=preview-toggle]");
        foreach (var attribute in new[] { "type", "role", "aria-checked" })
        {
            Assert.Equal(expected.GetAttribute(attribute), input.GetAttribute(attribute));
        }

        Assert.Equal(expected.HasAttribute("checked"), input.HasAttribute("checked"));
        Assert.Equal("Preview", drawn.Find("label").TextContent.Trim());
    }

    [Fact]
    public async Task Toggling_the_switch_reports_the_new_state()
    {
        var reported = new List<bool>();
        var drawn = Context.Render(MudMarkup.Switch(false, "Preview", "preview-toggle",
            EventCallback.Factory.Create<ChangeEventArgs>(this, args => reported.Add(args.Value is true))));

        await drawn.Find("input").ChangeAsync(new ChangeEventArgs { Value = true });

        Assert.Equal([true], reported);
    }

    /// <summary>A chip as a page draws it: one markup frame of its text.</summary>
    private static RenderFragment Fragment(MarkupString markup) => builder => builder.AddContent(0, markup);
}
