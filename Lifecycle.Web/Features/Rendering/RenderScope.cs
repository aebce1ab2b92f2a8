using System.Text.Json.Nodes;
using Lifecycle.Data.Definitions;
using Lifecycle.Data.Queries;

namespace Lifecycle.Web.Features.Rendering;

/// <summary>
/// The values bindings can reach (SPEC D2): plain constants, query results and what the end user did with the
/// components (an input's <c>value</c>, a table's <c>selectedRow</c>). One scope per rendered app; components write
/// into it, so whatever is bound to them follows as the user types or clicks.
/// </summary>
public sealed class RenderScope
{
    private readonly JsonObject _root = new()
    {
        ["constants"] = new JsonObject(),
        ["queries"] = new JsonObject(),
        ["components"] = new JsonObject(),
    };

    public event Action? Changed;

    /// <summary>Counts the changes, so that what shows the scope can tell whether it must render again (decision 035).</summary>
    public int Version { get; private set; }

    /// <summary>Whether a component's look depends on the scope: a binding in a property, or a component that shows what the user did.</summary>
    public static bool IsReadBy(ComponentDefinition component) =>
        component.Type is ComponentType.TextInput or ComponentType.Table
        || component.Properties.Values.Any(value => value.Contains("{{", StringComparison.Ordinal));

    /// <summary>Replaces constants and query results with one environment's (SPEC D2, E4).</summary>
    public void Load(RenderData data)
    {
        _root["queries"] = new JsonObject();
        Merge(data);
    }

    /// <summary>Takes one environment's constants and the results of the queries that ran; other results stay.</summary>
    public void Merge(RenderData data)
    {
        _root["constants"] = new JsonObject(data.Constants.Select(c => KeyValuePair.Create(c.Key, (JsonNode?)JsonValue.Create(c.Value))));
        var queries = _root["queries"]!.AsObject();
        foreach (var (name, outcome) in data.Queries)
        {
            queries[name] = new JsonObject { ["data"] = outcome.Data?.DeepClone(), ["error"] = outcome.Error };
        }

        Announce();
    }

    public string Text(string template) => Bindings.ResolveText(template, _root);

    public JsonNode? Value(string template) => Bindings.ResolveValue(template, _root);

    /// <summary>A query's last result (<c>data</c>, <c>error</c>), or null while it has not run.</summary>
    public JsonObject? QueryState(string queryName) => _root["queries"]![queryName] as JsonObject;

    public string? InputValue(string componentName) =>
        _root["components"]![componentName]?["value"]?.GetValue<string>();

    /// <summary><c>{{components.NAME.value}}</c>: what the user typed (or an event set).</summary>
    public void SetInputValue(string componentName, string value) => SetComponentState(componentName, "value", JsonValue.Create(value));

    /// <summary><c>{{components.NAME.selectedRow}}</c>: the table row the user picked.</summary>
    public void SelectRow(string componentName, JsonNode? row) => SetComponentState(componentName, "selectedRow", row?.DeepClone());

    public JsonNode? SelectedRow(string componentName) => _root["components"]![componentName]?["selectedRow"];

    private void SetComponentState(string componentName, string key, JsonNode? value)
    {
        var components = _root["components"]!.AsObject();
        if (components[componentName] is not JsonObject state)
        {
            state = new JsonObject();
            components[componentName] = state;
        }

        state[key] = value;
        Announce();
    }

    private void Announce()
    {
        Version++;
        Changed?.Invoke();
    }
}
