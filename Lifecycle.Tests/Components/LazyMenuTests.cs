using Bunit;
using Lifecycle.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;
using MudBlazor.Services;

namespace Lifecycle.Tests.Components;

/// <summary>Issue 9, decision 040: a menu costs no MudMenu (and its popover) until the user first opens it.</summary>
public sealed class LazyMenuTests : IAsyncLifetime
{
    private readonly BunitContext _context = NewContext();
    private readonly IRenderedComponent<MudPopoverProvider> _popovers;

    public LazyMenuTests() => _popovers = _context.Render<MudPopoverProvider>();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _context.DisposeAsync();

    [Fact]
    public async Task A_closed_menu_is_its_button_alone_until_the_first_click_opens_the_real_menu()
    {
        var menu = _context.Render<LazyMenu>(p => p.Add(m => m.Label, "Workspace").Add(m => m.EndIcon, Icons.Material.Filled.ArrowDropDown)
            .AddUnmatched("data-testid", "workspace-menu").Add(m => m.ChildContent, Items));

        Assert.Empty(menu.FindComponents<MudMenu>());
        Assert.Empty(_popovers.FindAll(".mud-popover"));
        var button = menu.Find("[data-testid=workspace-menu] > button[aria-haspopup=menu]");
        Assert.Equal("Workspace", button.TextContent.Trim());

        await button.ClickAsync(new MouseEventArgs());

        Assert.Single(menu.FindComponents<MudMenu>());
        await _popovers.WaitForElementAsync("[role=menu] [data-testid=first-item]");
        Assert.True(menu.Instance.IsMounted);
    }

    [Fact]
    public async Task An_icon_menu_keeps_its_accessible_name_before_and_after_it_is_mounted()
    {
        var menu = _context.Render<LazyMenu>(p => p.Add(m => m.Icon, Icons.Material.Filled.MoreVert).Add(m => m.AriaLabel, "More actions")
            .Add(m => m.ChildContent, Items));

        await menu.Find("button[aria-label='More actions']").ClickAsync(new MouseEventArgs());

        await _popovers.WaitForElementAsync("[role=menu] [data-testid=first-item]");
        Assert.NotNull(menu.Find("button[aria-label='More actions']"));
    }

    [Fact]
    public async Task A_disabled_menu_does_not_open()
    {
        var menu = _context.Render<LazyMenu>(p => p.Add(m => m.Label, "Add component").Add(m => m.Disabled, true).Add(m => m.ChildContent, Items));

        var button = menu.Find("button");
        Assert.True(button.HasAttribute("disabled"));
        await button.ClickAsync(new MouseEventArgs());

        Assert.False(menu.Instance.IsMounted);
        Assert.Empty(menu.FindComponents<MudMenu>());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_custom_activator_opens_the_menu_by_click_or_by_Enter(bool byKey)
    {
        var menu = _context.Render<LazyMenu>(p => p
            .Add(m => m.ActivatorContent, (RenderFragment<MenuActivator>)(activator => builder =>
            {
                builder.OpenElement(0, "span");
                builder.AddAttribute(1, "class", "pill");
                builder.AddAttribute(2, "onclick", EventCallback.Factory.Create<MouseEventArgs>(this, activator.ToggleAsync));
                builder.AddContent(3, "v1");
                builder.CloseElement();
            }))
            .Add(m => m.ChildContent, Items));

        if (byKey)
        {
            await menu.Find(".mud-menu-activator[role=button]").KeyDownAsync(new KeyboardEventArgs { Key = "Enter" });
        }
        else
        {
            await menu.Find(".pill").ClickAsync(new MouseEventArgs());
        }

        await _popovers.WaitForElementAsync("[role=menu] [data-testid=first-item]");
        Assert.Equal("v1", menu.Find(".pill").TextContent);
    }

    // The stand-in copies MudMenu's activator markup: if a MudBlazor upgrade changes it, this says so.
    [Theory]
    [InlineData("Workspace", null, Icons.Material.Filled.ArrowDropDown, null, Color.Inherit, Variant.Text)]
    [InlineData("Add component", Icons.Material.Filled.Add, null, null, Color.Default, Variant.Outlined)]
    [InlineData(null, null, null, Icons.Material.Filled.MoreVert, Color.Default, Variant.Text)]
    public void The_stand_in_draws_the_activator_MudMenu_draws(string? label, string? startIcon, string? endIcon, string? icon, Color color, Variant variant)
    {
        var standIn = _context.Render<LazyMenu>(p => p.Add(m => m.Label, label).Add(m => m.StartIcon, startIcon).Add(m => m.EndIcon, endIcon)
            .Add(m => m.Icon, icon).Add(m => m.Color, color).Add(m => m.Variant, variant).Add(m => m.AriaLabel, "Menu"));
        var real = _context.Render<MudMenu>(p => p.Add(m => m.Label, label).Add(m => m.StartIcon, startIcon).Add(m => m.EndIcon, endIcon)
            .Add(m => m.Icon, icon).Add(m => m.Color, color).Add(m => m.Variant, variant).Add(m => m.AriaLabel, "Menu"));

        var drawn = standIn.Find(".mud-menu > button");
        var expected = real.Find(".mud-menu > button");
        Assert.Equal(expected.ClassName, drawn.ClassName);
        Assert.Equal(expected.QuerySelector("span")!.InnerHtml, drawn.QuerySelector("span")!.InnerHtml); // the label and its icons, to the space
    }

    private static readonly RenderFragment Items = builder =>
    {
        builder.OpenComponent<MudMenuItem>(0);
        builder.AddAttribute(1, "data-testid", "first-item");
        builder.AddAttribute(2, nameof(MudMenuItem.ChildContent), (RenderFragment)(b => b.AddContent(0, "First")));
        builder.CloseComponent();
    };

    private static BunitContext NewContext()
    {
        var context = new BunitContext();
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        context.Services.AddMudServices();
        return context;
    }
}
