using System.Collections;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Lifecycle.Data.Definitions;

/// <summary>
/// A component's properties: names in ordinal order, each with its text. Immutable: every change returns a new map.
/// Held as one array of names and values in turn, because an open editor keeps every component of its app for the
/// circuit's life, and a tree-shaped map costs ~100 bytes more per component (issue 12, decision 046). Components hold
/// a handful of properties, so a look-up is a short binary search and a change copies a few references. Two maps are
/// equal when they hold the same names and texts. The default value is the empty map.
/// </summary>
[JsonConverter(typeof(PropertyMapJsonConverter))]
public readonly struct PropertyMap : IReadOnlyDictionary<string, string>, IEquatable<PropertyMap>
{
    /// <summary>Name, text, name, text, …; names unique and in ordinal order. Null for the empty map.</summary>
    private readonly string[]? _entries;

    private PropertyMap(string[]? entries) => _entries = entries is { Length: > 0 } ? entries : null;

    public static PropertyMap Empty => default;

    /// <summary>A map of <paramref name="pairs"/>; of a repeated name the last text counts.</summary>
    public static PropertyMap Of(params ReadOnlySpan<(string Name, string Text)> pairs)
    {
        var map = Empty;
        foreach (var (name, text) in pairs)
        {
            map = map.SetItem(name, text);
        }

        return map;
    }

    /// <inheritdoc cref="Of"/>
    public static PropertyMap From(IEnumerable<KeyValuePair<string, string>> pairs)
    {
        var entries = new List<string>();
        foreach (var (name, text) in pairs)
        {
            ArgumentNullException.ThrowIfNull(name);
            entries.Add(name);
            entries.Add(text);
        }

        return FromEntries(entries);
    }

    /// <summary>A map of names and texts in turn; in one array when the names are already in order (as stored), else one by one.</summary>
    internal static PropertyMap FromEntries(List<string> entries)
    {
        for (var i = 2; i < entries.Count; i += 2)
        {
            if (string.CompareOrdinal(entries[i - 2], entries[i]) >= 0)
            {
                var map = Empty;
                for (var j = 0; j < entries.Count; j += 2)
                {
                    map = map.SetItem(entries[j], entries[j + 1]);
                }

                return map;
            }
        }

        return new PropertyMap([.. entries]);
    }

    public int Count => (_entries?.Length ?? 0) / 2;

    public string this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"No property \"{key}\".");

    public IEnumerable<string> Keys => Pairs().Select(pair => pair.Key);

    public IEnumerable<string> Values => Pairs().Select(pair => pair.Value);

    public bool ContainsKey(string key) => IndexOf(key) >= 0;

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out string value)
    {
        var index = IndexOf(key);
        value = index >= 0 ? _entries![index * 2 + 1] : null;
        return index >= 0;
    }

    /// <summary>The text of <paramref name="key"/>, or <paramref name="fallback"/> when the map has no such property.</summary>
    public string GetValueOrDefault(string key, string fallback) => TryGetValue(key, out var value) ? value : fallback;

    /// <summary>This map with <paramref name="key"/> set to <paramref name="value"/> (added in its place, or replaced).</summary>
    public PropertyMap SetItem(string key, string value)
    {
        ArgumentNullException.ThrowIfNull(key);
        var index = IndexOf(key);
        var entries = _entries ?? [];
        if (index >= 0)
        {
            if (string.Equals(entries[index * 2 + 1], value, StringComparison.Ordinal))
            {
                return this;
            }

            var replaced = (string[])entries.Clone();
            replaced[index * 2 + 1] = value;
            return new PropertyMap(replaced);
        }

        var at = ~index * 2;
        var added = new string[entries.Length + 2];
        Array.Copy(entries, added, at);
        added[at] = key;
        added[at + 1] = value;
        Array.Copy(entries, at, added, at + 2, entries.Length - at);
        return new PropertyMap(added);
    }

    /// <summary>This map without <paramref name="key"/>.</summary>
    public PropertyMap Remove(string key)
    {
        var index = IndexOf(key);
        if (index < 0)
        {
            return this;
        }

        var entries = _entries!;
        var kept = new string[entries.Length - 2];
        Array.Copy(entries, kept, index * 2);
        Array.Copy(entries, index * 2 + 2, kept, index * 2, entries.Length - index * 2 - 2);
        return new PropertyMap(kept);
    }

    public IEnumerator<KeyValuePair<string, string>> GetEnumerator() => Pairs().GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public bool Equals(PropertyMap other) =>
        ReferenceEquals(_entries, other._entries) || (_entries ?? []).AsSpan().SequenceEqual(other._entries ?? [], StringComparer.Ordinal);

    public override bool Equals(object? obj) => obj is PropertyMap other && Equals(other);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var entry in _entries ?? [])
        {
            hash.Add(entry, StringComparer.Ordinal);
        }

        return hash.ToHashCode();
    }

    public static bool operator ==(PropertyMap left, PropertyMap right) => left.Equals(right);

    public static bool operator !=(PropertyMap left, PropertyMap right) => !left.Equals(right);

    /// <summary>The index of <paramref name="key"/>'s pair, or the bitwise complement of where it would go.</summary>
    private int IndexOf(string key)
    {
        var entries = _entries;
        var (low, high) = (0, Count - 1);
        while (low <= high)
        {
            var middle = (low + high) / 2;
            var order = string.CompareOrdinal(entries![middle * 2], key);
            if (order == 0)
            {
                return middle;
            }

            (low, high) = order < 0 ? (middle + 1, high) : (low, middle - 1);
        }

        return ~low;
    }

    private IEnumerable<KeyValuePair<string, string>> Pairs()
    {
        var entries = _entries ?? [];
        for (var i = 0; i < entries.Length; i += 2)
        {
            yield return new(entries[i], entries[i + 1]);
        }
    }
}

/// <summary>
/// A property map as a JSON object, names in ordinal order (the canonical form, SPEC D4). Names and the texts every app
/// repeats are read as the process's one instance of them (<see cref="KnownStrings"/>); of a repeated name the last text counts.
/// </summary>
internal sealed class PropertyMapJsonConverter : JsonConverter<PropertyMap>
{
    public override PropertyMap Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException($"Expected an object, found {reader.TokenType}.");
        }

        var entries = new List<string>(4);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = KnownStrings.Shared(reader.GetString()!);
            reader.Read();
            var text = reader.TokenType switch
            {
                JsonTokenType.String => KnownStrings.Shared(reader.GetString()!),
                JsonTokenType.Null => null!, // kept as it was stored, so the content keeps its hash
                _ => throw new JsonException($"The property \"{name}\" must be text, found {reader.TokenType}."),
            };
            entries.Add(name);
            entries.Add(text);
        }

        return PropertyMap.FromEntries(entries);
    }

    public override void Write(Utf8JsonWriter writer, PropertyMap value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        foreach (var (name, text) in value)
        {
            writer.WriteString(name, text);
        }

        writer.WriteEndObject();
    }
}
