using System.Text.Json.Nodes;
using Lifecycle.Data.Definitions;
using Lifecycle.Data.Queries;

namespace Lifecycle.Web.Features.Rendering;

/// <summary>
/// The values bindings can reach (SPEC D2): constants, query results and the current values of inputs.
/// One scope per rendered app; inputs write their value back, so text bound to them follows as the user types.
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

    /// <summary>Puts one environment's plain constants and query results where bindings find them (SPEC D2, E4).</summary>
    public void Load(RenderData data)
    {
        _root["constants"] = new JsonObject(data.Constants.Select(c => KeyValuePair.Create(c.Key, (JsonNode?)JsonValue.Create(c.Value))));
        _root["queries"] = new JsonObject(data.Queries.Select(q => KeyValuePair.Create(q.Key, (JsonNode?)new JsonObject
        {
            ["data"] = q.Value.Data?.DeepClone(),
            ["error"] = q.Value.Error,
        })));
        Changed?.Invoke();
    }

    public string Text(string template) => Bindings.ResolveText(template, _root);

    public JsonNode? Value(string template) => Bindings.ResolveValue(template, _root);

    public string? InputValue(string componentName) =>
        _root["components"]![componentName]?["value"]?.GetValue<string>();

    public void SetInputValue(string componentName, string value)
    {
        _root["components"]![componentName] = new JsonObject { ["value"] = value };
        Changed?.Invoke();
    }
}
