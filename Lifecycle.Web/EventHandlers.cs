using Lifecycle.Web.Features.Rendering;
using Microsoft.AspNetCore.Components;

namespace Lifecycle.Web;

/// <summary>
/// The app's custom events, registered in lifecycle.js before Blazor starts: the editor canvas's delegated click and drag
/// start, one handler on the grid instead of two on every item (decision 043); and Escape for an open menu (LazyMenu),
/// wherever focus is. The Razor compiler finds custom events only on a class named exactly EventHandlers, in a namespace
/// the component imports.
/// </summary>
[EventHandler("oncanvasselect", typeof(CanvasItemEventArgs), enableStopPropagation: true, enablePreventDefault: true)]
[EventHandler("oncanvasdragstart", typeof(CanvasItemEventArgs), enableStopPropagation: true, enablePreventDefault: true)]
[EventHandler("onmenuescape", typeof(EventArgs), enableStopPropagation: true, enablePreventDefault: true)]
public static class EventHandlers
{
}
