using System.IO.Compression;
using System.Text;

namespace Lifecycle.Data.Definitions;

/// <summary>
/// A sequence node as an edit of another (decision 039): the JSON is cut after each quote, so each hash is one piece,
/// and written as runs copied from the base and bytes inserted between them. A node that differs from its base in a
/// few children costs those children's hashes and a few bytes of runs, wherever the children are.
/// </summary>
internal static class ObjectDelta
{
    public static byte[] Make(ReadOnlySpan<byte> json, byte[] baseJson)
    {
        var basePieces = Pieces(baseJson);
        var firstAt = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < basePieces.Count; i++)
        {
            firstAt.TryAdd(Key(baseJson, basePieces[i]), i);
        }

        var pieces = Pieces(json);
        var script = new List<byte>(64);
        var inserted = new List<byte>();
        for (var i = 0; i < pieces.Count;)
        {
            if (!firstAt.TryGetValue(Key(json, pieces[i]), out var from))
            {
                inserted.AddRange(json.Slice(pieces[i].Start, pieces[i].Length));
                i++;
                continue;
            }

            Insert(script, inserted);
            var run = 1;
            while (i + run < pieces.Count && from + run < basePieces.Count && Same(json, pieces[i + run], baseJson, basePieces[from + run]))
            {
                run++;
            }

            var start = basePieces[from].Start;
            var end = basePieces[from + run - 1].Start + basePieces[from + run - 1].Length;
            AddNumber(script, start << 1);
            AddNumber(script, end - start);
            i += run;
        }

        Insert(script, inserted);
        return [.. script];
    }

    public static byte[] Apply(ReadOnlySpan<byte> script, byte[] baseJson)
    {
        var output = new List<byte>(baseJson.Length + 64);
        for (var at = 0; at < script.Length;)
        {
            var head = ReadNumber(script, ref at);
            var length = (head & 1) == 1 ? head >> 1 : ReadNumber(script, ref at);
            var from = (head & 1) == 1 ? script.Slice(at, length) : baseJson.AsSpan(head >> 1, length);
            output.AddRange(from);
            at += (head & 1) == 1 ? length : 0;
        }

        return [.. output];
    }

    /// <summary>Brotli of the script when it is smaller (hex halves), after a byte that says which.</summary>
    public static byte[] Compress(byte[] script)
    {
        var packed = new byte[1 + BrotliEncoder.GetMaxCompressedLength(script.Length)];
        if (BrotliEncoder.TryCompress(script, packed.AsSpan(1), out var written, quality: 5, window: 16) && written < script.Length)
        {
            packed[0] = 1;
            return packed[..(1 + written)];
        }

        return [0, .. script];
    }

    public static byte[] Decompress(ReadOnlySpan<byte> stored)
    {
        if (stored[0] == 0)
        {
            return stored[1..].ToArray();
        }

        using var input = new MemoryStream(stored[1..].ToArray());
        using var brotli = new BrotliStream(input, CompressionMode.Decompress);
        using var output = new MemoryStream();
        brotli.CopyTo(output);
        return output.ToArray();
    }

    private static void Insert(List<byte> script, List<byte> inserted)
    {
        if (inserted.Count > 0)
        {
            AddNumber(script, (inserted.Count << 1) | 1);
            script.AddRange(inserted);
            inserted.Clear();
        }
    }

    private static List<(int Start, int Length)> Pieces(ReadOnlySpan<byte> json)
    {
        var pieces = new List<(int Start, int Length)>(40);
        var start = 0;
        for (var i = 0; i < json.Length; i++)
        {
            if (json[i] == (byte)'"')
            {
                pieces.Add((start, i + 1 - start));
                start = i + 1;
            }
        }

        if (start < json.Length)
        {
            pieces.Add((start, json.Length - start));
        }

        return pieces;
    }

    private static string Key(ReadOnlySpan<byte> json, (int Start, int Length) piece) => Encoding.Latin1.GetString(json.Slice(piece.Start, piece.Length));

    private static bool Same(ReadOnlySpan<byte> json, (int Start, int Length) piece, byte[] baseJson, (int Start, int Length) basePiece) =>
        json.Slice(piece.Start, piece.Length).SequenceEqual(baseJson.AsSpan(basePiece.Start, basePiece.Length));

    internal static void AddNumber(List<byte> bytes, int value)
    {
        for (; value >= 0x80; value >>= 7)
        {
            bytes.Add((byte)(value | 0x80));
        }

        bytes.Add((byte)value);
    }

    internal static int ReadNumber(ReadOnlySpan<byte> bytes, ref int at)
    {
        var value = 0;
        for (var shift = 0; shift < 32; shift += 7)
        {
            var next = bytes[at++];
            value |= (next & 0x7F) << shift;
            if (next < 0x80)
            {
                return value;
            }
        }

        throw new InvalidOperationException("A definition object's delta has a malformed number.");
    }
}
