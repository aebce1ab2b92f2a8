using System.Collections.Immutable;
using System.Text.Json.Serialization;

namespace Lifecycle.Data.Definitions;

/// <summary>SPEC D1: an app version's content. Immutable: every edit returns a new definition.</summary>
public sealed record AppDefinition(
    int SchemaVersion,
    ImmutableList<PageDefinition> Pages,
    ImmutableList<QueryDefinition> Queries,
    AppSettings Settings)
{
    public const int CurrentSchemaVersion = 1;

    /// <summary>SPEC V1: an empty home page.</summary>
    public static AppDefinition Empty() => new(
        CurrentSchemaVersion,
        [new PageDefinition(NewId(), "Home", "home", 0, [])],
        [],
        new AppSettings("", AppTheme.Light));

    public PageDefinition? FindPage(string pageId) => Pages.Find(p => p.Id == pageId);

    internal static string NewId() => Guid.NewGuid().ToString("N")[..12];
}

public sealed record PageDefinition(
    string Id,
    string Name,
    string Handle,
    int Order,
    ImmutableList<ComponentDefinition> Components)
{
    public ComponentDefinition? FindComponent(string componentId) => Components.Find(c => c.Id == componentId);
}

/// <summary>A component on a page: a stable id, a name unique within the version, a type and string properties (which may hold bindings, SPEC D2).</summary>
public sealed record ComponentDefinition(
    string Id,
    string Name,
    ComponentType Type,
    ImmutableSortedDictionary<string, string> Properties,
    int Order)
{
    public string Property(string name) => Properties.GetValueOrDefault(name, "");
}

public sealed record QueryDefinition(
    string Name,
    string DataSource,
    ImmutableSortedDictionary<string, string> Options);

public sealed record AppSettings(string Title, AppTheme Theme);

[JsonConverter(typeof(JsonStringEnumConverter<AppTheme>))]
public enum AppTheme
{
    Light,
    Dark,
}
