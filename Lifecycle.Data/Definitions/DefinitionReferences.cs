namespace Lifecycle.Data.Definitions;

/// <summary>SPEC E3: the constants and data sources that a definition uses, by name.</summary>
public sealed record DefinitionReferences(IReadOnlySet<string> Constants, IReadOnlySet<string> DataSources)
{
    private const string ConstantsPrefix = "constants.";

    public static DefinitionReferences Of(AppDefinition definition)
    {
        var components = definition.Pages.SelectMany(p => p.Components).ToList();
        var templates = components.SelectMany(c => c.Properties.Values)
            .Concat(components.SelectMany(c => c.ClickActions).Select(a => a.Value))
            .Concat(definition.Queries.SelectMany(q => q.Options.Values));
        var constants = templates.SelectMany(Bindings.Paths)
            .Where(path => path.StartsWith(ConstantsPrefix, StringComparison.Ordinal))
            .Select(path => path[ConstantsPrefix.Length..].Split('.')[0])
            .ToHashSet(StringComparer.Ordinal);
        var dataSources = definition.Queries.Select(q => q.DataSource).ToHashSet(StringComparer.Ordinal);
        return new DefinitionReferences(constants, dataSources);
    }
}
