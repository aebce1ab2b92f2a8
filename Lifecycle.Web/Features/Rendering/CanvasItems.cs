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
    // What was sent, in the page's order: an array of small structs, not a map of records (issue 12: ~7 KB less in a
    // 150-component editor's circuit). The scope and whether items can be dragged are the same for every item.
    private string[] _order = [];
    private SentItem[] _sent = [];
    private RenderScope? _scope;
    private bool _movable;
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
        var order = new string[components.Length];
        var sent = new SentItem[components.Length];
        // Another version's runtime has another scope, whose count of changes may equal this one's; and versions share
        // unchanged component instances (the object cache), so a new scope sends every item again.
        var everything = _reset || !ReferenceEquals(scope, _scope) || movable != _movable;
        var orderChanged = _reset || components.Length != _order.Length;
        Dictionary<string, int>? formerPlaces = null; // only when an item moved, was added or was deleted
        for (var i = 0; i < components.Length; i++)
        {
            var component = components[i];
            var item = new SentItem(component, component.Id == selectedId, RenderScope.IsReadBy(component) ? scope.Version : 0);
            var samePlace = i < _order.Length && string.Equals(_order[i], component.Id, StringComparison.Ordinal);
            var former = samePlace ? i : FormerPlace(component.Id, ref formerPlaces);
            if (everything || former < 0 || !item.SameAs(_sent[former]))
            {
                changed.Add(new CanvasItemMarkup(component.Id, CanvasMarkup.For(component, scope, movable, item.Selected)));
                Built++;
            }

            sent[i] = item;
            order[i] = component.Id;
            orderChanged = orderChanged || !samePlace;
        }

        var patch = new CanvasPatch(_reset, changed, orderChanged ? order : null);
        Resets += _reset ? 1 : 0;
        (_order, _sent, _scope, _movable, _reset) = (order, sent, scope, movable, false); // a deleted component is forgotten, and the patch's order removes it
        return patch;
    }

    /// <summary>A patch did not reach the browser: the next one clears the canvas and sends every item.</summary>
    public void Forget()
    {
        _order = [];
        _sent = [];
        _scope = null;
        _reset = true;
    }

    private int FormerPlace(string id, ref Dictionary<string, int>? places)
    {
        if (places is null)
        {
            places = new Dictionary<string, int>(_order.Length, StringComparer.Ordinal);
            for (var i = 0; i < _order.Length; i++)
            {
                places[_order[i]] = i;
            }
        }

        return places.TryGetValue(id, out var place) ? place : -1;
    }

    /// <summary>What the browser was last sent for one item: what its markup was built from, not the markup.</summary>
    private readonly record struct SentItem(ComponentDefinition Component, bool Selected, int ScopeVersion)
    {
        // The same definition instance: edits keep unchanged components as they were, so equal content is never compared.
        public bool SameAs(SentItem other) =>
            ReferenceEquals(Component, other.Component) && Selected == other.Selected && ScopeVersion == other.ScopeVersion;
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
