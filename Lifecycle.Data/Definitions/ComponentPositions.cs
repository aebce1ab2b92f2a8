using System.Collections.Immutable;
using System.Runtime.CompilerServices;

namespace Lifecycle.Data.Definitions;

/// <summary>
/// What a page's component list knows about itself without scanning it (issue 9: an edit costs what it changes, not the
/// page): the position of each component id, and, for a list made by replacing one component of another list, which
/// position that was. Kept beside each list instance, never inside it, so definitions compare and serialize as before.
/// A list read from storage builds its positions once, on its first look-up; a replacement keeps them, since the
/// component keeps its id and place. Decision 034.
/// </summary>
internal static class ComponentPositions
{
    private static readonly ConditionalWeakTable<ImmutableList<ComponentDefinition>, IReadOnlyDictionary<string, int>> Positions = new();
    private static readonly ConditionalWeakTable<ImmutableList<ComponentDefinition>, Replacement> Replacements = new();

    /// <summary>
    /// Up to this many components a look-up scans the list: a map of positions costs ~30 bytes a component for as long
    /// as the list lives (an open editor's page: ~5 KB of its circuit at 150, issue 12), and a scan this short takes a
    /// few microseconds. Longer lists keep their map, so a look-up stays flat in the page's size.
    /// </summary>
    internal const int ScannedUpTo = 256;

    /// <summary>The position of the first component with <paramref name="componentId"/>, or -1.</summary>
    public static int IndexOf(ImmutableList<ComponentDefinition> components, string componentId)
    {
        if (components.Count <= ScannedUpTo)
        {
            var index = 0;
            foreach (var component in components)
            {
                if (string.Equals(component.Id, componentId, StringComparison.Ordinal))
                {
                    return index;
                }

                index++;
            }

            return -1;
        }

        return Positions.GetValue(components, Build).TryGetValue(componentId, out var position) ? position : -1;
    }

    /// <summary>The list with the component at <paramref name="index"/> replaced by <paramref name="replacement"/> (same id, same place).</summary>
    public static ImmutableList<ComponentDefinition> Replace(ImmutableList<ComponentDefinition> components, int index, ComponentDefinition replacement)
    {
        var replaced = components.SetItem(index, replacement);
        if (ReferenceEquals(replaced, components))
        {
            return components;
        }

        if (replacement.Id == components[index].Id && Positions.TryGetValue(components, out var positions))
        {
            Positions.AddOrUpdate(replaced, positions);
        }

        // Weak: a chain of edits must not keep every earlier list alive.
        Replacements.AddOrUpdate(replaced, new Replacement(new WeakReference<ImmutableList<ComponentDefinition>>(components), index));
        return replaced;
    }

    /// <summary>The one position at which <paramref name="after"/> was made from <paramref name="before"/> by <see cref="Replace"/>, if it was.</summary>
    public static int? ReplacedAt(ImmutableList<ComponentDefinition> before, ImmutableList<ComponentDefinition> after) =>
        Replacements.TryGetValue(after, out var replacement) && replacement.Before.TryGetTarget(out var source) && ReferenceEquals(source, before)
            ? replacement.Index
            : null;

    private static IReadOnlyDictionary<string, int> Build(ImmutableList<ComponentDefinition> components)
    {
        var positions = new Dictionary<string, int>(components.Count, StringComparer.Ordinal);
        var index = 0;
        foreach (var component in components)
        {
            positions.TryAdd(component.Id, index++);
        }

        return positions;
    }

    private sealed record Replacement(WeakReference<ImmutableList<ComponentDefinition>> Before, int Index);
}
