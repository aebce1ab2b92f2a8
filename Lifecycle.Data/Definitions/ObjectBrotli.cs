using System.IO.Compression;

namespace Lifecycle.Data.Definitions;

/// <summary>
/// Brotli as the object store uses it, for whole objects (decision 034) and delta scripts (decision 039): a fast quality
/// and a 64 KB window, ample for objects of a few KB. The compressed bytes follow a first byte that says how the rest is
/// stored.
/// </summary>
internal static class ObjectBrotli
{
    /// <summary><paramref name="flag"/> and <paramref name="data"/> compressed, or null when that is not shorter than <paramref name="shorterThan"/> bytes after the flag.</summary>
    public static byte[]? Compress(ReadOnlySpan<byte> data, byte flag, int shorterThan)
    {
        var packed = new byte[1 + BrotliEncoder.GetMaxCompressedLength(data.Length)];
        if (!BrotliEncoder.TryCompress(data, packed.AsSpan(1), out var written, quality: 5, window: 16) || written >= shorterThan)
        {
            return null;
        }

        packed[0] = flag;
        return packed[..(1 + written)];
    }

    /// <summary>The bytes compressed in <paramref name="stored"/> after its first byte.</summary>
    public static byte[] Decompress(byte[] stored)
    {
        using var input = new MemoryStream(stored, 1, stored.Length - 1);
        using var brotli = new BrotliStream(input, CompressionMode.Decompress);
        using var output = new MemoryStream(stored.Length * 4);
        brotli.CopyTo(output);
        return output.ToArray();
    }
}
