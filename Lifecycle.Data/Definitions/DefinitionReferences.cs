using System.Collections.Immutable;
using System.Text.Json;

namespace Lifecycle.Data.Definitions;

/// <summary>SPEC E3: the constants and data sources that a definition uses, by name.</summary>
public sealed record DefinitionReferences(IReadOnlySet<string> Constants, IReadOnlySet<string> DataSources)
{
    public static DefinitionReferences Of(AppDefinition definition) => ReferenceCounts.Of(definition).Names();
}

/// <summary>
/// How many objects of a definition use each constant and data source (SPEC E3). Pages and the root keep these counts,
/// so an edit adjusts them by what it changed and promotion reads them without reading the definition. A constant is
/// used where any text of a component, query, page or the settings binds <c>{{constants.NAME}}</c>, whatever field holds
/// it, so fields added to the definition later are covered too.
/// </summary>
internal sealed record ReferenceCounts(ImmutableSortedDictionary<string, int> Constants, ImmutableSortedDictionary<string, int> DataSources)
{
    private const string ConstantsPrefix = "constants.";

    public static readonly ReferenceCounts None = new(ImmutableSortedDictionary.Create<string, int>(StringComparer.Ordinal), ImmutableSortedDictionary.Create<string, int>(StringComparer.Ordinal));

    public static ReferenceCounts Of(AppDefinition definition)
    {
        var counts = OfJson(ObjectCodec.OwnPart(definition));
        foreach (var page in definition.Pages)
        {
            counts = counts.Plus(OfJson(ObjectCodec.OwnPart(page)));
            foreach (var component in page.Components)
            {
                counts = counts.Plus(OfJson(ObjectCodec.Component(component)));
            }
        }

        return definition.Queries.Aggregate(counts, (sum, query) => sum.Plus(OfQuery(query, ObjectCodec.Query(query))));
    }

    /// <summary>The constants bound in any string of a canonical JSON object.</summary>
    public static ReferenceCounts OfJson(ReadOnlySpan<byte> utf8Json)
    {
        var names = new SortedSet<string>(StringComparer.Ordinal);
        var reader = new Utf8JsonReader(utf8Json);
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.String && reader.ValueSpan.IndexOf("{{"u8) >= 0)
            {
                foreach (var path in Bindings.Paths(reader.GetString()!))
                {
                    if (path.StartsWith(ConstantsPrefix, StringComparison.Ordinal))
                    {
                        names.Add(path[ConstantsPrefix.Length..].Split('.')[0]);
                    }
                }
            }
        }

        return names.Count == 0 ? None : None with { Constants = names.ToImmutableSortedDictionary(n => n, _ => 1, StringComparer.Ordinal) };
    }

    public static ReferenceCounts OfQuery(QueryDefinition query, ReadOnlySpan<byte> utf8Json) =>
        OfJson(utf8Json).Plus(None with { DataSources = None.DataSources.Add(query.DataSource, 1) });

    public ReferenceCounts Plus(ReferenceCounts other) => Combine(other, +1);

    public ReferenceCounts Minus(ReferenceCounts other) => Combine(other, -1);

    public DefinitionReferences Names() => new(
        Constants.Where(c => c.Value > 0).Select(c => c.Key).ToHashSet(StringComparer.Ordinal),
        DataSources.Where(c => c.Value > 0).Select(c => c.Key).ToHashSet(StringComparer.Ordinal));

    private ReferenceCounts Combine(ReferenceCounts other, int sign) =>
        ReferenceEquals(other, None) ? this : new(Combine(Constants, other.Constants, sign), Combine(DataSources, other.DataSources, sign));

    private static ImmutableSortedDictionary<string, int> Combine(ImmutableSortedDictionary<string, int> left, ImmutableSortedDictionary<string, int> right, int sign)
    {
        var result = left;
        foreach (var (name, count) in right)
        {
            var total = result.GetValueOrDefault(name) + sign * count;
            result = total == 0 ? result.Remove(name) : result.SetItem(name, total);
        }

        return result;
    }
}
