using System.Collections.Immutable;
using Lifecycle.Data.Apps;
using Lifecycle.Data.Common;

namespace Lifecycle.Data.Definitions;

/// <summary>
/// The editor's operations on a definition (SPEC D1, T2). Pure functions: each returns a new definition, so the editor
/// can keep the user's change to retry after a conflict (SPEC V4). The same functions run in the editor's working copy
/// and, through <see cref="DefinitionOperation"/>, on the server for autosave (decision 019): both sides apply the same
/// code, so they cannot disagree. Each is deterministic (new ids come in as arguments).
/// </summary>
public static partial class DefinitionEdits
{
    public const int MaxPageNameLength = 50;

    public static Result<AppDefinition> AddPage(AppDefinition definition, string name) => AddPage(definition, AppDefinition.NewId(), name);

    public static Result<AppDefinition> AddPage(AppDefinition definition, string pageId, string name)
    {
        if (definition.FindPage(pageId) is not null)
        {
            return Fail("A page with this id already exists.", "page");
        }

        var trimmed = name.Trim();
        var error = ValidatePageName(definition, trimmed, exceptPageId: null);
        if (error is not null)
        {
            return Fail(error, "pageName");
        }

        var page = new PageDefinition(pageId, trimmed, UniqueHandle(definition, trimmed), definition.Pages.Count, []);
        return definition with { Pages = definition.Pages.Add(page) };
    }

    /// <summary>Renames a page. Its handle stays, so links to the page keep working.</summary>
    public static Result<AppDefinition> RenamePage(AppDefinition definition, string pageId, string name)
    {
        var page = definition.FindPage(pageId);
        if (page is null)
        {
            return NotFound("page");
        }

        var trimmed = name.Trim();
        var error = ValidatePageName(definition, trimmed, pageId);
        return error is not null
            ? Fail(error, "pageName")
            : definition with { Pages = definition.Pages.Replace(page, page with { Name = trimmed }) };
    }

    public static Result<AppDefinition> DeletePage(AppDefinition definition, string pageId)
    {
        var page = definition.FindPage(pageId);
        if (page is null)
        {
            return NotFound("page");
        }

        if (definition.Pages.Count == 1)
        {
            return Fail("An app keeps at least one page.", "page");
        }

        return definition with { Pages = Renumber(definition.Pages.Remove(page)) };
    }

    /// <summary>Moves a page one place up (-1) or down (+1); a move past either end changes nothing.</summary>
    public static Result<AppDefinition> MovePage(AppDefinition definition, string pageId, int offset)
    {
        var page = definition.FindPage(pageId);
        return page is null
            ? NotFound("page")
            : definition with { Pages = Renumber(Move(definition.Pages, page, offset)) };
    }

    /// <summary>SPEC T2: the new component is named after its type and the lowest free counter in the version.</summary>
    public static Result<AppDefinition> AddComponent(AppDefinition definition, string pageId, ComponentType type, out ComponentDefinition? added)
    {
        var componentId = AppDefinition.NewId();
        var result = AddComponent(definition, pageId, componentId, type);
        added = result.Value?.FindPage(pageId)?.FindComponent(componentId);
        return result;
    }

    /// <inheritdoc cref="AddComponent(AppDefinition, string, ComponentType, out ComponentDefinition?)"/>
    public static Result<AppDefinition> AddComponent(AppDefinition definition, string pageId, string componentId, ComponentType type)
    {
        var page = definition.FindPage(pageId);
        if (page is null)
        {
            return NotFound("page");
        }

        if (definition.Pages.Any(p => p.FindComponent(componentId) is not null))
        {
            return Fail("A component with this id already exists.", "component");
        }

        var used = ComponentNames(definition);
        var prefix = ComponentCatalog.NamePrefix(type);
        var counter = 1;
        while (used.Contains(prefix + counter))
        {
            counter++;
        }

        var row = page.Components.Length == 0 ? 0 : page.Components.Max(c => c.Placement.Row) + 1;
        var added = new ComponentDefinition(componentId, prefix + counter, type, ComponentCatalog.DefaultProperties(type), page.Components.Length,
            new GridPlacement(row, 0, ComponentCatalog.DefaultWidth(type)));
        return ReplacePage(definition, page, page with { Components = page.Components.Add(added) });
    }

