namespace Lifecycle.Web.Components.Shared;

/// <summary>
/// What a component last rendered from, so that a parent's render which brings it nothing new does not draw it again.
/// A circuit keeps a frame buffer for every render tree a component has drawn, ~1.3-5 KB each (issue 12), and a parent's
/// render re-renders every child that takes an object or a callback. The component records its inputs as it renders
/// (<c>@{ _renderedFrom.Record(Inputs); }</c> at the top of its markup) and renders again only when they differ
/// (<c>ShouldRender() => _renderedFrom.Differs(Inputs)</c>). Inputs are compared with <see cref="object.Equals(object?, object?)"/>:
/// a tuple of every value the markup reads, immutable lists by reference. A callback from the parent is not an input:
/// the one the child keeps does what the new one would.
/// </summary>
public sealed class RenderedFrom
{
    private object? _inputs;

    public void Record(object inputs) => _inputs = inputs;

    public bool Differs(object inputs) => !Equals(_inputs, inputs);
}
