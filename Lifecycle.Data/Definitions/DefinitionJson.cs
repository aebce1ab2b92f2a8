using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Lifecycle.Data.Definitions;

/// <summary>
/// The canonical JSON of a definition and of the objects it is stored as (SPEC D1, D4). Serialization is canonical
/// (fixed property order, sorted property maps), so identical content always hashes to the same key and is stored once.
/// </summary>
public static class DefinitionJson
{
    internal static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = false,
        Converters = { new OrdinalMapConverterFactory() },
    };

    public static string Serialize(AppDefinition definition) => JsonSerializer.Serialize(definition, Options);

    public static AppDefinition Deserialize(string json) =>
        JsonSerializer.Deserialize<AppDefinition>(json, Options)
        ?? throw new InvalidOperationException("A stored definition is empty.");

    /// <summary>The content address: SHA-256 of the canonical JSON, lowercase hex.</summary>
    public static string Hash(string json) => Hash(Encoding.UTF8.GetBytes(json));

    /// <inheritdoc cref="Hash(string)"/>
    public static string Hash(ReadOnlySpan<byte> utf8Json) => Convert.ToHexStringLower(SHA256.HashData(utf8Json));

    internal static byte[] SerializeToUtf8(object value, Type type) => JsonSerializer.SerializeToUtf8Bytes(value, type, Options);

    internal static T Deserialize<T>(ReadOnlySpan<byte> utf8Json) =>
        JsonSerializer.Deserialize<T>(utf8Json, Options) ?? throw new InvalidOperationException($"A stored {typeof(T).Name} is empty.");

    /// <summary>
    /// Maps keyed by strings are written in ordinal key order and read back with the ordinal comparer. Without it a map read
    /// from storage sorts by the current culture ("alpha" before "Zeta") while a new one sorts ordinally ("Zeta"
    /// first), so identical content could get two hashes, and different ones on different machines.
    /// </summary>
    private sealed class OrdinalMapConverterFactory : JsonConverterFactory
    {
        public override bool CanConvert(Type typeToConvert) =>
            typeToConvert.IsGenericType
            && typeToConvert.GetGenericTypeDefinition() == typeof(ImmutableSortedDictionary<,>)
            && typeToConvert.GetGenericArguments()[0] == typeof(string);

        public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
            (JsonConverter)Activator.CreateInstance(typeof(OrdinalMapConverter<>).MakeGenericType(typeToConvert.GetGenericArguments()[1]))!;
    }

    private sealed class OrdinalMapConverter<TValue> : JsonConverter<ImmutableSortedDictionary<string, TValue>>
    {
        public override ImmutableSortedDictionary<string, TValue> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                throw new JsonException($"Expected an object, found {reader.TokenType}.");
            }

            var map = ImmutableSortedDictionary.CreateBuilder<string, TValue>(StringComparer.Ordinal);
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var key = KnownStrings.Shared(reader.GetString()!);
                reader.Read();
                var value = typeof(TValue) == typeof(string) && reader.TokenType == JsonTokenType.String
                    ? (TValue)(object)KnownStrings.Shared(reader.GetString()!)
                    : JsonSerializer.Deserialize<TValue>(ref reader, options)!;
                map[key] = value; // a repeated key keeps the last value, as reading into a dictionary did
            }

            return map.ToImmutable();
        }

        public override void Write(Utf8JsonWriter writer, ImmutableSortedDictionary<string, TValue> value, JsonSerializerOptions options)
        {
            writer.WriteStartObject();
            foreach (var (key, item) in value.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                writer.WritePropertyName(key);
                JsonSerializer.Serialize(writer, item, options);
            }

            writer.WriteEndObject();
        }
    }
}
