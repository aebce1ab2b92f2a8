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
    ImmutableArray<ComponentDefinition> Components)
{
    public ComponentDefinition? FindComponent(string componentId) =>
        ComponentPositions.IndexOf(Components, componentId) is >= 0 and var index ? Components[index] : null;
}

/// <summary>
/// A component on a page: a stable id, a name unique within the version, a type, string properties (which may hold
/// bindings, SPEC D2), its place on the page's 12-column grid and its events (SPEC D5). Definitions stored before the
/// grid and events existed have neither: they read as a full-width row in component order, and no events. Absent
/// parts are not written, so such content keeps its hash (SPEC D4).
/// </summary>
public sealed record ComponentDefinition(
    string Id,
    string Name,
    ComponentType Type,
    PropertyMap Properties,
    int Order,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] GridPlacement? Layout = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ImmutableList<EventAction>? OnClick = null)
{
    public string Property(string name) => Properties.GetValueOrDefault(name, "");

    /// <summary>Where the component sits on the grid; a component without a stored layout takes a full row of its own.</summary>
    [JsonIgnore]
    public GridPlacement Placement => Layout ?? new GridPlacement(Order, 0, GridPlacement.Columns);

    /// <summary>SPEC D5: what a click does, in order (buttons).</summary>
    [JsonIgnore]
    public ImmutableList<EventAction> ClickActions => OnClick ?? [];
}

/// <summary>A component's cell on the page's 12-column grid: its row, its first column (0-11) and its width in columns.</summary>
public readonly record struct GridPlacement(int Row, int Column, int Width)
{
    public const int Columns = 12;

    public bool Overlaps(GridPlacement other) =>
        Row == other.Row && Column < other.Column + other.Width && other.Column < Column + Width;
}

/// <summary>What an event does (SPEC D5). Paths and names only: an action never carries code.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<EventActionKind>))]
public enum EventActionKind
{
    /// <summary>Runs the query named by <see cref="EventAction.Target"/> on the server, with the user's rights.</summary>
    RunQuery,

    /// <summary>Sets the value of the input named by <see cref="EventAction.Target"/> to <see cref="EventAction.Value"/> (a template).</summary>
    SetValue,

    /// <summary>Opens the page whose handle is <see cref="EventAction.Target"/>.</summary>
    GoToPage,

    /// <summary>Shows <see cref="EventAction.Value"/> (a template) as a message.</summary>
    ShowMessage,
}

/// <summary>One step of an event: a kind, the query, component or page it targets, and a template value where the kind has one.</summary>
public sealed record EventAction(EventActionKind Kind, string Target, string Value);

/// <summary>
/// A query: its data source and options. <see cref="RunOnPageOpen"/> null means yes: queries stored before the option
/// existed ran whenever the app opened and keep doing so; a query added since starts with false (run when asked).
/// </summary>
public sealed record QueryDefinition(
    string Name,
    string DataSource,
    ImmutableSortedDictionary<string, string> Options,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] bool? RunOnPageOpen = null)
{
    [JsonIgnore]
    public bool RunsOnPageOpen => RunOnPageOpen ?? true;
}

public sealed record AppSettings(string Title, AppTheme Theme);

[JsonConverter(typeof(JsonStringEnumConverter<AppTheme>))]
public enum AppTheme
{
    Light,
    Dark,
}
