using System.Text.Json.Serialization;
using Lifecycle.Data.Common;

namespace Lifecycle.Data.Definitions;

/// <summary>
/// One edit of a definition as autosave sends it (decision 019): what the builder did, not the definition it produced.
/// The editor applies it to its working copy and the server to the stored version, both through <see cref="DefinitionEdits"/>,
/// so both reach the same definition. An operation carries every id it creates, so applying it twice gives the same result.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "op")]
[JsonDerivedType(typeof(AddPage), "add-page")]
[JsonDerivedType(typeof(RenamePage), "rename-page")]
[JsonDerivedType(typeof(DeletePage), "delete-page")]
[JsonDerivedType(typeof(MovePage), "move-page")]
[JsonDerivedType(typeof(AddComponent), "add-component")]
[JsonDerivedType(typeof(SetComponentProperty), "set-property")]
[JsonDerivedType(typeof(RenameComponent), "rename-component")]
[JsonDerivedType(typeof(ReplaceComponent), "replace-component")]
[JsonDerivedType(typeof(DeleteComponent), "delete-component")]
[JsonDerivedType(typeof(MoveComponent), "move-component")]
[JsonDerivedType(typeof(MoveComponentTo), "move-component-to")]
[JsonDerivedType(typeof(ResizeComponent), "resize-component")]
[JsonDerivedType(typeof(AddClickAction), "add-click-action")]
[JsonDerivedType(typeof(RemoveClickAction), "remove-click-action")]
[JsonDerivedType(typeof(UpdateSettings), "update-settings")]
[JsonDerivedType(typeof(AddQuery), "add-query")]
[JsonDerivedType(typeof(SetQueryOption), "set-query-option")]
[JsonDerivedType(typeof(DeleteQuery), "delete-query")]
[JsonDerivedType(typeof(SetQueryRunOnPageOpen), "set-query-run-on-page-open")]
public abstract record DefinitionOperation
{
    public abstract Result<AppDefinition> ApplyTo(AppDefinition definition);

    /// <summary>
    /// The component whose properties the operation may set, or null. SPEC E5 looks for secret constants there only, so
    /// the check of an autosave costs what the change costs, not what the definition holds.
    /// </summary>
    [JsonIgnore]
    public virtual (string PageId, string ComponentId)? WritesComponent => null;

    /// <summary>The query whose options the operation may set, or null (see <see cref="WritesComponent"/>).</summary>
    [JsonIgnore]
    public virtual string? WritesQuery => null;

    /// <summary>Applies operations in order; the first one refused stops and is returned.</summary>
    public static Result<AppDefinition> ApplyAll(AppDefinition definition, IEnumerable<DefinitionOperation> operations)
    {
        foreach (var operation in operations)
        {
            var applied = operation.ApplyTo(definition);
            if (!applied.IsSuccess)
            {
                return applied;
            }

            definition = applied.Value!;
        }

        return definition;
    }
}

/// <summary>A new page; create it with <see cref="New"/>, which picks its id.</summary>
public sealed record AddPage(string PageId, string Name) : DefinitionOperation
{
    public static AddPage New(string name) => new(AppDefinition.NewId(), name);

    public override Result<AppDefinition> ApplyTo(AppDefinition definition) => DefinitionEdits.AddPage(definition, PageId, Name);
}

public sealed record RenamePage(string PageId, string Name) : DefinitionOperation
{
    public override Result<AppDefinition> ApplyTo(AppDefinition definition) => DefinitionEdits.RenamePage(definition, PageId, Name);
}

public sealed record DeletePage(string PageId) : DefinitionOperation
{
    public override Result<AppDefinition> ApplyTo(AppDefinition definition) => DefinitionEdits.DeletePage(definition, PageId);
}

public sealed record MovePage(string PageId, int Offset) : DefinitionOperation
{
    public override Result<AppDefinition> ApplyTo(AppDefinition definition) => DefinitionEdits.MovePage(definition, PageId, Offset);
}

/// <summary>A new component at the end of a page; create it with <see cref="New"/>, which picks its id (SPEC T2 names it).</summary>
public sealed record AddComponent(string PageId, string ComponentId, ComponentType Type) : DefinitionOperation
{
    public static AddComponent New(string pageId, ComponentType type) => new(pageId, AppDefinition.NewId(), type);

    public override Result<AppDefinition> ApplyTo(AppDefinition definition) => DefinitionEdits.AddComponent(definition, PageId, ComponentId, Type);
}

