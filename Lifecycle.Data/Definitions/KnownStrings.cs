using System.Collections.Frozen;

namespace Lifecycle.Data.Definitions;

/// <summary>
/// The property names and default values every app repeats ("label", "placeholder", "GET", …), held once for the whole
/// process. A definition read from storage otherwise holds its own copy of each in every component, and an open editor
/// keeps its definition for the circuit's life (issue 12: ~8 KB of a 150-component editor's circuit).
/// </summary>
internal static class KnownStrings
{
    private static readonly FrozenSet<string> Strings = Enum.GetValues<ComponentType>()
        .SelectMany(type => ComponentCatalog.DefaultProperties(type))
        .SelectMany(property => new[] { property.Key, property.Value })
        .Concat([QueryOptions.Method, QueryOptions.Path, QueryOptions.QueryString, QueryOptions.Body, .. QueryOptions.Methods])
        .ToFrozenSet(StringComparer.Ordinal);

    /// <summary>The shared instance of <paramref name="text"/> when it is a known string, else <paramref name="text"/> itself.</summary>
    public static string Shared(string text) => Strings.TryGetValue(text, out var shared) ? shared : text;
}
