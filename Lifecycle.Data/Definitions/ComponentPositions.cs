using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

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
    // Keyed by each list's array: an ImmutableArray is a struct around it, and two lists are the same list when it is.
    private static readonly ConditionalWeakTable<ComponentDefinition[], IReadOnlyDictionary<string, int>> Positions = new();
    private static readonly ConditionalWeakTable<ComponentDefinition[], Replacement> Replacements = new();

    /// <summary>
    /// Up to this many components a look-up scans the list: a map of positions costs ~30 bytes a component for as long
    /// as the list lives (an open editor's page: ~5 KB of its circuit at 150, issue 12), and a scan this short takes a
    /// few microseconds. Longer lists keep their map, so a look-up stays flat in the page's size.
    /// </summary>
    internal const int ScannedUpTo = 256;

    /// <summary>The position of the first component with <paramref name="componentId"/>, or -1.</summary>
    public static int IndexOf(ImmutableArray<ComponentDefinition> components, string componentId)
    {
        if (components.Length <= ScannedUpTo)
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

        return Positions.GetValue(ArrayOf(components), Build).TryGetValue(componentId, out var position) ? position : -1;
    }

    /// <summary>The list with the component at <paramref name="index"/> replaced by <paramref name="replacement"/> (same id, same place).</summary>
    public static ImmutableArray<ComponentDefinition> Replace(ImmutableArray<ComponentDefinition> components, int index, ComponentDefinition replacement)
    {
        if (ReferenceEquals(components[index], replacement))
        {
            return components;
        }

        var replaced = components.SetItem(index, replacement);
        if (replacement.Id == components[index].Id && Positions.TryGetValue(ArrayOf(components), out var positions))
        {
            Positions.AddOrUpdate(ArrayOf(replaced), positions);
        }

        // Weak: a chain of edits must not keep every earlier list alive.
        Replacements.AddOrUpdate(ArrayOf(replaced), new Replacement(new WeakReference<ComponentDefinition[]>(ArrayOf(components)), index));
        return replaced;
    }

    /// <summary>The one position at which <paramref name="after"/> was made from <paramref name="before"/> by <see cref="Replace"/>, if it was.</summary>
    public static int? ReplacedAt(ImmutableArray<ComponentDefinition> before, ImmutableArray<ComponentDefinition> after) =>
        Replacements.TryGetValue(ArrayOf(after), out var replacement) && replacement.Before.TryGetTarget(out var source) && ReferenceEquals(source, ArrayOf(before))
            ? replacement.Index
            : null;

    private static IReadOnlyDictionary<string, int> Build(ComponentDefinition[] components)
    {
        var positions = new Dictionary<string, int>(components.Length, StringComparer.Ordinal);
        var index = 0;
        foreach (var component in components)
        {
            positions.TryAdd(component.Id, index++);
        }

        return positions;
    }

    private static ComponentDefinition[] ArrayOf(ImmutableArray<ComponentDefinition> components) =>
        ImmutableCollectionsMarshal.AsArray(components) ?? throw new ArgumentException("A page's component list is never the default array.", nameof(components));

    private sealed record Replacement(WeakReference<ComponentDefinition[]> Before, int Index);
}