    /// <summary>Sets one property; an Image's source must be an http(s) or relative address (<see cref="ImageSources"/>).</summary>
    public static Result<AppDefinition> SetProperty(AppDefinition definition, string pageId, string componentId, string property, string value)
    {
        var component = definition.FindPage(pageId)?.FindComponent(componentId);
        if (component is { Type: ComponentType.Image } && property == ImageSources.Property && !ImageSources.IsAllowedTemplate(value))
        {
            return Fail(ImageSources.Refusal, property);
        }

        return UpdateComponent(definition, pageId, componentId, c => c with { Properties = c.Properties.SetItem(property, value) });
    }

    /// <summary>Renames a component. Names are used in bindings, so they are identifiers, unique within the version.</summary>
    public static Result<AppDefinition> RenameComponent(AppDefinition definition, string pageId, string componentId, string newName)
    {
        var trimmed = newName.Trim();
        var invalid = Common.Identifier.Validate(trimmed);
        if (invalid is not null)
        {
            return Fail(invalid, "componentName");
        }

        var taken = definition.Pages.SelectMany(p => p.Components)
            .Any(c => c.Id != componentId && string.Equals(c.Name, trimmed, StringComparison.OrdinalIgnoreCase));
        return taken
            ? Fail($"A component named {trimmed} already exists.", "componentName")
            : UpdateComponent(definition, pageId, componentId, component => component with { Name = trimmed });
    }

    /// <summary>
    /// Replaces a component's record as a whole, for changes of fields that have no operation of their own. The id and
    /// type stay; a new name follows the rules of <see cref="RenameComponent"/>, an Image's source those of <see cref="SetProperty"/>.
    /// </summary>
    public static Result<AppDefinition> ReplaceComponent(AppDefinition definition, string pageId, ComponentDefinition replacement)
    {
        var current = definition.FindPage(pageId)?.FindComponent(replacement.Id);
        if (current is null)
        {
            return NotFound("component");
        }

        if (current.Type != replacement.Type)
        {
            return Fail("A component keeps its type.", "component");
        }

        if (current.Type == ComponentType.Image && !ImageSources.IsAllowedTemplate(replacement.Property(ImageSources.Property)))
        {
            return Fail(ImageSources.Refusal, ImageSources.Property);
        }

        if (current.Name != replacement.Name)
        {
            var renamed = RenameComponent(definition, pageId, replacement.Id, replacement.Name);
            if (!renamed.IsSuccess)
            {
                return renamed;
            }

            definition = renamed.Value!;
        }

        return UpdateComponent(definition, pageId, replacement.Id, component => replacement with { Name = component.Name, Order = component.Order });
    }

    public static Result<AppDefinition> DeleteComponent(AppDefinition definition, string pageId, string componentId)
    {
        var page = definition.FindPage(pageId);
        var component = page?.FindComponent(componentId);
        return page is null || component is null
            ? NotFound("component")
            : ReplacePage(definition, page, page with { Components = Renumber(page.Components.Remove(component)) });
    }

    public static Result<AppDefinition> MoveComponent(AppDefinition definition, string pageId, string componentId, int offset)
    {
        var page = definition.FindPage(pageId);
        var component = page?.FindComponent(componentId);
        return page is null || component is null
            ? NotFound("component")
            : ReplacePage(definition, page, page with { Components = Renumber(Move(page.Components, component, offset)) });
    }

    public static Result<AppDefinition> UpdateSettings(AppDefinition definition, AppSettings settings)
    {
        var title = settings.Title.Trim();
        return title.Length == 0 || TextRules.ValidateName(title, App.MaxNameLength, "title") is not { } invalid
            ? definition with { Settings = settings with { Title = title } }
            : Fail(invalid, "title");
    }

