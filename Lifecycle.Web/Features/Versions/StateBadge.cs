using Lifecycle.Data.Versions;
using Lifecycle.Web.Components.Shared;
using Microsoft.AspNetCore.Components;

namespace Lifecycle.Web.Features.Versions;

/// <summary>A version's state as a chip: markup, not a component, since every editor's header shows one (decisions 040, 041).</summary>
public static class StateBadge
{
    public static MarkupString For(DisplayedVersionState state, string? testId = null) => MudMarkup.Chip(state.ToString(), ColorOf(state), testId);

    private static string ColorOf(DisplayedVersionState state) => state switch
    {
        DisplayedVersionState.Released => "success",
        DisplayedVersionState.Saved => "info",
        _ => "default",
    };
}
