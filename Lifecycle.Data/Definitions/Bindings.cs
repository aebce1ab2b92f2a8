using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Lifecycle.Data.Definitions;

/// <summary>
/// SPEC D2: <c>{{ path }}</c> bindings with paths only, no code. A path is looked up in a scope
/// (<c>constants</c>, <c>queries</c>, <c>components</c>); an unknown path resolves to empty, never an error.
/// </summary>
public static partial class Bindings
{
    [GeneratedRegex(@"\{\{\s*([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z0-9_]+)*)?\s*\}\}")]
    internal static partial Regex BindingPattern();

    /// <summary>Replaces every binding in <paramref name="template"/> with its value as text.</summary>
    public static string ResolveText(string template, JsonObject scope) =>
        BindingPattern().Replace(template, match => AsText(Lookup(scope, match.Groups[1].Value)));

    /// <summary>
    /// The value of a property that is a single binding (such as a table's data) as JSON; a property that is
    /// not a single binding is parsed as JSON, and anything unparseable is null.
    /// </summary>
    public static JsonNode? ResolveValue(string template, JsonObject scope)
    {
        var trimmed = template.Trim();
        var match = BindingPattern().Match(trimmed);
        if (match.Success && match.Length == trimmed.Length)
        {
            return Lookup(scope, match.Groups[1].Value)?.DeepClone();
        }

        try
        {
            return JsonNode.Parse(ResolveText(trimmed, scope));
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The paths of every binding in <paramref name="template"/>, such as <c>constants.API_URL</c>.</summary>
    public static IEnumerable<string> Paths(string template) =>
        BindingPattern().Matches(template).Select(m => m.Groups[1].Value).Where(p => p.Length > 0);

    private static JsonNode? Lookup(JsonObject scope, string path)
    {
        if (path.Length == 0)
        {
            return null;
        }

        JsonNode? current = scope;
        foreach (var segment in path.Split('.'))
        {
            current = current switch
            {
                JsonObject obj => obj[segment],
                JsonArray array when int.TryParse(segment, out var index) && index >= 0 && index < array.Count => array[index],
                _ => null,
            };

            if (current is null)
            {
                return null;
            }
        }

        return current;
    }

    private static string AsText(JsonNode? node) => node switch
    {
        null => "",
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        _ => node.ToJsonString(),
    };
}
