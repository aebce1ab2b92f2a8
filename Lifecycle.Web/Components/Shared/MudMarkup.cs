using Microsoft.AspNetCore.Components;

namespace Lifecycle.Web.Components.Shared;

/// <summary>
/// The markup MudBlazor 9 renders for an icon and a chip, without a component instance: each live component costs an
/// idle tab ~4 KB of server memory (decision 040). One place, so a MudBlazor upgrade that renames a class is mended once.
/// </summary>
public static class MudMarkup
{
    /// <summary>A MudIcon's svg; <paramref name="size"/> is "small" or "medium".</summary>
    public static RenderFragment Icon(string icon, string size, string? extraClass = null) => builder =>
    {
        builder.OpenElement(0, "svg");
        builder.AddAttribute(1, "class", $"mud-icon-root mud-svg-icon mud-icon-size-{size}{(extraClass is null ? "" : " " + extraClass)}");
        builder.AddAttribute(2, "focusable", "false");
        builder.AddAttribute(3, "viewBox", "0 0 24 24");
        builder.AddAttribute(4, "aria-hidden", "true");
        builder.AddAttribute(5, "role", "img");
        builder.AddMarkupContent(6, icon);
        builder.CloseElement();
    };

    /// <summary>A small text-variant MudChip; <paramref name="color"/> is MudBlazor's color name ("default", "info", …).</summary>
    public static RenderFragment Chip(string text, string color, string? testId, string? icon = null) => builder =>
    {
        builder.OpenElement(0, "div");
        builder.AddAttribute(1, "class", "mud-chip-container");
        builder.OpenElement(2, "div");
        builder.AddAttribute(3, "class", $"mud-chip mud-chip-text mud-chip-size-small mud-chip-color-{color}");
        builder.AddAttribute(4, "data-testid", testId);
        if (icon is not null)
        {
            builder.AddContent(5, Icon(icon, "small", "mud-chip-icon"));
        }

        builder.OpenElement(6, "span");
        builder.AddAttribute(7, "class", "mud-chip-content");
        builder.AddContent(8, text);
        builder.CloseElement();
        builder.CloseElement();
        builder.CloseElement();
    };
}
