using Lifecycle.Data.Definitions;
using Lifecycle.Tests.Support;

namespace Lifecycle.Tests.Domain;

/// <summary>Decision 048: a leaf's row holds its components, and boundaries follow component ids, not content.</summary>
public sealed class LeafComponentsTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(16)]
    public void D4_ALeafsComponentsReadBackAsTheSameComponentsAndTheSameLeaf(int count)
    {
        var components = Components(count);

        var read = LeafPayload.Components(LeafPayload.Of(components));

        Assert.Equal(components, read.Select(component => component.Json));
        Assert.Equal(components.Select(json => DefinitionJson.Hash(json)), read.Select(component => component.Hash));
        var leaf = new SequenceNode(0, [.. components.Select(json => DefinitionJson.Hash(json))], []);
        Assert.Equal(ObjectCodec.Serialize(leaf), ObjectCodec.Serialize(LeafPayload.Leaf(read)));
    }

    [Fact]
    public void D4_OneChangedPropertyIsStoredAsASmallDeltaOfTheBasesComponentsThatNamesItsBaseAndDepth()
    {
        var components = Components(16);
        var basePayload = LeafPayload.Of(components);
        var baseHash = DefinitionJson.Hash(ObjectCodec.Serialize(LeafPayload.Leaf(LeafPayload.Components(basePayload))));
        var changed = components.ToList();
        changed[9] = ObjectCodec.Component(Component(9) with { Properties = Component(9).Properties.SetItem("text", "Edited 7") });
        var payload = LeafPayload.Of(changed);
        var whole = ObjectCodec.PackComponents(payload);

        var delta = ObjectCodec.PackComponentsDelta(payload, whole, new DeltaBase(baseHash, LeafPayload.Leaf([]), StoredForm.DeltaOf(DefinitionJson.Hash("older"), 2, holdsComponents: true), basePayload));

        Assert.NotNull(delta);
        Assert.InRange(delta.Length, 0, 34 + 30); // its header, and a copy, a few literal bytes and a copy
        Assert.InRange(whole.Length, 200, int.MaxValue);
        Assert.Equal(StoredForm.DeltaOf(baseHash, 3, holdsComponents: true), ObjectCodec.FormOf(delta));
        Assert.Equal(StoredForm.WholeComponents, ObjectCodec.FormOf(whole));
        Assert.Equal(payload, ObjectCodec.UnpackDelta(delta, basePayload));
        Assert.Equal(payload, ObjectCodec.UnpackComponents(whole));
        Assert.Throws<InvalidOperationException>(() => ObjectCodec.Unpack(whole)); // a leaf's components are not its canonical JSON
    }

    [Fact]
    public void D4_ComponentsAreDeltasOnlyOfComponentsAndCanonicalJsonOnlyOfCanonicalJson()
    {
        var payload = LeafPayload.Of(Components(16));
        var node = new SequenceNode(0, [.. Enumerable.Range(0, 16).Select(i => DefinitionJson.Hash($"child-{i}"))], []);
        var nodeJson = ObjectCodec.Serialize(node);
        var baseHash = DefinitionJson.Hash(nodeJson);

        Assert.NotNull(ObjectCodec.PackComponentsDelta(payload, ObjectCodec.PackComponents(payload), new DeltaBase(baseHash, node, StoredForm.WholeComponents, payload)));
        Assert.Null(ObjectCodec.PackComponentsDelta(payload, ObjectCodec.PackComponents(payload), new DeltaBase(baseHash, node, StoredForm.Whole, payload)));
        Assert.Null(ObjectCodec.PackDelta(nodeJson, ObjectCodec.Pack(nodeJson), new DeltaBase(baseHash, node, StoredForm.WholeComponents, payload)));
        Assert.Null(ObjectCodec.PackComponentsDelta(payload, ObjectCodec.PackComponents(payload),
            new DeltaBase(baseHash, node, StoredForm.DeltaOf(baseHash, ObjectCodec.MaxDeltaDepth, holdsComponents: true), payload)));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void D4_AComponentsDeltaRebuildsThemAfterAnyChangesInsertionsAndRemovals(int seed)
    {
        var random = new Random(seed);
        var components = Components(20);
        var basePayload = LeafPayload.Of(components);
        for (var round = 0; round < 50; round++)
        {
            var edited = components.ToList();
            for (var change = random.Next(1, 5); change > 0; change--)
            {
                var at = random.Next(edited.Count);
                var other = ObjectCodec.Component(Component(100 + round) with { Properties = Component(0).Properties.SetItem("text", $"round {round} {change}") });
                switch (random.Next(3))
                {
                    case 0: edited[at] = other; break;
                    case 1: edited.Insert(at, other); break;
                    default: edited.RemoveAt(at); break;
                }
            }

            var payload = LeafPayload.Of(edited);

            Assert.Equal(payload, ObjectDelta.Rebuild(ObjectDelta.Compress(ObjectDelta.MakeAround(payload, basePayload)), basePayload));
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void D4_APropertyChangeMovesNoBoundary_SoItChangesOneLeafAndTheNodesAboveIt(int seed)
    {
        // With boundaries set by content hashes, about one change in eight moved one and split or merged nodes.
        var random = new Random(seed);
        var ids = Enumerable.Range(0, 3000).Select(i => $"{seed}-{i}").ToList();
        var hashes = ids.Select(id => DefinitionJson.Hash(id)).ToList();
        var stored = new ObjectBatch();
        var root = ComponentSequence.Build(hashes, ids, stored);
        var shape = Shape(root, stored);
        for (var round = 0; round < 60; round++)
        {
            hashes[random.Next(hashes.Count)] = DefinitionJson.Hash($"{seed}-changed-{round}");
            var known = DefinitionTreeTests.Nodes(root, stored);
            var written = new ObjectBatch();

            root = ComponentSequence.Build(hashes, ids, written, known);

            Assert.Equal(shape, Shape(root, written, stored));
            var nodes = written.Hashes.Select(hash => { Assert.True(written.TryGet<SequenceNode>(hash, out var node)); return node; }).ToList();
            Assert.Equal(shape.Count, nodes.Count); // one node a level: the changed leaf and the nodes above it
            Assert.Single(nodes, node => node.Level == 0);
            foreach (var hash in written.Hashes)
            {
                Assert.True(written.TryGet<SequenceNode>(hash, out var node));
                stored.Put(node);
            }
        }
    }

    /// <summary>How many components each node of each level holds, level by level from the root; nodes from the first batch that has them.</summary>
    private static List<List<int>> Shape(string root, params ObjectBatch[] batches)
    {
        SequenceNode Node(string hash) => batches.Select(batch => batch.TryGet<SequenceNode>(hash, out var node) ? node : null).FirstOrDefault(node => node is not null)
            ?? throw new Xunit.Sdk.XunitException($"node {hash} is in no batch");
        var levels = new List<List<int>>();
        List<string> level = [root];
        while (level.Count > 0)
        {
            var nodes = level.Select(Node).ToList();
            levels.Add([.. nodes.Select(node => node.ComponentCount)]);
            level = nodes[0].Level == 0 ? [] : [.. nodes.SelectMany(node => node.Children)];
        }

        return levels;
    }

    private static List<byte[]> Components(int count) => [.. Enumerable.Range(0, count).Select(i => ObjectCodec.Component(Component(i)))];

    private static ComponentDefinition Component(int index) => SampleComponents[index];

    private static readonly System.Collections.Immutable.ImmutableArray<ComponentDefinition> SampleComponents = Sample.App(components: 160).Pages[0].Components;
}
