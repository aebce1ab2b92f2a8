using Lifecycle.Data.Common;

namespace Lifecycle.Data.Definitions;

/// <summary>The page's 12-column grid: moving and resizing components. Nothing overlaps: whatever is in the way moves down.</summary>
public static partial class DefinitionEdits
{
    /// <summary>Moves a component to a row and column; its width stays, and it stays inside the 12 columns.</summary>
    public static Result<AppDefinition> MoveComponentTo(AppDefinition definition, string pageId, string componentId, int row, int column)
    {
        var page = definition.FindPage(pageId);
        var component = page?.FindComponent(componentId);
        if (page is null || component is null)
        {
            return NotFound("component");
        }

        var width = component.Placement.Width;
        var target = new GridPlacement(Math.Max(0, row), Math.Clamp(column, 0, GridPlacement.Columns - width), width);
        return ReplacePage(definition, page, Arrange(page, component, target));
    }

    /// <summary>Sets how many columns a component takes (1 to 12); it moves left when it would leave the grid.</summary>
    public static Result<AppDefinition> ResizeComponent(AppDefinition definition, string pageId, string componentId, int width)
    {
        var page = definition.FindPage(pageId);
        var component = page?.FindComponent(componentId);
        if (page is null || component is null)
        {
            return NotFound("component");
        }

        if (width is < 1 or > GridPlacement.Columns)
        {
            return Fail($"A width is 1 to {GridPlacement.Columns} columns.", "width");
        }

        var placement = component.Placement;
        var target = placement with { Width = width, Column = Math.Min(placement.Column, GridPlacement.Columns - width) };
        return ReplacePage(definition, page, Arrange(page, component, target));
    }

    /// <summary>
    /// Puts <paramref name="moved"/> at <paramref name="target"/> and moves what overlaps down, row by row. A component
    /// moved down yields to those already in its new row (it lands below them); moved up or sideways, it takes the cell.
    /// Empty rows are closed and components are numbered in reading order (row, then column), which is also the order
    /// of the page's content for screen readers and the Tab key.
    /// </summary>
    private static PageDefinition Arrange(PageDefinition page, ComponentDefinition moved, GridPlacement target)
    {
        var movingDown = target.Row > moved.Placement.Row;
        var sequence = page.Components
            .Select(c => (Component: c, Placement: c.Id == moved.Id ? target : c.Placement))
            .OrderBy(x => x.Placement.Row)
            .ThenBy(x => x.Component.Id != moved.Id ? 0 : movingDown ? 1 : -1)
            .ThenBy(x => x.Placement.Column)
            .ThenBy(x => x.Component.Order);
        var placed = new List<(ComponentDefinition Component, GridPlacement Placement)>();
        foreach (var (component, wanted) in sequence)
        {
            var placement = wanted;
            while (placed.Any(p => p.Placement.Overlaps(placement)))
            {
                placement = placement with { Row = placement.Row + 1 };
            }

            placed.Add((component, placement));
        }

        var rows = placed.Select(p => p.Placement.Row).Distinct().Order().ToList();
        var arranged = placed
            .OrderBy(p => p.Placement.Row).ThenBy(p => p.Placement.Column)
            .Select((p, index) => p.Component with { Order = index, Layout = p.Placement with { Row = rows.IndexOf(p.Placement.Row) } });
        return page with { Components = [.. arranged] };
    }
}
