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

            Assert.Equal(json, ObjectDelta.Apply(ObjectDelta.Decompress(ObjectDelta.Compress(ObjectDelta.Make(json, baseJson))), baseJson));
        }
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
        var unrelated = ObjectCodec.Serialize(new SequenceNode(0, [DefinitionJson.Hash("x"), DefinitionJson.Hash("y")], []));
        Assert.Null(ObjectCodec.PackDelta(unrelated, ObjectCodec.Pack(unrelated), new DeltaBase(storedHash, stored, StoredForm.Whole)));
    }
}
