using System.Collections.Immutable;
using System.Text.Json;
using Lifecycle.Data.Definitions;
using Lifecycle.Tests.Support;

namespace Lifecycle.Tests.Domain;

/// <summary>SPEC D4, decision 018: definitions as trees of content-addressed objects.</summary>
public sealed class DefinitionTreeTests
{
    private static readonly ComponentDefinition Greeting = new("cmp000text01", "text1", ComponentType.Text,
        PropertyMap.Of(("text", "Hi {{constants.NAME}}")), 0);

    [Fact]
    public void D4_AComponentObjectKeepsItsHashAcrossReleases()
    {
        // SPEC D4: the canonical form is stable, so stored objects stay addressable (a change here orphans every stored component)
        var json = ObjectCodec.Component(Greeting);

        Assert.Equal("""{"id":"cmp000text01","name":"text1","type":"Text","properties":{"text":"Hi {{constants.NAME}}"},"order":0}""", System.Text.Encoding.UTF8.GetString(json));
        Assert.Equal(DefinitionJson.Hash(json), DefinitionJson.Hash(ObjectCodec.Component(Greeting with { Order = 7 })));
    }

    [Fact]
    public void D4_ANodesCanonicalJsonIsFixed()
    {
        // SPEC D4: stored nodes keep their hashes, however a node is held in memory (issue 12 holds its hashes as bytes)
        var a = DefinitionJson.Hash("a");
        var b = DefinitionJson.Hash("b");
        var node = new SequenceNode(1, [a, b], [3, 4]);

        var json = System.Text.Encoding.UTF8.GetString(ObjectCodec.Serialize(node));

        Assert.Equal($$"""{"level":1,"children":["{{a}}","{{b}}"],"counts":[3,4],"componentCount":7}""", json);
        var read = ObjectCodec.Decode<SequenceNode>(ObjectCodec.Serialize(node));
        Assert.Equal(new[] { a, b }, read.Children.ToArray());
        Assert.Equal(new[] { 3, 4 }, read.Counts.ToArray());
        Assert.Equal(7, read.ComponentCount);
        Assert.Equal("""{"level":0,"children":["not a hash"],"counts":[],"componentCount":1}""",
            System.Text.Encoding.UTF8.GetString(ObjectCodec.Serialize(new SequenceNode(0, ["not a hash"], []))));
    }

    [Fact]
    public void D4_AnObjectIsStoredInItsSmallestFormAndReadsBackTheSame()
    {
        // Decision 034: the first byte says how the canonical JSON is stored; the hash is always that of the JSON
        var component = ObjectCodec.Component(Greeting);
        var node = ObjectCodec.Serialize(new SequenceNode(0, [.. Enumerable.Range(0, 16).Select(i => DefinitionJson.Hash(BitConverter.GetBytes(i)))], []));
        var unusual = System.Text.Encoding.UTF8.GetBytes("""{"x":"é"}""");

        var coded = ObjectCodec.Pack(component);
        var packed = ObjectCodec.Pack(node);
        var plain = ObjectCodec.Pack(unusual);

        Assert.Equal(ObjectCodec.Tokens, coded[0]);
        Assert.True(coded.Length < component.Length * 0.75, $"{coded.Length} of {component.Length} bytes.");
        Assert.Equal(ObjectCodec.Brotli, packed[0]);
        Assert.True(packed.Length < node.Length * 0.6, $"{packed.Length} of {node.Length} bytes.");
        Assert.Equal([ObjectCodec.Plain, .. unusual], plain);
        Assert.Equal(component, ObjectCodec.Unpack(coded));
        Assert.Equal(node, ObjectCodec.Unpack(packed));
        Assert.Equal(unusual, ObjectCodec.Unpack(plain));
        Assert.Throws<InvalidOperationException>(() => ObjectCodec.Unpack([7, 1, 2]));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void D4_EveryComponentAndQueryReadsBackByteForByte(int seed)
    {
        // Decision 034: the one-byte codes are exact, whatever the values hold (codes' own text, escapes, other scripts)
        var random = new Random(seed);
        string[] pieces = ["{{constants.", "\\", "\"", "\u0001", "TextInput", "Text", "\",\"", "é", "日本", "\n", "},\"order\":0", "{\"id\":\"", "🙂", " "];
        string Value() => string.Concat(Enumerable.Range(0, random.Next(0, 6)).Select(_ => pieces[random.Next(pieces.Length)]));
        foreach (var type in ComponentCatalog.All)
        {
            var properties = ComponentCatalog.DefaultProperties(type).SetItem("label", Value()).SetItem(Value() + "x", Value());
            var component = new ComponentDefinition("cmp" + random.Next(), Value() + "n", type, properties, 0, new GridPlacement(1, 2, 3), [new EventAction(EventActionKind.ShowMessage, Value(), Value())]);
            var json = ObjectCodec.Component(component);
            Assert.Equal(json, ObjectCodec.Unpack(ObjectCodec.Pack(json)));
        }

        var query = ObjectCodec.Query(new QueryDefinition(Value() + "q", Value(), ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [KeyValuePair.Create("path", Value())]), RunOnPageOpen: false));
        Assert.Equal(query, ObjectCodec.Unpack(ObjectCodec.Pack(query)));
    }

