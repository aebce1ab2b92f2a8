using Lifecycle.Data.Definitions;
using Microsoft.AspNetCore.Components;

namespace Lifecycle.Web.Features.Rendering;

/// <summary>One item on the editor's canvas and what its markup (<see cref="CanvasMarkup"/>) was built from.</summary>
public sealed record CanvasItem(ComponentDefinition Component, RenderScope Scope, bool Movable, bool Selected, int ScopeVersion, MarkupString Markup)
{
    public string Id => Component.Id;
}

/// <summary>
/// The canvas's items, each built again only when what it shows changed: its definition (edits keep unchanged
/// components as the same instances), its selection, whether it can be dragged, the scope it is shown in (another
/// version's or environment's), or, for a component that reads the scope (bindings, inputs, tables), the scope's
/// changes. An edit of one component builds one item's markup and a selection two, however large the page (issue 9,
/// decision 043).
/// </summary>
public sealed class CanvasItems
{
    private Dictionary<string, CanvasItem> _items = new(StringComparer.Ordinal);

    /// <summary>How many items' markup has been built so far (what the cache saves shows here).</summary>
    public int Built { get; private set; }

    public IReadOnlyList<CanvasItem> For(PageDefinition page, RenderScope scope, bool movable, string? selectedId)
    {
        var items = new List<CanvasItem>(page.Components.Count);
        var kept = new Dictionary<string, CanvasItem>(page.Components.Count, StringComparer.Ordinal);
        foreach (var component in page.Components)
        {
            var scopeVersion = RenderScope.IsReadBy(component) ? scope.Version : 0;
            var selected = component.Id == selectedId;
            // Another version's runtime has another scope, whose count of changes may equal this one's; and versions
            // share unchanged component instances (the object cache), so the scope itself is part of the key.
            if (!_items.TryGetValue(component.Id, out var item) || !ReferenceEquals(item.Component, component) || !ReferenceEquals(item.Scope, scope)
                || item.Movable != movable || item.Selected != selected || item.ScopeVersion != scopeVersion)
            {
                var markup = new MarkupString(CanvasMarkup.For(component, scope, movable, selected));
                item = new CanvasItem(component, scope, movable, selected, scopeVersion, markup);
                Built++;
            }

            kept[component.Id] = item;
            items.Add(item);
        }

        _items = kept; // a deleted component's markup goes with it
        return items;
    }
}

/// <summary>
/// A click or a drag's start on the editor's canvas, with the item it happened in (null between items): lifecycle.js
/// registers these events, and reads the item from the nearest element with a data-component-id (decision 043).
/// </summary>
public sealed class CanvasItemEventArgs : EventArgs
{
    public string? ComponentId { get; set; }
}

/// <summary>
/// The canvas's delegated events: one handler on the grid instead of two on every item. The Razor compiler finds
/// custom events only on a class named exactly EventHandlers.
/// </summary>
[EventHandler("oncanvasselect", typeof(CanvasItemEventArgs), enableStopPropagation: true, enablePreventDefault: true)]
[EventHandler("oncanvasdragstart", typeof(CanvasItemEventArgs), enableStopPropagation: true, enablePreventDefault: true)]
public static class EventHandlers
{
}
