using System.Text.Json;

namespace Lifecycle.Data.Definitions;

/// <summary>
/// A leaf's components as its row stores them (decision 048): a JSON array of their canonical JSON, in page order. The
/// leaf (its children's hashes) and with it the leaf's hash follow from them, so the row holds no hash, and the components
/// need no rows of their own.
/// </summary>
internal static class LeafPayload
{
    public static byte[] Of(IReadOnlyList<byte[]> components)
    {
        var payload = new byte[2 + components.Sum(component => component.Length) + Math.Max(components.Count - 1, 0)];
        payload[0] = (byte)'[';
        var at = 1;
        for (var i = 0; i < components.Count; i++)
        {
            if (i > 0)
            {
                payload[at++] = (byte)',';
            }

            components[i].CopyTo(payload, at);
            at += components[i].Length;
        }

        payload[at] = (byte)']';
        return payload;
    }

    /// <summary>The components' hashes and canonical JSON, in order.</summary>
    public static List<(string Hash, byte[] Json)> Components(byte[] payload)
    {
        var reader = new Utf8JsonReader(payload);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
        {
            throw new InvalidOperationException("A leaf's stored components are not a JSON array.");
        }

        var components = new List<(string Hash, byte[] Json)>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            var start = (int)reader.TokenStartIndex;
            reader.Skip();
            var json = payload[start..(int)reader.BytesConsumed];
            components.Add((DefinitionJson.Hash(json), json));
        }

        return components;
    }

    /// <summary>The leaf that lists <paramref name="components"/>.</summary>
    public static SequenceNode Leaf(IReadOnlyList<(string Hash, byte[] Json)> components) =>
        new(0, [.. components.Select(component => component.Hash)], []);
}
