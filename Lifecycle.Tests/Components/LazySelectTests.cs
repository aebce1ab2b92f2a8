using Bunit;
using Lifecycle.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;

namespace Lifecycle.Tests.Components;

/// <summary>Issue 9, decision 041: a select costs no MudSelect (and its popover) until the user first opens it.</summary>
public sealed class LazySelectTests : MudComponentTest
{
    private static readonly string[] Themes = ["Light", "Dark"];
    private readonly List<string> _chosen = [];
    private IRenderedComponent<MudPopoverProvider> _popovers = default!;

    public override Task InitializeAsync()
    {
        _popovers = Context.Render<MudPopoverProvider>();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_closed_select_is_its_field_alone_until_a_click_opens_the_real_select_and_a_choice_is_reported()
    {
        var select = Render();

        Assert.Empty(select.FindComponents<MudSelect<string>>());
        Assert.Empty(_popovers.FindAll(".mud-popover"));
        Assert.Equal("Light", select.Find("[role=combobox][aria-label=Theme][data-testid=theme]").TextContent);

        await select.Find(".mud-input-control").ClickAsync(new MouseEventArgs());

        Assert.True(select.Instance.IsMounted);
        var options = await _popovers.WaitForElementsAsync("[role=option]");
        Assert.Equal(Themes, options.Select(o => o.TextContent.Trim()));
        await options.Single(o => o.TextContent.Trim() == "Dark").ClickAsync(new MouseEventArgs());
        Assert.Equal(["Dark"], _chosen);
    }

    [Fact]
    public async Task Enter_on_the_field_opens_it_and_a_read_only_select_never_mounts()
    {
        var select = Render();
        await select.Find("[role=combobox]").KeyDownAsync(new KeyboardEventArgs { Key = "Enter" });
        Assert.True(select.Instance.IsMounted);

        var readOnly = Render(more: p => p.Add(s => s.ReadOnly, true));
        await readOnly.Find(".mud-input-control").ClickAsync(new MouseEventArgs());
        Assert.False(readOnly.Instance.IsMounted);
    }

    [Theory]
    [InlineData("Light", false)]
    [InlineData("Dark", true)]
    public void The_stand_in_draws_the_classes_and_text_a_closed_MudSelect_draws(string value, bool error)
    {
        var standIn = Render(value, p => p.Add(s => s.Error, error).Add(s => s.ErrorText, "Pick a theme."));
        var real = Context.Render<MudSelect<string>>(p => p.Add(s => s.Label, "Theme").Add(s => s.Value, value).Add(s => s.Error, error)
            .Add(s => s.ErrorText, "Pick a theme.").AddUnmatched("data-testid", "theme").Add(s => s.ChildContent, Items));

        foreach (var selector in new[] { ".mud-select", ".mud-input-control", ".mud-input", "input", "[role=combobox]", ".mud-input-adornment", "svg", "label",
                     ".mud-input-helper-text" })
        {
            Assert.Equal(Classes(real.FindAll(selector)), Classes(standIn.FindAll(selector)));
        }

        var drawn = standIn.Find("[role=combobox]");
        var expected = real.Find("[role=combobox]");
        foreach (var attribute in new[] { "aria-label", "aria-haspopup", "aria-expanded", "aria-invalid", "tabindex", "style", "data-testid" })
        {
            Assert.Equal(expected.GetAttribute(attribute), drawn.GetAttribute(attribute));
        }

        Assert.Equal(expected.TextContent, drawn.TextContent);
        Assert.Equal(real.Find("input").GetAttribute("type"), standIn.Find("input").GetAttribute("type"));
        Assert.Equal(real.Find("svg").InnerHtml, standIn.Find("svg").InnerHtml);
    }

    [Fact]
    public void The_closed_field_is_one_piece_of_markup_with_its_label_value_and_attributes_encoded()
    {
        // Issue 12: drawn as one markup frame, so nothing it shows may be taken for markup.
        const string label = "Size <b>&</b> \"shape\"";
        const string value = "<i>wide</i> & 'tall'";
        var select = Context.Render<LazySelect<string>>(p => p.Add(s => s.Label, label).Add(s => s.Value, value).Add(s => s.Items, [value])
            .AddUnmatched("data-testid", "a\"b<c").AddUnmatched("data-hidden", false).AddUnmatched("data-flag", true));

        var combobox = select.Find("[role=combobox]");
        Assert.Equal(label, combobox.GetAttribute("aria-label"));
        Assert.Equal(value, combobox.TextContent);
        Assert.Equal(value, select.Find("input[type=hidden]").GetAttribute("value"));
        Assert.Equal(label, select.Find("label").TextContent);
        Assert.Equal("a\"b<c", combobox.GetAttribute("data-testid"));
        Assert.False(combobox.HasAttribute("data-hidden"));
        Assert.Equal("", combobox.GetAttribute("data-flag"));
        Assert.Empty(select.FindAll("b, i"));
    }

    private IRenderedComponent<LazySelect<string>> Render(string value = "Light", Action<ComponentParameterCollectionBuilder<LazySelect<string>>>? more = null) =>
        Context.Render<LazySelect<string>>(p =>
        {
            p.Add(s => s.Label, "Theme").Add(s => s.Value, value).Add(s => s.Items, Themes).AddUnmatched("data-testid", "theme")
                .Add(s => s.ValueChanged, (string chosen) => _chosen.Add(chosen));
            more?.Invoke(p);
        });

    private static readonly RenderFragment Items = builder =>
    {
        foreach (var theme in Themes)
        {
            builder.OpenComponent<MudSelectItem<string>>(0);
            builder.AddAttribute(1, nameof(MudSelectItem<string>.Value), theme);
            builder.AddAttribute(2, nameof(MudSelectItem<string>.ChildContent), (RenderFragment)(b => b.AddContent(0, theme)));
            builder.CloseComponent();
        }
    };
}
