using Lifecycle.Data.Common;

namespace Lifecycle.Data.Definitions;

/// <summary>SPEC D5: a button's On click actions and a query's "run when the page opens". Targets are checked when added.</summary>
public static partial class DefinitionEdits
{
    public const int MaxMessageLength = 500;

    /// <summary>Appends an action to a button's On click; the query, input or page it names must exist in the version.</summary>
    public static Result<AppDefinition> AddClickAction(AppDefinition definition, string pageId, string componentId, EventAction action)
    {
        var component = definition.FindPage(pageId)?.FindComponent(componentId);
        if (component is null)
        {
            return NotFound("component");
        }

        if (component.Type != ComponentType.Button)
        {
            return Fail("Only buttons have an On click event.", "event");
        }

        var trimmed = action with { Target = action.Target.Trim() };
        var error = ValidateAction(definition, trimmed);
        return error is not null
            ? Fail(error, "event")
            : UpdateComponent(definition, pageId, componentId, c => c with { OnClick = c.ClickActions.Add(trimmed) });
    }

    public static Result<AppDefinition> RemoveClickAction(AppDefinition definition, string pageId, string componentId, int index)
    {
        var component = definition.FindPage(pageId)?.FindComponent(componentId);
        if (component is null || index < 0 || index >= component.ClickActions.Count)
        {
            return NotFound("action");
        }

        var remaining = component.ClickActions.RemoveAt(index);
        return UpdateComponent(definition, pageId, componentId, c => c with { OnClick = remaining.IsEmpty ? null : remaining });
    }

    /// <summary>Whether a query runs when the page opens. "Yes" is stored as the absent default (see <see cref="QueryDefinition"/>).</summary>
    public static Result<AppDefinition> SetQueryRunOnPageOpen(AppDefinition definition, string queryName, bool runOnPageOpen)
    {
        var query = definition.Queries.Find(q => q.Name == queryName);
        return query is null
            ? NotFound("query")
            : definition with { Queries = definition.Queries.Replace(query, query with { RunOnPageOpen = runOnPageOpen ? null : false }) };
    }

    private static string? ValidateAction(AppDefinition definition, EventAction action) => action.Kind switch
    {
        EventActionKind.RunQuery when definition.Queries.All(q => q.Name != action.Target) => "Choose a query of this version.",
        EventActionKind.SetValue when !definition.Pages.SelectMany(p => p.Components).Any(c => c.Name == action.Target && c.Type == ComponentType.TextInput) =>
            "Choose a text input of this version.",
        EventActionKind.GoToPage when definition.Pages.All(p => p.Handle != action.Target) => "Choose a page of this version.",
        EventActionKind.ShowMessage when string.IsNullOrWhiteSpace(action.Value) => "Enter the message to show.",
        _ when action.Value.Length > MaxMessageLength => $"A value has at most {MaxMessageLength} characters.",
        _ => null,
    };
}
