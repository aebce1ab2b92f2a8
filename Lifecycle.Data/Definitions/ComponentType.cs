using System.Collections.Immutable;
using System.Text.Json.Serialization;

namespace Lifecycle.Data.Definitions;

/// <summary>SPEC D1 component types.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ComponentType>))]
public enum ComponentType
{
    Text,
    Button,
    TextInput,
    Table,
    Image,
}

/// <summary>What each component type is called, what it is named after (SPEC T2) and which properties it has.</summary>
public static class ComponentCatalog
{
    public static IReadOnlyList<ComponentType> All { get; } = Enum.GetValues<ComponentType>();

    public static string DisplayName(ComponentType type) => type switch
    {
        ComponentType.TextInput => "Text input",
        _ => type.ToString(),
    };

    /// <summary>SPEC T2: new components are named after their type, lowercase without spaces, plus a counter.</summary>
    public static string NamePrefix(ComponentType type) => DisplayName(type).Replace(" ", "").ToLowerInvariant();

    /// <summary>The properties a new component starts with; their keys are the labels of the property panel's fields.</summary>
    public static PropertyMap DefaultProperties(ComponentType type) => type switch
    {
        ComponentType.Text => Props(("text", "Text")),
        ComponentType.Button => Props(("label", "Button")),
        ComponentType.TextInput => Props(("label", "Label"), ("placeholder", ""), ("defaultValue", "")),
        ComponentType.Table => Props(("data", "[]")),
        ComponentType.Image => Props(("source", ""), ("alt", "")),
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    /// <summary>How many of the grid's 12 columns a new component of the type takes.</summary>
    public static int DefaultWidth(ComponentType type) => type switch
    {
        ComponentType.Button => 3,
        ComponentType.TextInput => 4,
        ComponentType.Image => 4,
        ComponentType.Text => 6,
        _ => GridPlacement.Columns,
    };

    private static PropertyMap Props(params (string Key, string Value)[] pairs) => PropertyMap.Of(pairs);
}
