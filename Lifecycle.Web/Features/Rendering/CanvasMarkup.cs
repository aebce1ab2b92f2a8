using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json.Nodes;
using System.Text.Unicode;
using Lifecycle.Data.Definitions;
using Lifecycle.Web.Components.Shared;

namespace Lifecycle.Web.Features.Rendering;

/// <summary>
/// One item of the editor's canvas as one HTML string: its element (`component-NAME`, where it sits on the grid, its
/// selection, the `data-component-id` the grid's events carry), its drag handle, and the component's look, that of
/// <see cref="PlacedComponent"/>'s live controls (MudBlazor's classes, the values bound through the scope) without
/// acting (a click selects it). The canvas holds it as a single markup frame instead of a component with its own render
/// trees (decision 043). Every text and attribute value goes through the HTML encoder: the browser parses this string,
/// so an unencoded value would be markup.
/// </summary>
public static class CanvasMarkup
{
    // Encodes what HTML needs (< > & " ' and controls) and leaves letters of every script as they are.
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    public static string For(ComponentDefinition component, RenderScope scope, bool movable, bool selected)
    {
        var at = component.Placement;
        var html = new StringBuilder(384)
            .Append(selected ? "<div class=\"lc-component selected\"" : "<div class=\"lc-component\"")
            .Append(" style=\"").Append(PlacedComponent.GridStyle(at)).Append('"')
            .Append(" data-testid=\"").Append(Encoder.Encode($"component-{component.Name}"))
            .Append("\" data-component-id=\"").Append(Encoder.Encode(component.Id))
            .Append(CultureInfo.InvariantCulture, $"\" data-column=\"{at.Column}\" data-row=\"{at.Row}\" data-width=\"{at.Width}\">");
        if (movable)
        {
            // Mouse only; the property panel's Layout buttons move it from the keyboard.
            html.Append("<span class=\"lc-drag-handle\" draggable=\"true\" aria-hidden=\"true\" title=\"")
                .Append(Encoder.Encode($"Drag to move {component.Name}"))
                .Append("\" data-testid=\"").Append(Encoder.Encode($"drag-{component.Name}")).Append("\"></span>");
        }

        switch (component.Type)
        {
            case ComponentType.Text:
                html.Append("<p class=\"mud-typography mud-typography-body1\" style=\"white-space: pre-wrap\">")
                    .Append(Encoder.Encode(scope.Text(component.Property("text")))).Append("</p>");
                break;
            case ComponentType.Button:
                html.Append("<button type=\"button\" class=\"").Append(MudMarkup.ButtonClass("filled", "primary", "medium"))
                    .Append(" mud-ripple\" disabled tabindex=\"-1\"><span class=\"mud-button-label\">")
                    .Append(Encoder.Encode(scope.Text(component.Property("label")))).Append("</span></button>");
                break;
            case ComponentType.TextInput:
                Input(html, component, scope);
                break;
            case ComponentType.Table:
                Table(html, component.Name, scope.Value(component.Property("data")) as JsonArray, scope.SelectedRow(component.Name));
                break;
            case ComponentType.Image:
                Image(html, scope.Text(component.Property(ImageSources.Property)), scope.Text(component.Property("alt")));
                break;
        }

        return html.Append("</div>").ToString();
    }

    private static void Input(StringBuilder html, ComponentDefinition component, RenderScope scope)
    {
        var label = Encoder.Encode(PlacedComponent.LabelOf(component, scope));
        html.Append("<div class=\"mud-input-control mud-input-input-control\"><div class=\"mud-input-control-input-container\">")
            .Append("<div class=\"mud-input mud-input-outlined mud-shrink mud-typography-subtitle1\">")
            .Append("<input class=\"mud-input-slot mud-input-root mud-input-root-outlined\" type=\"text\" readonly tabindex=\"-1\" aria-label=\"").Append(label)
            .Append("\" value=\"").Append(Encoder.Encode(PlacedComponent.ValueOf(component, scope)))
            .Append("\" placeholder=\"").Append(Encoder.Encode(scope.Text(component.Property("placeholder"))))
            .Append("\" /><div class=\"mud-input-outlined-border\"></div></div>")
            .Append("<label class=\"mud-input-label mud-input-label-animated mud-input-label-outlined mud-input-label-inputcontrol\">").Append(label)
            .Append("</label></div></div>");
    }

    private static void Table(StringBuilder html, string name, JsonArray? rows, JsonNode? selectedRow)
    {
        if (rows is null || rows.Count == 0)
        {
            html.Append("<span class=\"mud-typography mud-typography-caption\">No rows</span>");
            return;
        }

        var columns = DataTable.ColumnsOf(rows).ToList();
        html.Append("<div class=\"mud-table mud-simple-table mud-table-dense mud-table-bordered mud-elevation-1\" data-testid=\"")
            .Append(Encoder.Encode($"table-{name}")).Append("\"><div class=\"mud-table-container\"><table><thead><tr>");
        foreach (var column in columns)
        {
            html.Append("<th>").Append(Encoder.Encode(column)).Append("</th>");
        }

        html.Append("</tr></thead><tbody>");
        foreach (var row in rows)
        {
            var selected = selectedRow is not null && JsonNode.DeepEquals(row, selectedRow);
            html.Append(selected ? "<tr class=\"lc-row-selected\" aria-selected=\"true\">" : "<tr class=\"\" aria-selected=\"false\">");
            foreach (var column in columns)
            {
                html.Append("<td>").Append(Encoder.Encode(DataTable.CellText(row, column))).Append("</td>");
            }

            html.Append("</tr>");
        }

        html.Append("</tbody></table></div></div>");
    }

    private static void Image(StringBuilder html, string source, string alt)
    {
        if (string.IsNullOrWhiteSpace(source))
        {
            html.Append("<div class=\"mud-paper mud-paper-outlined pa-4\"><span class=\"mud-typography mud-typography-caption\">Image: no source set</span></div>");
        }
        else if (!ImageSources.IsAllowed(source))
        {
            html.Append("<div class=\"mud-paper mud-paper-outlined pa-4\" data-testid=\"image-refused\"><span class=\"mud-typography mud-typography-caption\">Image: ")
                .Append(Encoder.Encode(ImageSources.Refusal)).Append("</span></div>");
        }
        else
        {
            html.Append("<img src=\"").Append(Encoder.Encode(source)).Append("\" alt=\"").Append(Encoder.Encode(alt)).Append("\" style=\"max-width: 100%\" draggable=\"false\" />");
        }
    }
}
