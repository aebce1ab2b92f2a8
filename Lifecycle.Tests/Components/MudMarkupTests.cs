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
}
