using System.Collections.Concurrent;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Components;

namespace Lifecycle.Web.Components.Shared;

/// <summary>
/// The markup MudBlazor 9 renders for an icon, a chip, a switch, a field's error text and a button's classes, without a component instance: each live component costs an
/// idle tab ~4 KB of server memory (decision 040). One place, so a MudBlazor upgrade that renames a class is mended once.
/// </summary>
public static class MudMarkup
{
    /// <summary>
    /// One instance of a class list for the whole process. A render tree keeps each attribute's string for the circuit's
    /// life, and a list built by interpolation is a new string at every render: ~12 KB in every idle editor (issue 12).
    /// Class lists come from a few fixed parts, so the pool stays small.
    /// </summary>
    public static string Shared(string classes) => string.Intern(classes);

    private static readonly ConcurrentDictionary<(string Icon, string Size, string? ExtraClass), string> IconMarkup = new();
    private static readonly ConcurrentDictionary<(string Icon, string Size), string> IconButtonLabels = new();
    private static readonly ConcurrentDictionary<(string Text, string Color, string? TestId, string? Icon), string> Chips = new();

    /// <summary>
    /// A MudIcon's svg; <paramref name="size"/> is "small" or "medium". One markup frame holding a string shared by every
    /// circuit, not an element with five attributes: a component's frame buffer doubles at 32 and 64 frames, so six
    /// frames an icon decide the size of some (issue 12). The icons are MudBlazor's constants, so the pool stays small.
    /// </summary>
    public static RenderFragment Icon(string icon, string size, string? extraClass = null) => builder =>
        builder.AddMarkupContent(0, Svg(icon, size, extraClass));

    /// <summary>The svg of <see cref="Icon"/> as text, for markup built in one piece.</summary>
    public static string Svg(string icon, string size, string? extraClass = null) =>
        IconMarkup.GetOrAdd((icon, size, extraClass), static key =>
            $"<svg class=\"mud-icon-root mud-svg-icon mud-icon-size-{key.Size}{(key.ExtraClass is null ? "" : " " + key.ExtraClass)}\" focusable=\"false\" viewBox=\"0 0 24 24\" aria-hidden=\"true\" role=\"img\">{key.Icon}</svg>");

    /// <summary>
    /// MudButton's classes: <paramref name="variant"/> "text", "filled" or "outlined"; color and size as MudBlazor names
    /// them ("default", "primary", "inherit"; "small", "medium"). Without the click ripple (decision 040). Classes of
    /// the caller's own go in <paramref name="extraClass"/>, after MudBlazor's, so the whole list is one shared string.
    /// </summary>
    public static string ButtonClass(string variant, string color, string size, string? extraClass = null) =>
        Shared($"mud-button-root mud-button mud-button-{variant} mud-button-{variant}-{color} mud-button-{variant}-size-{size}{(extraClass is null ? "" : " " + extraClass)}");

    /// <summary>MudIconButton's classes: MudBlazor names the size only when it is not medium; <paramref name="extraClass"/> as for <see cref="ButtonClass"/>.</summary>
    public static string IconButtonClass(string size, string? extraClass = null) =>
        size == "medium" && extraClass is null ? "mud-button-root mud-icon-button"
        : Shared($"mud-button-root mud-icon-button{(size == "medium" ? "" : $" mud-icon-button-size-{size}")}{(extraClass is null ? "" : " " + extraClass)}");

    /// <summary>A MudIconButton named by <paramref name="label"/> (its accessible name); <paramref name="size"/> "small" or "medium".</summary>
    public static RenderFragment IconButton(string icon, string label, string size, EventCallback onClick) => builder =>
    {
        builder.OpenElement(0, "button");
        builder.AddAttribute(1, "type", "button");
        builder.AddAttribute(2, "class", IconButtonClass(size));
        builder.AddAttribute(3, "aria-label", label);
        builder.AddAttribute(4, "onclick", onClick);
        builder.AddContent(5, IconButtonLabel(icon, size));
        builder.CloseElement();
    };

    /// <summary>A MudIconButton's label with its icon: it never changes, so it is one markup frame shared by every circuit (issue 12).</summary>
    public static MarkupString IconButtonLabel(string icon, string size) =>
        new(IconButtonLabels.GetOrAdd((icon, size), static key => $"<span class=\"mud-icon-button-label\">{Svg(key.Icon, key.Size)}</span>"));

