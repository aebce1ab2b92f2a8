using Microsoft.AspNetCore.Components;

namespace Lifecycle.Web.Components.Shared;

/// <summary>
/// SPEC T3: a marker present once the circuit is interactive, so scripts know clicks will be handled. Markup the layouts
/// draw, not a component of its own: every page's circuit would hold it (decision 041).
/// </summary>
public static class InteractiveMarker
{
    private static readonly RenderFragment Marker = builder =>
    {
        builder.OpenElement(0, "span");
        builder.AddAttribute(1, "data-testid", "interactive");
        builder.AddAttribute(2, "hidden", true);
        builder.CloseElement();
    };

    public static RenderFragment? When(RendererInfo renderer) => renderer.IsInteractive ? Marker : null;
}
