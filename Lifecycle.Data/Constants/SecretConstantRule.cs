using Lifecycle.Data.Definitions;
using Lifecycle.Data.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Lifecycle.Data.Constants;

/// <summary>Where a definition names a secret constant, and the message that says why it may not.</summary>
public sealed record SecretConstantUse(string ConstantName, string Place, string Field)
{
    public string Message =>
        $"{Place} uses the secret constant {ConstantName}. Secret constants are usable only in data source settings (base URL, headers, bearer token); ask whoever manages data sources to put it there.";
}

/// <summary>
/// SPEC E5: secret constants are usable only in data source settings, which the "manage data sources" right controls,
/// never in the fields a builder writes (query method, path, query string, body) nor in components. A query that
/// names one could send it to an API that echoes it back into the browser, so such a definition is refused when it is
/// saved and such a query is refused when it runs.
/// </summary>
public static class SecretConstantRule
{
    private const string ConstantsPrefix = "constants.";

    /// <summary>The first place of <paramref name="definition"/> that names one of <paramref name="secretNames"/>, or null.</summary>
    public static SecretConstantUse? FindIn(AppDefinition definition, IReadOnlySet<string> secretNames)
    {
        if (secretNames.Count == 0)
        {
            return null;
        }

        foreach (var query in definition.Queries)
        {
            if (FindIn(query, secretNames) is { } use)
            {
                return use;
            }
        }

        foreach (var component in definition.Pages.SelectMany(p => p.Components))
        {
            if (FindIn(component, secretNames) is { } use)
            {
                return use;
            }
        }

        return null;
    }

    /// <summary>
    /// The first place that <paramref name="operations"/> wrote in <paramref name="edited"/> (the definition they produced)
    /// that names one of <paramref name="secretNames"/>, or null. Only the components and queries the operations wrote
    /// are read, so an autosave's check costs what its change costs (decision 019); the rest was checked when it was written.
    /// </summary>
    public static SecretConstantUse? FindIn(AppDefinition edited, IEnumerable<DefinitionOperation> operations, IReadOnlySet<string> secretNames) =>
        secretNames.Count == 0
            ? null
            : Written(edited, operations).Select(place => place.Component is { } component ? FindIn(component, secretNames) : FindIn(place.Query!, secretNames))
                .FirstOrDefault(use => use is not null);

    /// <summary>
    /// True when some place that <paramref name="operations"/> wrote in <paramref name="edited"/> mentions a constant at
    /// all: only then can it name a secret one, so an autosave that binds no constant skips reading their names (decision 034).
    /// </summary>
    public static bool WritesCheckedPlaces(AppDefinition edited, IEnumerable<DefinitionOperation> operations) =>
        Written(edited, operations).Any(place => (place.Component?.Properties.Values ?? place.Query!.Options.Values)
            .Any(template => template.Contains(ConstantsPrefix, StringComparison.Ordinal)));

    /// <summary>The components and queries the operations wrote, as <paramref name="edited"/> holds them; a place written and then deleted by a later operation of the batch is no longer there.</summary>
    private static IEnumerable<(ComponentDefinition? Component, QueryDefinition? Query)> Written(AppDefinition edited, IEnumerable<DefinitionOperation> operations)
    {
        foreach (var operation in operations)
        {
            if (operation.WritesComponent is var (pageId, componentId) && edited.FindPage(pageId)?.FindComponent(componentId) is { } component)
            {
                yield return (component, null);
            }

            if (operation.WritesQuery is { } queryName && edited.Queries.Find(q => q.Name == queryName) is { } query)
            {
                yield return (null, query);
            }
        }
    }

    /// <summary>The first property of <paramref name="component"/> that names one of <paramref name="secretNames"/>, or null.</summary>
    public static SecretConstantUse? FindIn(ComponentDefinition component, IReadOnlySet<string> secretNames)
    {
        foreach (var (property, template) in component.Properties)
        {
            if (SecretNamedIn(template, secretNames) is { } name)
            {
                return new SecretConstantUse(name, $"The {property} of component {component.Name}", property);
            }
        }

        return null;
    }

    /// <summary>The first option of <paramref name="query"/> that names one of <paramref name="secretNames"/>, or null.</summary>
    public static SecretConstantUse? FindIn(QueryDefinition query, IReadOnlySet<string> secretNames)
    {
        foreach (var (option, template) in query.Options)
        {
            if (SecretNamedIn(template, secretNames) is { } name)
            {
                return new SecretConstantUse(name, $"The {OptionLabel(option)} of query {query.Name}", option);
            }
        }

        return null;
    }

    /// <summary>The names of every secret constant of the workspace, whether or not it has a value somewhere.</summary>
    public static async Task<IReadOnlySet<string>> SecretNamesAsync(LifecycleDbContext db, CancellationToken cancellationToken) =>
        (await db.Constants.AsNoTracking().Where(c => c.IsSecret).Select(c => c.Name).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);

    private static string OptionLabel(string option) => option == QueryOptions.QueryString ? "query string" : option;

    private static string? SecretNamedIn(string template, IReadOnlySet<string> secretNames) =>
        Bindings.Paths(template)
            .Where(path => path.StartsWith(ConstantsPrefix, StringComparison.Ordinal))
            .Select(path => path[ConstantsPrefix.Length..].Split('.')[0])
            .FirstOrDefault(secretNames.Contains);
}