    /// <summary>Adds a query on a data source; its name is how bindings reach its result (<c>queries.NAME.data</c>).</summary>
    public static Result<AppDefinition> AddQuery(AppDefinition definition, string name, string dataSource)
    {
        var trimmed = name.Trim();
        var error = Common.Identifier.Validate(trimmed);
        if (error is not null)
        {
            return Fail(error, "queryName");
        }

        if (definition.Queries.Any(q => string.Equals(q.Name, trimmed, StringComparison.OrdinalIgnoreCase)))
        {
            return Fail($"A query named {trimmed} already exists.", "queryName");
        }

        if (string.IsNullOrWhiteSpace(dataSource))
        {
            return Fail("Choose a data source.", "dataSource");
        }

        var options = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [new KeyValuePair<string, string>(QueryOptions.Method, "GET")]);
        // A new query runs when asked (a button, the Run button) until the builder ticks "Run when the page opens".
        return definition with { Queries = definition.Queries.Add(new QueryDefinition(trimmed, dataSource.Trim(), options, RunOnPageOpen: false)) };
    }

    /// <summary>Sets one option of a query: method, path, query string or body (SPEC issue 3).</summary>
    public static Result<AppDefinition> SetQueryOption(AppDefinition definition, string queryName, string option, string value)
    {
        var query = definition.Queries.Find(q => q.Name == queryName);
        if (query is null)
        {
            return NotFound("query");
        }

        if (option == QueryOptions.Method && !QueryOptions.Methods.Contains(value))
        {
            return Fail($"Choose one of {string.Join(", ", QueryOptions.Methods)}.", "method");
        }

        return definition with { Queries = definition.Queries.Replace(query, query with { Options = query.Options.SetItem(option, value) }) };
    }

    public static Result<AppDefinition> DeleteQuery(AppDefinition definition, string queryName)
    {
        var query = definition.Queries.Find(q => q.Name == queryName);
        return query is null ? NotFound("query") : definition with { Queries = definition.Queries.Remove(query) };
    }

    /// <summary>Finds the component by id and replaces it in place: no value comparisons over the page's other components.</summary>
    private static Result<AppDefinition> UpdateComponent(AppDefinition definition, string pageId, string componentId, Func<ComponentDefinition, ComponentDefinition> change)
    {
        var page = definition.FindPage(pageId);
        var index = page is null ? -1 : ComponentPositions.IndexOf(page.Components, componentId);
        return page is null || index < 0
            ? NotFound("component")
            : ReplacePage(definition, page, page with { Components = ComponentPositions.Replace(page.Components, index, change(page.Components[index])) });
    }

    private static AppDefinition ReplacePage(AppDefinition definition, PageDefinition page, PageDefinition changed) =>
        definition with { Pages = definition.Pages.Replace(page, changed) };

    private static string? ValidatePageName(AppDefinition definition, string name, string? exceptPageId)
    {
        if (TextRules.ValidateName(name, MaxPageNameLength, "page name") is { } invalid)
        {
            return invalid;
        }

        return definition.Pages.Any(p => p.Id != exceptPageId && string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))
            ? $"A page named {name} already exists."
            : null;
    }

    private static string UniqueHandle(AppDefinition definition, string name)
    {
        var stem = SlugRules.Derive(name);
        if (stem.Length == 0)
        {
            stem = "page";
        }

        var handle = stem;
        for (var counter = 2; definition.Pages.Any(p => p.Handle == handle); counter++)
        {
            handle = $"{stem}-{counter}";
        }

        return handle;
    }

    private static HashSet<string> ComponentNames(AppDefinition definition) =>
        definition.Pages.SelectMany(p => p.Components).Select(c => c.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);

    private static ImmutableList<T> Move<T>(ImmutableList<T> items, T item, int offset)
    {
        var from = items.IndexOf(item);
        var to = Math.Clamp(from + offset, 0, items.Count - 1);
        return from == to ? items : items.RemoveAt(from).Insert(to, item);
    }

    private static ImmutableArray<T> Move<T>(ImmutableArray<T> items, T item, int offset)
    {
        var from = items.IndexOf(item);
        var to = Math.Clamp(from + offset, 0, items.Length - 1);
        return from == to ? items : items.RemoveAt(from).Insert(to, item);
    }

    /// <summary>Records whose order is right stay the same instances, so what did not move is seen as unchanged.</summary>
    private static ImmutableList<PageDefinition> Renumber(ImmutableList<PageDefinition> pages) =>
        pages.Select((page, index) => page.Order == index ? page : page with { Order = index }).ToImmutableList();

    private static ImmutableArray<ComponentDefinition> Renumber(ImmutableArray<ComponentDefinition> components) =>
        [.. components.Select((component, index) => component.Order == index ? component : component with { Order = index })];

    private static Result<AppDefinition> Fail(string error, string field) => new(ResultStatus.Invalid, null, error, field);

    private static Result<AppDefinition> NotFound(string what) => new(ResultStatus.NotFound, null, $"That {what} no longer exists.");
}