    /// <summary>A MudButton's icon before or after its label; <paramref name="placement"/> "mud-button-icon-start" or "-end".</summary>
    public static RenderFragment ButtonIcon(string placement, string icon) => builder =>
    {
        builder.OpenElement(0, "span");
        builder.AddAttribute(1, "class", Shared($"{placement} mud-button-icon-size-medium"));
        builder.AddContent(2, Icon(icon, "medium"));
        builder.CloseElement();
    };

    /// <summary>A field's error text under it, as MudTextField and MudSelect draw it; <paramref name="id"/> lets the input point at it.</summary>
    public static RenderFragment ErrorText(string text, string? id = null) => builder =>
    {
        builder.OpenElement(0, "div");
        builder.AddAttribute(1, "class", "mud-input-control-helper-container");
        builder.OpenElement(2, "div");
        builder.AddAttribute(3, "class", "d-flex mud-input-helper-text mud-input-error");
        builder.AddAttribute(4, "id", id);
        builder.OpenElement(5, "div");
        builder.AddAttribute(6, "class", "me-auto");
        builder.AddContent(7, text);
        builder.CloseElement();
        builder.CloseElement();
        builder.CloseElement();
    };

    /// <summary>
    /// A small text-variant MudChip; <paramref name="color"/> is MudBlazor's color name ("default", "info", …). One markup
    /// frame shared by every circuit (issue 12): a chip has no events, and its callers (the save status, the version
    /// state badge) draw words from a fixed set, so the pool stays small.
    /// </summary>
    public static MarkupString Chip(string text, string color, string? testId, string? icon = null) =>
        new(Chips.GetOrAdd((text, color, testId, icon), static key =>
        {
            var html = HtmlEncoder.Default;
            var testIdAttribute = key.TestId is null ? "" : $" data-testid=\"{html.Encode(key.TestId)}\"";
            var iconMarkup = key.Icon is null ? "" : Svg(key.Icon, "small", "mud-chip-icon");
            return $"<div class=\"mud-chip-container\"><div class=\"mud-chip mud-chip-text mud-chip-size-small mud-chip-color-{key.Color}\"{testIdAttribute}>"
                + $"{iconMarkup}<span class=\"mud-chip-content\">{html.Encode(key.Text)}</span></div></div>";
        }));

    /// <summary>
    /// A medium primary MudSwitch with its label after it, less the click ripple (decision 040). A MudSwitch is two
    /// components and keeps a key interceptor over JS interop; a native checkbox toggles on Space by itself.
    /// </summary>
    public static RenderFragment Switch(bool on, string label, string testId, EventCallback<ChangeEventArgs> onChange) => builder =>
    {
        var color = on ? "primary" : "default";
        builder.OpenElement(0, "div");
        builder.AddAttribute(1, "class", "mud-input-control mud-input-control-boolean-input");
        builder.OpenElement(2, "div");
        builder.AddAttribute(3, "class", "mud-input-control-input-container");
        builder.OpenElement(4, "label");
        builder.AddAttribute(5, "class", "mud-switch mud-input-content-placement-end");
        builder.OpenElement(6, "span");
        builder.AddAttribute(7, "class", "mud-switch-span mud-switch-span-medium");
        builder.OpenElement(8, "span");
        builder.AddAttribute(9, "class", Shared($"mud-button-root mud-icon-button mud-switch-base mud-{color}-text hover:mud-{color}-hover{(on ? " mud-checked" : "")} mud-switch-base-medium"));
        builder.OpenElement(10, "span");
        builder.AddAttribute(11, "class", "mud-switch-button");
        builder.OpenElement(12, "input");
        builder.AddAttribute(13, "type", "checkbox");
        builder.AddAttribute(14, "class", "mud-switch-input");
        builder.AddAttribute(15, "role", "switch");
        builder.AddAttribute(16, "aria-checked", on ? "true" : "false");
        builder.AddAttribute(17, "checked", on);
        builder.AddAttribute(18, "data-testid", testId);
        builder.AddAttribute(19, "onchange", onChange);
        builder.CloseElement();
        builder.OpenElement(20, "span");
        builder.AddAttribute(21, "class", "mud-switch-thumb-medium d-flex align-center justify-center");
        builder.CloseElement();
        builder.CloseElement();
        builder.CloseElement();
        builder.OpenElement(22, "span");
        builder.AddAttribute(23, "class", Shared($"mud-switch-track mud-{color}"));
        builder.CloseElement();
        builder.CloseElement();
        builder.OpenElement(24, "span");
        builder.AddAttribute(25, "class", "mud-typography mud-typography-body1");
        builder.AddContent(26, label);
        builder.CloseElement();
        builder.CloseElement();
        builder.CloseElement();
        builder.CloseElement();
    };
}
