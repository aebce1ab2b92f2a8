using MudBlazor;

namespace Lifecycle.Web.Components.Layout;

/// <summary>
/// MudBlazor's light palette with colours dark enough for text on white and white text on them (WCAG 2.1 AA, 4.5:1):
/// the defaults for success, info, warning, error, secondary and secondary text fall short (issue 8's axe scan).
/// </summary>
public static class LifecycleTheme
{
    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#594ae2",
            Secondary = "#b0185a",
            Info = "#0b5cad",
            Success = "#1e7a34",
            Warning = "#9a5300",
            Error = "#c62828",
            TextSecondary = "rgba(0,0,0,0.68)",
            AppbarBackground = "#4b3ccf",
        },
    };
}
