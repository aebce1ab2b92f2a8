using System.IO.Compression;

namespace Lifecycle.Data.Definitions;

/// <summary>
/// The canonical JSON of each kind of object. A component and a query are stored as their whole record, whatever fields
/// it has, except the order, which is their place in the page's sequence or the root's list (so moving one changes
/// neither it nor its neighbours).
/// </summary>
internal static class ObjectCodec
{
    public static byte[] Component(ComponentDefinition component) =>
        DefinitionJson.SerializeToUtf8(component.Order == 0 ? component : component with { Order = 0 }, typeof(ComponentDefinition));

    public static byte[] Query(QueryDefinition query) => DefinitionJson.SerializeToUtf8(query, typeof(QueryDefinition));

    /// <summary>The definition's own fields: everything but its pages and queries.</summary>
    public static byte[] OwnPart(AppDefinition definition) => DefinitionJson.SerializeToUtf8(OwnFields(definition), typeof(AppDefinition));

    /// <summary>The page's own fields: everything but its components and its order.</summary>
    public static byte[] OwnPart(PageDefinition page) => DefinitionJson.SerializeToUtf8(OwnFields(page), typeof(PageDefinition));

    public static AppDefinition OwnFields(AppDefinition definition) => definition with { Pages = [], Queries = [] };

    public static PageDefinition OwnFields(PageDefinition page) => page with { Components = [], Order = 0 };

    public static byte[] Serialize<T>(T value)
        where T : notnull => DefinitionJson.SerializeToUtf8(value, typeof(T));

    public static T Decode<T>(byte[] canonicalJson) => DefinitionJson.Deserialize<T>(canonicalJson);

    /// <summary>
    /// The stored form (decision 034): a first byte that says how the rest is stored, then the canonical JSON as it is
    /// (<see cref="Plain"/>), with its common field names as one-byte codes (<see cref="Tokens"/>), or compressed with
    /// Brotli (<see cref="Brotli"/>), whichever is smallest. The hash is always that of the JSON. Components and queries
    /// shrink most with the codes; index objects, mostly hex hashes, halve with Brotli (a fast quality and a 64 KB window,
    /// ample for objects of a few KB).
    /// </summary>
    public static byte[] Pack(byte[] canonicalJson)
    {
        var tokens = JsonTokens.Encode(canonicalJson);
        var packed = new byte[1 + BrotliEncoder.GetMaxCompressedLength(canonicalJson.Length)];
        if (BrotliEncoder.TryCompress(canonicalJson, packed.AsSpan(1), out var written, quality: 5, window: 16) && written < Math.Min(tokens.Length, canonicalJson.Length))
        {
            packed[0] = Brotli;
            return packed[..(1 + written)];
        }

        return tokens.Length < canonicalJson.Length ? [Tokens, .. tokens] : [Plain, .. canonicalJson];
    }

    public static byte[] Unpack(byte[] stored)
    {
        switch (stored.Length > 0 ? stored[0] : byte.MaxValue)
        {
            case Plain:
                return stored[1..];
            case Tokens:
                return JsonTokens.Decode(stored.AsSpan(1));
            case Brotli:
                using (var input = new MemoryStream(stored, 1, stored.Length - 1))
                using (var brotli = new BrotliStream(input, CompressionMode.Decompress))
                using (var output = new MemoryStream(stored.Length * 4))
                {
                    brotli.CopyTo(output);
                    return output.ToArray();
                }

            default:
                throw new InvalidOperationException("A definition object is stored in an unknown form.");
        }
    }

    /// <summary>First byte of a stored object: the canonical JSON follows as it is.</summary>
    internal const byte Plain = 0;

    /// <summary>First byte of a stored object: the canonical JSON follows compressed with Brotli. Rows stored before decision 034 got it by migration.</summary>
    internal const byte Brotli = 1;

    /// <summary>First byte of a stored object: the canonical JSON follows with <see cref="JsonTokens"/>' codes for its common parts.</summary>
    internal const byte Tokens = 2;
}