public sealed record SetComponentProperty(string PageId, string ComponentId, string Property, string Value) : DefinitionOperation
{
    public override (string PageId, string ComponentId)? WritesComponent => (PageId, ComponentId);

    public override Result<AppDefinition> ApplyTo(AppDefinition definition) => DefinitionEdits.SetProperty(definition, PageId, ComponentId, Property, Value);
}

public sealed record RenameComponent(string PageId, string ComponentId, string Name) : DefinitionOperation
{
    public override Result<AppDefinition> ApplyTo(AppDefinition definition) => DefinitionEdits.RenameComponent(definition, PageId, ComponentId, Name);
}

/// <summary>A component's whole record, for changes of fields that have no operation of their own (its id and type stay).</summary>
public sealed record ReplaceComponent(string PageId, ComponentDefinition Component) : DefinitionOperation
{
    public override (string PageId, string ComponentId)? WritesComponent => (PageId, Component.Id);

    public override Result<AppDefinition> ApplyTo(AppDefinition definition) => DefinitionEdits.ReplaceComponent(definition, PageId, Component);
}

public sealed record DeleteComponent(string PageId, string ComponentId) : DefinitionOperation
{
    public override Result<AppDefinition> ApplyTo(AppDefinition definition) => DefinitionEdits.DeleteComponent(definition, PageId, ComponentId);
}

public sealed record MoveComponent(string PageId, string ComponentId, int Offset) : DefinitionOperation
{
    public override Result<AppDefinition> ApplyTo(AppDefinition definition) => DefinitionEdits.MoveComponent(definition, PageId, ComponentId, Offset);
}

/// <summary>Moves a component to a cell of the page's grid; what is in the way moves down (issue 8).</summary>
public sealed record MoveComponentTo(string PageId, string ComponentId, int Row, int Column) : DefinitionOperation
{
    public override Result<AppDefinition> ApplyTo(AppDefinition definition) => DefinitionEdits.MoveComponentTo(definition, PageId, ComponentId, Row, Column);
}

/// <summary>Sets how many of the grid's columns a component takes (issue 8).</summary>
public sealed record ResizeComponent(string PageId, string ComponentId, int Width) : DefinitionOperation
{
    public override Result<AppDefinition> ApplyTo(AppDefinition definition) => DefinitionEdits.ResizeComponent(definition, PageId, ComponentId, Width);
}

/// <summary>Appends an action to a button's On click (SPEC D5).</summary>
public sealed record AddClickAction(string PageId, string ComponentId, EventAction Action) : DefinitionOperation
{
    public override Result<AppDefinition> ApplyTo(AppDefinition definition) => DefinitionEdits.AddClickAction(definition, PageId, ComponentId, Action);
}

/// <summary>Removes the action at <see cref="Index"/> of a button's On click (SPEC D5).</summary>
public sealed record RemoveClickAction(string PageId, string ComponentId, int Index) : DefinitionOperation
{
    public override Result<AppDefinition> ApplyTo(AppDefinition definition) => DefinitionEdits.RemoveClickAction(definition, PageId, ComponentId, Index);
}

public sealed record UpdateSettings(AppSettings Settings) : DefinitionOperation
{
    public override Result<AppDefinition> ApplyTo(AppDefinition definition) => DefinitionEdits.UpdateSettings(definition, Settings);
}

public sealed record AddQuery(string Name, string DataSource) : DefinitionOperation
{
    public override Result<AppDefinition> ApplyTo(AppDefinition definition) => DefinitionEdits.AddQuery(definition, Name, DataSource);
}

public sealed record SetQueryOption(string QueryName, string Option, string Value) : DefinitionOperation
{
    public override string? WritesQuery => QueryName;

    public override Result<AppDefinition> ApplyTo(AppDefinition definition) => DefinitionEdits.SetQueryOption(definition, QueryName, Option, Value);
}

public sealed record DeleteQuery(string QueryName) : DefinitionOperation
{
    public override Result<AppDefinition> ApplyTo(AppDefinition definition) => DefinitionEdits.DeleteQuery(definition, QueryName);
}

/// <summary>Whether a query runs when the page opens (SPEC D5).</summary>
public sealed record SetQueryRunOnPageOpen(string QueryName, bool RunOnPageOpen) : DefinitionOperation
{
    public override Result<AppDefinition> ApplyTo(AppDefinition definition) => DefinitionEdits.SetQueryRunOnPageOpen(definition, QueryName, RunOnPageOpen);
}
