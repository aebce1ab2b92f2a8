using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Bunit;
using Lifecycle.Web.Features.Rendering;

namespace Lifecycle.Tests.Components;

/// <summary>
/// The editor canvas's items as a browser would show them: the patches the canvas sent to lifecycle.canvas.apply, applied
/// in order with the script's rules (a reset clears, an item replaces the one with its id or is added, an order removes
/// the items not in it and sorts the rest), then parsed as HTML.
/// </summary>
internal sealed class BrowserCanvas
{
    private readonly IDocument _document;

    private BrowserCanvas(IEnumerable<string> markup, IEnumerable<string> lastPatch)
    {
        _document = new HtmlParser().ParseDocument($"<div>{string.Concat(markup)}</div>");
        LastPatchNames = [.. lastPatch.Select(item => new HtmlParser().ParseDocument(item).Body!.FirstElementChild!.GetAttribute("data-testid")!["component-".Length..])];
    }

    /// <summary>The names of the components whose markup the last patch sent.</summary>
    public IReadOnlyList<string> LastPatchNames { get; }

    public static IReadOnlyList<CanvasPatch> Patches(BunitContext ctx) =>
        [.. ctx.JSInterop.Invocations["lifecycle.canvas.apply"].Select(call => (CanvasPatch)call.Arguments[1]!)];

    public static BrowserCanvas Of(BunitContext ctx)
    {
        var patches = Patches(ctx);
        var shown = new List<CanvasItemMarkup>();
        foreach (var patch in patches)
        {
            if (patch.Reset)
            {
                shown.Clear();
            }

            foreach (var item in patch.Items)
            {
                var at = shown.FindIndex(old => old.Id == item.Id);
                if (at >= 0)
                {
                    shown[at] = item;
                }
                else
                {
                    shown.Add(item);
                }
            }

            if (patch.Order is { } order)
            {
                shown = [.. order.Select(id => shown.Find(item => item.Id == id)).OfType<CanvasItemMarkup>()];
            }
        }

        return new BrowserCanvas(shown.Select(item => item.Markup), patches.Count == 0 ? [] : patches[^1].Items.Select(item => item.Markup));
    }

    public IElement Find(string selector) =>
        _document.QuerySelector(selector) ?? throw new InvalidOperationException($"The canvas shows no {selector}.");

    public IReadOnlyList<IElement> FindAll(string selector) => [.. _document.QuerySelectorAll(selector)];
}
