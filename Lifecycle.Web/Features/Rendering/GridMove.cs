namespace Lifecycle.Web.Features.Rendering;

/// <summary>A component dragged to a cell of the page's grid.</summary>
public sealed record GridMove(string ComponentId, int Row, int Column);
