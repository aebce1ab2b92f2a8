using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Lifecycle.Data.GitSync;

/// <summary>
/// The text of every file GitSync writes: pretty-printed JSON, object keys sorted ordinally at every depth, two-space
/// indent, "\n" line ends and a final newline. The same content always gives the same bytes, so an unchanged page is an
/// unchanged file and diffs in any git tool show only what changed.
/// </summary>
public static class GitSyncJson
{
    /// <summary>How definitions and records are turned into nodes and back: web casing, enums as names.</summary>
    internal static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new OrdinalMapConverter(), new JsonStringEnumConverter() },
    };

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Indented = true,
        IndentSize = 2,
        NewLine = "\n",
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The stable text of <paramref name="node"/>.</summary>
    public static string Write(JsonNode? node)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            WriteSorted(writer, node);
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    /// <summary>The stable text of a value, through its JSON form.</summary>
    public static string Write<T>(T value) => Write(JsonSerializer.SerializeToNode(value, Options));

    public static T Read<T>(string text) =>
        JsonSerializer.Deserialize<T>(text, Options) ?? throw new JsonException($"The file holds no {typeof(T).Name}.");

    public static JsonNode? ToNode<T>(T value) => JsonSerializer.SerializeToNode(value, Options);

    public static string Timestamp(DateTime utc) =>
        DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    private static void WriteSorted(Utf8JsonWriter writer, JsonNode? node)
    {
        switch (node)
        {
            case null:
                writer.WriteNullValue();
                break;
            case JsonObject obj:
                writer.WriteStartObject();
                foreach (var (key, value) in obj.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(key);
                    WriteSorted(writer, value);
                }

                writer.WriteEndObject();
                break;
            case JsonArray array:
                writer.WriteStartArray();
                foreach (var item in array)
                {
                    WriteSorted(writer, item);
                }

                writer.WriteEndArray();
                break;
            default:
                node.WriteTo(writer);
                break;
        }
    }

    /// <summary>Property maps read back with the ordinal comparer, as definitions keep them (so the content hash is unchanged).</summary>
    private sealed class OrdinalMapConverter : JsonConverter<ImmutableSortedDictionary<string, string>>
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
