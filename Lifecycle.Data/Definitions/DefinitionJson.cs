using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Lifecycle.Data.Definitions;

/// <summary>
/// The stored form of a definition (SPEC D1, D4). Serialization is canonical (fixed property order, sorted
/// property maps), so identical content always hashes to the same key and is stored once.
/// </summary>
public static class DefinitionJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = false,
        Converters = { new OrdinalPropertyMapConverter() },
    };

    public static string Serialize(AppDefinition definition) => JsonSerializer.Serialize(definition, Options);

    public static AppDefinition Deserialize(string json) =>
        JsonSerializer.Deserialize<AppDefinition>(json, Options)
        ?? throw new InvalidOperationException("A stored definition is empty.");

    /// <summary>The content address: SHA-256 of the canonical JSON, lowercase hex.</summary>
    public static string Hash(string json) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json)));

    /// <summary>
    /// Property maps are written in ordinal key order and read back with the ordinal comparer. Without it a map read
    /// from storage sorts by the current culture ("alpha" before "Zeta") while a new one sorts ordinally ("Zeta"
    /// first), so identical content could get two hashes, and different ones on different machines.
    /// </summary>
    private sealed class OrdinalPropertyMapConverter : JsonConverter<ImmutableSortedDictionary<string, string>>
    {
        public override ImmutableSortedDictionary<string, string> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            (JsonSerializer.Deserialize<Dictionary<string, string>>(ref reader, options) ?? []).ToImmutableSortedDictionary(StringComparer.Ordinal);

        public override void Write(Utf8JsonWriter writer, ImmutableSortedDictionary<string, string> value, JsonSerializerOptions options)
        {
            writer.WriteStartObject();
            foreach (var (key, item) in value.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                writer.WriteString(key, item);
            }

            writer.WriteEndObject();
        }
    }
}
