using Lifecycle.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Lifecycle.Web.Features.Editor;

/// <summary>
/// SPEC V4: the autosave state as a chip in the header; its words differ from the version's "Saved" state badge.
/// Markup the header draws, not a component (decisions 040, 041).
/// </summary>
public static class SaveStatus
{
    public static MarkupString For(EditorSession session)
    {
        var (text, color, icon) = session.SaveState switch
        {
            SaveState.Saving => ("Saving…", "default", null),
            SaveState.Saved => ("All changes stored", "default", Icons.Material.Outlined.CloudDone),
            _ => ("Not stored", "error", (string?)null),
        };
        return MudMarkup.Chip(text, color, "save-status", icon);
    }
}
