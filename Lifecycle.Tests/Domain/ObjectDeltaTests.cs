using System.Collections.Immutable;
using Lifecycle.Data.Definitions;

namespace Lifecycle.Tests.Domain;

/// <summary>Decision 039: a sequence node stored as a delta of another rebuilds exactly, whatever changed between them.</summary>
public sealed class ObjectDeltaTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void D4_ADeltaRebuildsTheNodeAfterAnyReplacementsInsertionsAndRemovals(int seed)
    {
        var random = new Random(seed);
        var children = Enumerable.Range(0, 40).Select(i => DefinitionJson.Hash($"{seed}-{i}")).ToList();
        var baseJson = ObjectCodec.Serialize(new SequenceNode(0, [.. children], []));
        for (var round = 0; round < 50; round++)
        {
            var edited = children.ToList();
            for (var change = random.Next(1, 6); change > 0; change--)
            {
                var at = random.Next(edited.Count);
                switch (random.Next(3))
                {
                    case 0: edited[at] = DefinitionJson.Hash($"{seed}-new-{round}-{change}"); break;
                    case 1: edited.Insert(at, DefinitionJson.Hash($"{seed}-added-{round}-{change}")); break;
                    default: edited.RemoveAt(at); break;
                }
            }

            var json = ObjectCodec.Serialize(new SequenceNode(0, [.. edited], []));

            Assert.Equal(json, ObjectDelta.Rebuild(ObjectDelta.Compress(ObjectDelta.Make(json, baseJson)), baseJson));
        }
    }

    [Theory]
    [InlineData("[\"00112233445566778899aabbccddeeff0\",12345678901234567890]", "[\"00112233445566778899aabbccddeeff1x\",12345678901234567891]")]
    [InlineData("{\"a\":\"ABCDEF0123456789ABCDEF\"}", "{\"a\":\"ABCDEF0123456789abcdef0123456789\",\"b\":\"\u00e9t\u00e9 fed\"}")]
    [InlineData("[]", "[\"0123456789abcdef\",\"0123456789abcde\",\"\"]")]
    public void D4_InsertedTextRebuildsExactlyWhetherOrNotItsHexDigitsArePacked(string baseText, string text)
    {
        var baseJson = System.Text.Encoding.UTF8.GetBytes(baseText);
        var json = System.Text.Encoding.UTF8.GetBytes(text);

        Assert.Equal(json, ObjectDelta.Rebuild(ObjectDelta.Compress(ObjectDelta.Make(json, baseJson)), baseJson));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void D4_ADeltaStoredBeforeHashesWerePackedStillRebuilds(bool brotli)
    {
        // Decision 039's script, as rows stored before decision 042 hold it: copy up to the changed hash, insert its 64
        // hex digits, copy the rest; flag 0 (as it is) or 1 (Brotli)
        var children = Enumerable.Range(0, 16).Select(i => DefinitionJson.Hash($"child-{i}")).ToList();
        var baseJson = ObjectCodec.Serialize(new SequenceNode(0, [.. children], []));
        var changed = DefinitionJson.Hash("changed");
        var json = ObjectCodec.Serialize(new SequenceNode(0, [.. children.Select((child, i) => i == 7 ? changed : child)], []));
        var at = System.Text.Encoding.ASCII.GetString(baseJson).IndexOf(children[7], StringComparison.Ordinal);
        List<byte> script = [];
        ObjectDelta.AddNumber(script, 0);
        ObjectDelta.AddNumber(script, at);
        ObjectDelta.AddNumber(script, (changed.Length << 1) | 1);
        script.AddRange(System.Text.Encoding.ASCII.GetBytes(changed));
        ObjectDelta.AddNumber(script, (at + changed.Length) << 1);
        ObjectDelta.AddNumber(script, baseJson.Length - at - changed.Length);
        byte[] stored = brotli ? [1, .. Brotli(script.ToArray())] : [0, .. script];

        Assert.Equal(json, ObjectDelta.Rebuild(stored, baseJson));
    }

    [Fact]
    public void D4_ANodeThatDiffersInOneChildIsStoredAsASmallDeltaThatNamesItsBaseAndDepth()
    {
        var children = Enumerable.Range(0, 16).Select(i => DefinitionJson.Hash($"child-{i}")).ToImmutableArray();
        var stored = new SequenceNode(0, children, []);
        var storedHash = DefinitionJson.Hash(ObjectCodec.Serialize(stored));
        var json = ObjectCodec.Serialize(new SequenceNode(0, children.SetItem(7, DefinitionJson.Hash("changed")), []));
        var whole = ObjectCodec.Pack(json);

        var delta = ObjectCodec.PackDelta(json, whole, new DeltaBase(storedHash, stored, StoredForm.DeltaOf(DefinitionJson.Hash("older"), 3)));

        Assert.NotNull(delta);
        Assert.True(delta.Length * 4 < whole.Length, $"{delta.Length} bytes against {whole.Length} stored whole");
        Assert.InRange(delta.Length - DeltaHeader, 32, 63); // the new hash costs its 32 bytes, not its 64 hex digits (decision 042)
        Assert.Equal(StoredForm.DeltaOf(storedHash, 4), ObjectCodec.FormOf(delta));
        Assert.Equal(StoredForm.Whole, ObjectCodec.FormOf(whole));
        Assert.Equal(json, ObjectCodec.UnpackDelta(delta, ObjectCodec.Serialize(stored)));
        Assert.Throws<InvalidOperationException>(() => ObjectCodec.Unpack(delta)); // a delta is never read without its base
    }

    [Fact]
    public void D4_ADeltaDeeperThanTheLimitOrNoSmallerThanTheWholeIsNotMade()
    {
        var stored = new SequenceNode(0, [DefinitionJson.Hash("a"), DefinitionJson.Hash("b")], []);
        var storedHash = DefinitionJson.Hash(ObjectCodec.Serialize(stored));
        var json = ObjectCodec.Serialize(new SequenceNode(0, [DefinitionJson.Hash("a"), DefinitionJson.Hash("c")], []));
        var whole = ObjectCodec.Pack(json);

        Assert.Null(ObjectCodec.PackDelta(json, whole, new DeltaBase(storedHash, stored, StoredForm.DeltaOf(DefinitionJson.Hash("older"), ObjectCodec.MaxDeltaDepth))));
        // nothing in common with the base, and a whole form that Brotli makes smaller than any script of it
        var unrelated = ObjectCodec.Serialize(new SequenceNode(0, [.. Enumerable.Repeat(DefinitionJson.Hash("x"), 8)], []));
        Assert.Null(ObjectCodec.PackDelta(unrelated, ObjectCodec.Pack(unrelated), new DeltaBase(storedHash, stored, StoredForm.Whole)));
    }

    /// <summary>The type byte, the depth and the base's 32-byte key, before the script.</summary>
    private const int DeltaHeader = 2 + 32;

    private static byte[] Brotli(byte[] bytes)
    {
        using var output = new MemoryStream();
        using (var brotli = new System.IO.Compression.BrotliStream(output, System.IO.Compression.CompressionLevel.Optimal))
        {
            brotli.Write(bytes);
        }

        return output.ToArray();
    }
}
