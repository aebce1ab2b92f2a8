using System.Text;

namespace Lifecycle.Data.Definitions;

/// <summary>
/// A fixed dictionary for the stored form of small objects (decision 034): the field names and structure that every
/// component's and query's JSON repeats (<c>{"id":"</c>, <c>","properties":{</c>, <c>},"order":0</c>, the catalog's
/// property names and types) become one byte each. Canonical JSON never holds a byte below 0x20 (control characters
/// are escaped, and it has no whitespace), so bytes 0x01 to 0x1F are free for codes and decoding is exact. A 140-byte
/// component shrinks by about 40%, where Brotli, which has no shared dictionary for such small inputs, gains little.
/// The list is part of the stored format: it never changes; another list would need another first byte.
/// </summary>
internal static class JsonTokens
{
    private static readonly byte[][] Tokens = [.. new[]
    {
        "{\"id\":\"",
        "\",\"name\":\"",
        "\",\"type\":\"",
        "\",\"properties\":{",
        "},\"order\":0",
        ",\"layout\":{\"row\":",
        ",\"column\":",
        ",\"width\":",
        ",\"onClick\":[{\"kind\":\"",
        "\",\"target\":\"",
        "\",\"value\":\"",
        "\"label\":\"",
        "\"text\":\"",
        "\"placeholder\":\"",
        "\"defaultValue\":\"",
        "\"source\":\"",
        "\"alt\":\"",
        "\"data\":\"",
        "TextInput",
        "Button",
        "Image",
        "Table",
        "Text",
        "{{constants.",
        "{{queries.",
        "{\"name\":\"",
        "\",\"dataSource\":\"",
        "\",\"options\":{",
        "\",\"runOnPageOpen\":",
        "\"},{\"kind\":\"",
        "\",\"",
    }.Select(Encoding.UTF8.GetBytes)];

    /// <summary>For each first byte, the codes of the tokens that start with it, longest first.</summary>
    private static readonly byte[][] ByFirstByte = BuildIndex();

    public static byte[] Encode(ReadOnlySpan<byte> json)
    {
        var output = new List<byte>(json.Length);
        var i = 0;
        while (i < json.Length)
        {
            var code = Match(json[i..]);
            if (code == 0)
            {
                output.Add(json[i++]);
            }
            else
            {
                output.Add(code);
                i += Tokens[code - 1].Length;
            }
        }

        return [.. output];
    }

    public static byte[] Decode(ReadOnlySpan<byte> encoded)
    {
        var output = new List<byte>(encoded.Length * 2);
        foreach (var b in encoded)
        {
            if (b is > 0 and < 0x20)
            {
                output.AddRange(Tokens[b - 1]);
            }
            else
            {
                output.Add(b);
            }
        }

        return [.. output];
    }

    private static byte Match(ReadOnlySpan<byte> rest)
    {
        foreach (var code in ByFirstByte[rest[0]])
        {
            if (rest.StartsWith(Tokens[code - 1]))
            {
                return code;
            }
        }

        return 0;
    }

    private static byte[][] BuildIndex()
    {
        if (Tokens.Length > 0x1F)
        {
            throw new InvalidOperationException("At most 31 tokens fit below 0x20.");
        }

        return [.. Enumerable.Range(0, 256).Select(first => Tokens
            .Select((token, index) => (Token: token, Code: (byte)(index + 1)))
            .Where(t => t.Token[0] == first)
            .OrderByDescending(t => t.Token.Length)
            .Select(t => t.Code)
            .ToArray())];
    }
}
