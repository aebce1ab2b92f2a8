using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Lifecycle.Web.Features.Rendering;

/// <summary>One item's markup, to be shown in place of what the browser showed for that component.</summary>
public sealed record CanvasItemMarkup(string Id, string Markup);

/// <summary>
/// What lifecycle.canvas.apply changes on the canvas: with <paramref name="Reset"/> it first removes every item; then it
/// shows <paramref name="Items"/>; with an <paramref name="Order"/> it removes the items not in it and puts the rest in
/// its order (sent only when the page's items or their order changed).
/// </summary>
[JsonConverter(typeof(CanvasPatchJsonConverter))]
public sealed record CanvasPatch(bool Reset, IReadOnlyList<CanvasItemMarkup> Items, IReadOnlyList<string>? Order)
{
    public bool IsEmpty => !Reset && Items.Count == 0 && Order is null;
}

/// <summary>
/// Writes a patch for JS interop, whose serializer escapes every &lt; &gt; &amp; " and ' of a string as six characters:
/// markup is mostly those, and would cross the circuit half again as large. Markup strings are written with JSON's own
/// escapes only (quote, backslash, controls, unpaired surrogates), which JSON.parse reads as the same string.
/// </summary>
public sealed class CanvasPatchJsonConverter : JsonConverter<CanvasPatch>
{
    public override CanvasPatch Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("A canvas patch is only sent to the browser.");

    public override void Write(Utf8JsonWriter writer, CanvasPatch value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteBoolean("reset", value.Reset);
        writer.WriteStartArray("items");
        foreach (var item in value.Items)
        {
            writer.WriteStartArray();
            writer.WriteRawValue(Quoted(item.Id), skipInputValidation: true);
            writer.WriteRawValue(Quoted(item.Markup), skipInputValidation: true);
            writer.WriteEndArray();
        }

        writer.WriteEndArray();
        writer.WritePropertyName("order");
        if (value.Order is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            writer.WriteStartArray();
            foreach (var id in value.Order)
            {
                writer.WriteRawValue(Quoted(id), skipInputValidation: true);
            }

            writer.WriteEndArray();
        }

        writer.WriteEndObject();
    }

    /// <summary>A JSON string literal of <paramref name="text"/>, escaping only what JSON requires and what UTF-8 cannot hold.</summary>
    public static string Quoted(string text)
    {
        var json = new StringBuilder(text.Length + 16).Append('"');
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '"':
                    json.Append("\\\"");
                    break;
                case '\\':
                    json.Append("\\\\");
                    break;
                case < ' ':
                    json.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
                    break;
                case >= '\ud800' and <= '\udbff' when i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]):
                    json.Append(c).Append(text[++i]);
                    break;
                case >= '\ud800' and <= '\udfff':
                    json.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
                    break;
                default:
                    json.Append(c);
                    break;
            }
        }

        return json.Append('"').ToString();
    }
}
