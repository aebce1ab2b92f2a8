using System.Text;

namespace Lifecycle.Data.Definitions;

/// <summary>
/// A sequence node as an edit of another (decision 039): the JSON is cut after each quote, so each hash is one piece,
/// and written as runs copied from the base and bytes inserted between them. A node that differs from its base in a
/// few children costs those children's hashes and a few bytes of runs, wherever the children are. Inserted hashes are
/// written as their 32 bytes, not their 64 hex digits (decision 042); scripts written before that are still read
/// (<see cref="ApplyHexScript"/>).
/// </summary>
internal static class ObjectDelta
{
    public static byte[] Make(ReadOnlySpan<byte> json, byte[] baseJson)
    {
        var script = new List<byte>(64);
        AddScript(script, json, baseJson, 0);
        return [.. script];
    }

    /// <summary>
    /// As <see cref="Make"/>, with the bytes both share at the start and at the end copied first and last, and only what lies
    /// between matched piece by piece (decision 048): a leaf's components repeat the same short pieces (field names,
    /// <c>","</c>), whose first place in the base is rarely the right one, while an edit changes them in one place.
    /// </summary>
    public static byte[] MakeAround(ReadOnlySpan<byte> json, byte[] baseJson)
    {
        var prefix = json.CommonPrefixLength(baseJson);
        var room = Math.Min(json.Length, baseJson.Length) - prefix;
        var suffix = 0;
        while (suffix < room && json[json.Length - 1 - suffix] == baseJson[baseJson.Length - 1 - suffix])
        {
            suffix++;
        }

        var script = new List<byte>(32);
        AddCopy(script, 0, prefix);
        AddScript(script, json[prefix..(json.Length - suffix)], baseJson.AsSpan(prefix, baseJson.Length - prefix - suffix), prefix);
        AddCopy(script, baseJson.Length - suffix, suffix);
        return [.. script];
    }

    private static void AddCopy(List<byte> script, int start, int length)
    {
        if (length > 0)
        {
            AddNumber(script, (start << 2) | CopyOp);
            AddNumber(script, length);
        }
    }

    /// <summary>Appends the steps that write <paramref name="json"/> from <paramref name="baseJson"/>, which starts at <paramref name="baseOffset"/> of the whole base.</summary>
    private static void AddScript(List<byte> script, ReadOnlySpan<byte> json, ReadOnlySpan<byte> baseJson, int baseOffset)
    {
        var basePieces = Pieces(baseJson);
        var firstAt = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < basePieces.Count; i++)
        {
            firstAt.TryAdd(Key(baseJson, basePieces[i]), i);
        }

        var pieces = Pieces(json);
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
            AddCopy(script, baseOffset + start, end - start);
            i += run;
        }

        Insert(script, inserted);
    }

    /// <summary>The node rebuilt from a stored script (<see cref="Compress"/>'s output) and its base.</summary>
    public static byte[] Rebuild(byte[] stored, byte[] baseJson)
    {
        var script = (stored[0] & BrotliFlag) != 0 ? ObjectBrotli.Decompress(stored) : stored.AsSpan(1);
        return (stored[0] & PackedHexFlag) != 0 ? Apply(script, baseJson) : ApplyHexScript(script, baseJson);
    }

    /// <summary>A script written by <see cref="Make"/>: copies, literal bytes and packed hex runs, each after a number whose two low bits say which.</summary>
    private static byte[] Apply(ReadOnlySpan<byte> script, byte[] baseJson)
    {
        var output = new List<byte>(baseJson.Length + 64);
        for (var at = 0; at < script.Length;)
        {
            var head = ReadNumber(script, ref at);
            var value = head >> 2;
            switch (head & 3)
            {
                case CopyOp:
                    output.AddRange(baseJson.AsSpan(value, ReadNumber(script, ref at)));
                    break;
                case LiteralOp:
                    output.AddRange(script.Slice(at, value));
                    at += value;
                    break;
                case PackedHexOp:
                    foreach (var packed in script.Slice(at, value))
                    {
                        output.Add(HexDigits[packed >> 4]);
                        output.Add(HexDigits[packed & 0xF]);
                    }

                    at += value;
                    break;
                default:
                    throw new InvalidOperationException("A definition object's delta has an unknown step.");
            }
        }

        return [.. output];
    }

    /// <summary>The first scripts (decision 039): copies and literal bytes, hashes as hex; rows stored then keep them.</summary>
    private static byte[] ApplyHexScript(ReadOnlySpan<byte> script, byte[] baseJson)
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

    /// <summary>
    /// The stored script: a byte of flags, then the script, compressed with Brotli when that is smaller (rare, now that
    /// hashes are packed: what is left is mostly random bytes).
    /// </summary>
    public static byte[] Compress(byte[] script) =>
        ObjectBrotli.Compress(script, PackedHexFlag | BrotliFlag, script.Length) ?? [PackedHexFlag, .. script];

    /// <summary>Inserted bytes as literal runs and packed runs of hex digits (a hash's 64 digits become 32 bytes).</summary>
    private static void Insert(List<byte> script, List<byte> inserted)
    {
        var literalStart = 0;
        for (var at = 0; at < inserted.Count;)
        {
            var run = 0;
            while (at + run < inserted.Count && IsLowerHex(inserted[at + run]))
            {
                run++;
            }

            run &= ~1;
            if (run < MinPackedHexDigits)
            {
                at += Math.Max(run, 1);
                continue;
            }

            AddLiteral(script, inserted, literalStart, at);
            AddNumber(script, ((run / 2) << 2) | PackedHexOp);
            for (var digit = at; digit < at + run; digit += 2)
            {
                script.Add((byte)((HexValue(inserted[digit]) << 4) | HexValue(inserted[digit + 1])));
            }

            at += run;
            literalStart = at;
        }

        AddLiteral(script, inserted, literalStart, inserted.Count);
        inserted.Clear();
    }

    private static void AddLiteral(List<byte> script, List<byte> inserted, int start, int end)
    {
        if (end > start)
        {
            AddNumber(script, ((end - start) << 2) | LiteralOp);
            script.AddRange(inserted.GetRange(start, end - start));
        }
    }

    private static bool IsLowerHex(byte value) => value is >= (byte)'0' and <= (byte)'9' or >= (byte)'a' and <= (byte)'f';

    private static int HexValue(byte digit) => digit <= (byte)'9' ? digit - '0' : digit - 'a' + 10;

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

    private static bool Same(ReadOnlySpan<byte> json, (int Start, int Length) piece, ReadOnlySpan<byte> baseJson, (int Start, int Length) basePiece) =>
        json.Slice(piece.Start, piece.Length).SequenceEqual(baseJson.Slice(basePiece.Start, basePiece.Length));

    private const int CopyOp = 0;
    private const int LiteralOp = 1;
    private const int PackedHexOp = 2;

    /// <summary>Shorter runs of hex digits (numbers, short names) stay literal: packing them saves less than their step costs.</summary>
    private const int MinPackedHexDigits = 16;

    private const byte BrotliFlag = 1;

    /// <summary>Set on scripts with packed hex runs (decision 042); scripts stored before have flags 0 or 1.</summary>
    private const byte PackedHexFlag = 2;

    private static ReadOnlySpan<byte> HexDigits => "0123456789abcdef"u8;

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