    [Fact]
    public void D4_AKeyIsTheThirtyTwoBytesOfTheHexHash()
    {
        // Decision 034: versions, nodes and GitSync keep hex; the table keeps the bytes
        var hash = DefinitionJson.Hash(ObjectCodec.Component(Greeting));

        var key = ObjectKey.ToBytes(hash);

        Assert.Equal(32, key.Length);
        Assert.Equal(System.Security.Cryptography.SHA256.HashData(ObjectCodec.Component(Greeting)), key);
        Assert.Equal(hash, ObjectKey.ToHex(key));
    }

    [Fact]
    public void D4_IdenticalContentHasTheSameRootHashWhateverTheEditHistory()
    {
        // SPEC D4
        var start = Sample.App(components: 300);
        var pageId = start.Pages[0].Id;
        var first = Apply(start, new SetComponentProperty(pageId, Sample.ComponentId(10), "text", "A"), new SetComponentProperty(pageId, Sample.ComponentId(250), "text", "B"));
        var second = Apply(start, new SetComponentProperty(pageId, Sample.ComponentId(250), "text", "B"), new SetComponentProperty(pageId, Sample.ComponentId(10), "text", "A"));
        var addedAndDeleted = Apply(start, new AddComponent(pageId, "cmp0000new01", ComponentType.Button), new DeleteComponent(pageId, "cmp0000new01"));

        Assert.Equal(DefinitionStore.HashOf(first), DefinitionStore.HashOf(second));
        Assert.Equal(DefinitionStore.HashOf(start), DefinitionStore.HashOf(addedAndDeleted));
        Assert.NotEqual(DefinitionStore.HashOf(start), DefinitionStore.HashOf(first));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void D4_ASequenceRebuiltAfterEditsEqualsOneBuiltFromScratch(int seed)
    {
        // Decision 018: the sequence tree is a function of its content, so an edited one must equal a fresh build
        var random = new Random(seed);
        var items = Enumerable.Range(0, 3000).Select(i => Hash($"{seed}-{i}")).ToList();
        var stored = new ObjectBatch();
        var root = ComponentSequence.Build(items, items, stored);
        for (var round = 0; round < 40; round++)
        {
            var position = random.Next(items.Count);
            switch (random.Next(4))
            {
                case 0: items[position] = Hash($"{seed}-changed-{round}"); break;
                case 1: items.Insert(position, Hash($"{seed}-added-{round}")); break;
                case 2: items.RemoveAt(position); break;
                default: (items[position], items[Math.Min(position + 1, items.Count - 1)]) = (items[Math.Min(position + 1, items.Count - 1)], items[position]); break;
            }

            var known = Nodes(root, stored);
            var written = new ObjectBatch();
            root = ComponentSequence.Build(items, items, written, known);

            Assert.Equal(ComponentSequence.Build(items, items, new ObjectBatch()), root);
            Assert.InRange(written.Hashes.Count, 0, 10); // only the nodes around the edit: a few per level
            foreach (var hash in written.Hashes)
            {
                Assert.True(written.TryGet<SequenceNode>(hash, out var node));
                stored.Put(node);
            }
        }
    }

    [Fact]
    public void D4_AnEmptyPageAndAPageOfOneAreTreesToo()
    {
        var empty = ComponentSequence.Build([], [], new ObjectBatch());
        var one = ComponentSequence.Build([Hash("only")], ["only"], new ObjectBatch());

        Assert.NotEqual(empty, one);
        Assert.Equal(empty, ComponentSequence.Build([], [], new ObjectBatch()));
    }

    [Fact]
    public void D1_OperationsTravelAsJsonAndApplyTheSameEditsAsTheEditor()
    {
        // Decision 019: an operation names what the builder did; applying it runs DefinitionEdits
        var start = Sample.App(components: 3);
        var pageId = start.Pages[0].Id;
        DefinitionOperation[] operations =
        [
            new SetComponentProperty(pageId, Sample.ComponentId(0), "text", "Hello"),
            new AddComponent(pageId, "cmp0000new01", ComponentType.Table),
            new MoveComponent(pageId, "cmp0000new01", -1),
            new RenameComponent(pageId, Sample.ComponentId(1), "orderButton"),
            new AddPage("page0000two", "Reports"),
            new UpdateSettings(new AppSettings("Shop", AppTheme.Dark)),
            new AddQuery("orders", "shop"),
            new SetQueryOption("orders", QueryOptions.Path, "/orders"),
            new ResizeComponent(pageId, Sample.ComponentId(2), 5),
            new MoveComponentTo(pageId, Sample.ComponentId(2), 0, 6),
            new AddClickAction(pageId, Sample.ComponentId(1), new EventAction(EventActionKind.ShowMessage, "", "Hi {{components.textInput3.value}}")),
            new AddClickAction(pageId, Sample.ComponentId(1), new EventAction(EventActionKind.RunQuery, "orders", "")),
            new RemoveClickAction(pageId, Sample.ComponentId(1), 0),
            new SetQueryRunOnPageOpen("orders", true),
        ];

        var travelled = JsonSerializer.Deserialize<DefinitionOperation[]>(JsonSerializer.Serialize(operations, DefinitionJson.Options), DefinitionJson.Options)!;
        var applied = ResultAssert.Ok(DefinitionOperation.ApplyAll(start, travelled));

        Assert.Equal(operations, travelled);
        var expected = ResultAssert.Ok(DefinitionEdits.SetProperty(start, pageId, Sample.ComponentId(0), "text", "Hello"));
        expected = ResultAssert.Ok(DefinitionEdits.AddComponent(expected, pageId, "cmp0000new01", ComponentType.Table));
        expected = ResultAssert.Ok(DefinitionEdits.MoveComponent(expected, pageId, "cmp0000new01", -1));
        expected = ResultAssert.Ok(DefinitionEdits.RenameComponent(expected, pageId, Sample.ComponentId(1), "orderButton"));
        expected = ResultAssert.Ok(DefinitionEdits.AddPage(expected, "page0000two", "Reports"));
        expected = ResultAssert.Ok(DefinitionEdits.UpdateSettings(expected, new AppSettings("Shop", AppTheme.Dark)));
        expected = ResultAssert.Ok(DefinitionEdits.AddQuery(expected, "orders", "shop"));
        expected = ResultAssert.Ok(DefinitionEdits.SetQueryOption(expected, "orders", QueryOptions.Path, "/orders"));
        expected = ResultAssert.Ok(DefinitionEdits.ResizeComponent(expected, pageId, Sample.ComponentId(2), 5));
        expected = ResultAssert.Ok(DefinitionEdits.MoveComponentTo(expected, pageId, Sample.ComponentId(2), 0, 6));
        expected = ResultAssert.Ok(DefinitionEdits.AddClickAction(expected, pageId, Sample.ComponentId(1), new EventAction(EventActionKind.ShowMessage, "", "Hi {{components.textInput3.value}}")));
        expected = ResultAssert.Ok(DefinitionEdits.AddClickAction(expected, pageId, Sample.ComponentId(1), new EventAction(EventActionKind.RunQuery, "orders", "")));
        expected = ResultAssert.Ok(DefinitionEdits.RemoveClickAction(expected, pageId, Sample.ComponentId(1), 0));
        expected = ResultAssert.Ok(DefinitionEdits.SetQueryRunOnPageOpen(expected, "orders", true));
        Assert.Equal(DefinitionJson.Serialize(expected), DefinitionJson.Serialize(applied));
        Assert.Equal("table1", applied.Pages[0].Components.Single(c => c.Id == "cmp0000new01").Name);
        Assert.Equal(new GridPlacement(0, 6, 5), applied.Pages[0].FindComponent(Sample.ComponentId(2))!.Placement);
        Assert.Equal(EventActionKind.RunQuery, Assert.Single(applied.Pages[0].FindComponent(Sample.ComponentId(1))!.ClickActions).Kind);
        Assert.True(applied.Queries.Single().RunsOnPageOpen);
    }

    [Fact]
    public void D1_ReplacingAComponentKeepsItsIdAndTypeAndChecksANewName()
    {
        var start = Sample.App(components: 3);
        var pageId = start.Pages[0].Id;
        var component = start.Pages[0].Components[0];

        var replaced = ResultAssert.Ok(new ReplaceComponent(pageId, component with { Properties = component.Properties.SetItem("text", "Hi") }).ApplyTo(start));

        Assert.Equal("Hi", replaced.Pages[0].Components[0].Property("text"));
        ResultAssert.Failed(Lifecycle.Data.Common.ResultStatus.Invalid, new ReplaceComponent(pageId, component with { Type = ComponentType.Image }).ApplyTo(start));
        ResultAssert.Failed(Lifecycle.Data.Common.ResultStatus.Invalid, new ReplaceComponent(pageId, component with { Name = start.Pages[0].Components[1].Name }).ApplyTo(start), "componentName");
        ResultAssert.Failed(Lifecycle.Data.Common.ResultStatus.NotFound, new ReplaceComponent(pageId, component with { Id = "gone" }).ApplyTo(start));
    }

    [Fact]
    public void E3_ReferencesCountEveryTextThatBindsAConstantAndEveryQuerysDataSource()
    {
        // SPEC E3: whatever field holds the binding
        var definition = Sample.App(components: 2) with { Settings = new AppSettings("{{constants.TITLE}}", AppTheme.Light) };
        definition = ResultAssert.Ok(DefinitionEdits.SetProperty(definition, definition.Pages[0].Id, Sample.ComponentId(0), "text", "{{constants.GREETING}} {{ constants.NAME.first }}"));
        definition = ResultAssert.Ok(DefinitionEdits.AddQuery(definition, "orders", "shop"));
        definition = ResultAssert.Ok(DefinitionEdits.SetQueryOption(definition, "orders", QueryOptions.Body, "{{constants.KEY}}"));

        var references = DefinitionReferences.Of(definition);

        Assert.Equal(["GREETING", "KEY", "NAME", "TITLE"], references.Constants.Order(StringComparer.Ordinal));
        Assert.Equal(["shop"], references.DataSources);
    }

    private static AppDefinition Apply(AppDefinition definition, params DefinitionOperation[] operations) =>
        ResultAssert.Ok(DefinitionOperation.ApplyAll(definition, operations));

    private static string Hash(string text) => DefinitionJson.Hash(text);

    /// <summary>Every node of the tree under <paramref name="root"/> in <paramref name="stored"/>, to reuse those an edit leaves alone.</summary>
    internal static ComponentSequence.KnownNodes Nodes(string root, ObjectBatch stored)
    {
        var known = new ComponentSequence.KnownNodes();
        var pending = new Stack<string>([root]);
        while (pending.TryPop(out var hash))
        {
            Assert.True(stored.TryGet<SequenceNode>(hash, out var node));
            known.Add(node, hash);
            if (node.Level > 0)
            {
                foreach (var child in node.Children)
                {
                    pending.Push(child);
                }
            }
        }

        return known;
    }
}
