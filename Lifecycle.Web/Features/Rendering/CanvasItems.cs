using Lifecycle.Data.Definitions;

namespace Lifecycle.Web.Features.Rendering;

/// <summary>
/// The canvas's items as the browser shows them. Each patch holds the markup of the items whose content changed since the
/// last one: their definition (edits keep unchanged components as the same instances), their selection, whether they can
/// be dragged, the scope they are shown in (another version's or environment's), or, for a component that reads the
/// scope (bindings, inputs, tables), the scope's changes; and the order of the items when it changed. An edit of one
/// component sends one item's markup and a selection two, however large the page (issue 9). The markup itself is not
/// kept: the browser holds the items, the server only what they were built from (decision 044).
/// </summary>
public sealed class CanvasItems
{
    private Dictionary<string, SentItem> _sent = new(StringComparer.Ordinal);
    private string[] _order = [];
    private bool _reset = true;

    /// <summary>How many items' markup has been built so far (what sending only the changes saves shows here).</summary>
    public int Built { get; private set; }

    /// <summary>How many patches that replace every item have been built.</summary>
    public int Resets { get; private set; }

    /// <summary>Whether the next patch must send every item again (the browser's items are not known).</summary>
    public bool MustResend => _reset;

    /// <summary>What changed since the last patch, which the caller sends to the browser; it is then taken as shown.</summary>
    public CanvasPatch Patch(PageDefinition page, RenderScope scope, bool movable, string? selectedId)
    {
        var components = page.Components;
        var changed = new List<CanvasItemMarkup>();
        var kept = new Dictionary<string, SentItem>(components.Count, StringComparer.Ordinal);
        var order = new string[components.Count];
        var orderChanged = _reset || components.Count != _order.Length;
        for (var i = 0; i < components.Count; i++)
        {
            var component = components[i];
            var scopeVersion = RenderScope.IsReadBy(component) ? scope.Version : 0;
            var selected = component.Id == selectedId;
            // Another version's runtime has another scope, whose count of changes may equal this one's; and versions
            // share unchanged component instances (the object cache), so the scope itself is part of the key.
            if (_reset || !_sent.TryGetValue(component.Id, out var item) || !ReferenceEquals(item.Component, component) || !ReferenceEquals(item.Scope, scope)
                || item.Movable != movable || item.Selected != selected || item.ScopeVersion != scopeVersion)
            {
                item = new SentItem(component, scope, movable, selected, scopeVersion);
                changed.Add(new CanvasItemMarkup(component.Id, CanvasMarkup.For(component, scope, movable, selected)));
                Built++;
            }

            kept[component.Id] = item;
            order[i] = component.Id;
            orderChanged = orderChanged || !string.Equals(_order[i], component.Id, StringComparison.Ordinal);
        }

        var patch = new CanvasPatch(_reset, changed, orderChanged ? order : null);
        Resets += _reset ? 1 : 0;
        _sent = kept; // a deleted component is forgotten, and the patch's order removes it from the page
        _order = order;
        _reset = false;
        return patch;
    }

    /// <summary>A patch did not reach the browser: the next one clears the canvas and sends every item.</summary>
    public void Forget()
    {
        _sent = new(StringComparer.Ordinal);
        _order = [];
        _reset = true;
    }

    /// <summary>What the browser was last sent for one item: what its markup was built from, not the markup.</summary>
    private sealed record SentItem(ComponentDefinition Component, RenderScope Scope, bool Movable, bool Selected, int ScopeVersion);
}

/// <summary>
/// A click or a drag's start on the editor's canvas, with the item it happened in (null between items): lifecycle.js
/// registers these events, and reads the item from the nearest element with a data-component-id (decision 043).
/// </summary>
public sealed class CanvasItemEventArgs : EventArgs
{
    public string? ComponentId { get; set; }
}
