using Microsoft.AspNetCore.Components.Web;

namespace Lifecycle.Web.Components.Shared;

/// <summary>Keyboard conventions of every dialog: Enter submits (Shift+Enter keeps a new line in a multi-line field).</summary>
public static class DialogKeys
{
    public static bool IsSubmit(KeyboardEventArgs key) => key.Key is "Enter" or "NumpadEnter" && !key.ShiftKey;
}
