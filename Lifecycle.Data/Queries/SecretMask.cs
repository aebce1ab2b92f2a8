using System.Net;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Lifecycle.Data.Queries;

/// <summary>
/// SPEC E5, the second wall: every occurrence of a secret that a query sent (secret constants of the environment, the
/// data source's bearer token) is replaced by <see cref="Mask"/> in what the query gives back, before it leaves the
/// server. An API that echoes its input may answer the secret as it got it or encoded, so the encoded forms are masked
/// too: JSON-escaped, URL-encoded, HTML-encoded and base64 (also inside a longer base64 text such as
/// <c>user:secret</c>), compared without regard to case so that <c>%2f</c> and <c>%2F</c> are both caught.
/// </summary>
public sealed class SecretMask
{
    public const string Mask = "••••";

    /// <summary>Encoded forms shorter than this are not masked on their own: they would match ordinary text.</summary>
    private const int MinimumEncodedLength = 4;

    private static readonly JavaScriptEncoder[] JsonEncoders = [JavaScriptEncoder.Default, JavaScriptEncoder.UnsafeRelaxedJsonEscaping];

    /// <summary>A name twice in one object is refused at parsing, not later while the tree is walked.</summary>
    private static readonly JsonDocumentOptions StrictJson = new() { AllowDuplicateProperties = false };

    private readonly Regex? _pattern;

    private SecretMask(Regex? pattern) => _pattern = pattern;

    public static SecretMask None { get; } = new(null);

    public static SecretMask For(IEnumerable<string?> secrets)
    {
        var forms = secrets.Where(s => !string.IsNullOrEmpty(s)).SelectMany(s => FormsOf(s!)).Distinct(StringComparer.OrdinalIgnoreCase)
            .OrderByDescending(f => f.Length) // the longest form first, so no part of a longer one is left behind
            .ToList();
        return forms.Count == 0
            ? None
            : new SecretMask(new Regex(string.Join('|', forms.Select(Regex.Escape)), RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(5)));
    }

    public string Apply(string text) => _pattern is null ? text : _pattern.Replace(text, Mask);

    /// <summary>Masks a whole outcome: the error, and in the data every string and property name (already unescaped by the parser).</summary>
    public QueryOutcome Apply(QueryOutcome outcome) =>
        _pattern is null ? outcome : new QueryOutcome(Apply(outcome.Data), outcome.Error is null ? null : Apply(outcome.Error));

    /// <summary>
    /// Parses an API's answer after masking its raw text (which catches escaped forms), then masks the parsed values
    /// (which catches forms only the parser decodes). When masking broke the JSON (a secret that was a number, two names
    /// masked alike), the unmasked answer is parsed and its tree masked, numbers included; text that is no JSON is
    /// returned as masked text.
    /// </summary>
    public JsonNode? ParseMasked(string text)
    {
        var masked = Apply(text);
        if (TryParse(masked, out var node) || TryParse(text, out node))
        {
            return Apply(node);
        }

        return JsonValue.Create(masked);
    }

    private static bool TryParse(string text, out JsonNode? node)
    {
        try
        {
            node = JsonNode.Parse(text, documentOptions: StrictJson);
            return true;
        }
        catch (JsonException)
        {
            node = null;
            return false;
        }
    }

    private JsonNode? Apply(JsonNode? node) => node switch
    {
        null => null,
        JsonObject obj => MaskProperties(obj),
        JsonArray array => new JsonArray([.. array.Select(Apply)]),
        JsonValue value when value.GetValueKind() == JsonValueKind.String => JsonValue.Create(Apply(value.GetValue<string>())),
        _ when Apply(node.ToJsonString()) is var text && text != node.ToJsonString() => JsonValue.Create(text), // a secret that is a number
        _ => node.DeepClone(),
    };

    /// <summary>Masked names may collide ("••••" twice): later ones get a number, so no property is lost or fails the answer.</summary>
    private JsonObject MaskProperties(JsonObject obj)
    {
        var masked = new JsonObject(obj.Options);
        foreach (var (name, value) in obj)
        {
            var maskedName = Apply(name);
            for (var copy = 2; masked.ContainsKey(maskedName); copy++)
            {
                maskedName = $"{Apply(name)} ({copy})";
            }

            masked[maskedName] = Apply(value);
        }

        return masked;
    }

    private static IEnumerable<string> FormsOf(string secret)
    {
        yield return secret;
        var bytes = Encoding.UTF8.GetBytes(secret);
        var encoded = new List<string>
        {
            Uri.EscapeDataString(secret),
            WebUtility.UrlEncode(secret),
            WebUtility.HtmlEncode(secret),
        };
        encoded.AddRange(JsonEncoders.Select(encoder => JsonEncodedText.Encode(secret, encoder).ToString()));
        encoded.AddRange(Base64Forms(bytes));
        foreach (var form in encoded.Where(f => f.Length >= MinimumEncodedLength && f != secret))
        {
            yield return form;
        }
    }

    /// <summary>
    /// The base64 characters that only the secret's bytes decide, for each of the three alignments the secret can have
    /// inside a longer encoded text (such as base64 of <c>user:secret</c>), in standard and URL-safe alphabets.
    /// </summary>
    private static IEnumerable<string> Base64Forms(byte[] bytes)
    {
        for (var offset = 0; offset < 3; offset++)
        {
            var text = Convert.ToBase64String([.. new byte[offset], .. bytes]);
            var first = (offset * 8 + 5) / 6;                 // the first character whose six bits are all the secret's
            var end = (offset * 8 + bytes.Length * 8) / 6;    // past the last such character
            if (end > first)
            {
                var core = text[first..end];
                yield return core;
                yield return core.Replace('+', '-').Replace('/', '_');
            }
        }
    }
}
