using System.Collections.Immutable;
using Lifecycle.Data.Definitions;
using Lifecycle.Tests.Support;

namespace Lifecycle.Tests.Domain;

public sealed class DefinitionJsonTests
{
    /// <summary>A definition with every part filled, built from scratch so two calls give equal content.</summary>
    private static AppDefinition Sample(string title = "Orders") => new(
        AppDefinition.CurrentSchemaVersion,
        [
            new PageDefinition("page000home", "Home", "home", 0,
            [
                new ComponentDefinition("cmp000text01", "text1", ComponentType.Text, PropertyMap.Of(("text", "Hi {{constants.NAME}}")), 0),
                new ComponentDefinition("cmp000input1", "textinput1", ComponentType.TextInput, PropertyMap.Of(("placeholder", "Name"), ("label", "Your name"), ("defaultValue", "")), 1),
            ]),
            new PageDefinition("page00other", "Reports", "reports", 1,
            [
                new ComponentDefinition("cmp000table1", "table1", ComponentType.Table, PropertyMap.Of(("data", "{{queries.orders.data}}")), 0),
            ]),
        ],
        [new QueryDefinition("orders", "Orders API", Props(("path", "/orders"), ("method", "GET")))],
        new AppSettings(title, AppTheme.Dark));

    private static ImmutableSortedDictionary<string, string> Props(params (string Key, string Value)[] pairs) =>
        pairs.ToImmutableSortedDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);

    [Fact]
    public void D4_SameContentHasTheSameHash()
    {
        // SPEC D4
        var first = DefinitionJson.Serialize(Sample());
        var second = DefinitionJson.Serialize(Sample());

        Assert.Equal(first, second);
        Assert.Equal(DefinitionJson.Hash(first), DefinitionJson.Hash(second));
        Assert.Matches("^[0-9a-f]{64}$", DefinitionJson.Hash(first));
    }

    [Fact]
    public void D4_DifferentContentHasADifferentHash()
    {
        // SPEC D4
        Assert.NotEqual(
            DefinitionJson.Hash(DefinitionJson.Serialize(Sample("Orders"))),
            DefinitionJson.Hash(DefinitionJson.Serialize(Sample("Orders 2"))));
    }

    [Fact]
    public void D4_PropertyInsertionOrderDoesNotChangeTheHash()
    {
        // SPEC D4: property maps are sorted, so the order in which properties were set does not matter
        var definition = AppDefinition.Empty();
        definition = ResultAssert.Ok(DefinitionEdits.AddComponent(definition, definition.Pages[0].Id, ComponentType.Image, out var image));
        var page = definition.Pages[0].Id;
        var altFirst = ResultAssert.Ok(DefinitionEdits.SetProperty(definition, page, image!.Id, "alt", "Logo"));
        altFirst = ResultAssert.Ok(DefinitionEdits.SetProperty(altFirst, page, image.Id, "source", "/logo.png"));
        var sourceFirst = ResultAssert.Ok(DefinitionEdits.SetProperty(definition, page, image.Id, "source", "/logo.png"));
        sourceFirst = ResultAssert.Ok(DefinitionEdits.SetProperty(sourceFirst, page, image.Id, "alt", "Logo"));

        Assert.Equal(DefinitionJson.Serialize(altFirst), DefinitionJson.Serialize(sourceFirst));
    }

    [Fact]
    public void D4_RoundTripKeepsContentAndHash()
    {
        // SPEC D4, D1
        var json = DefinitionJson.Serialize(Sample());

        var restored = DefinitionJson.Deserialize(json);

        Assert.Equal(json, DefinitionJson.Serialize(restored));
        Assert.Equal(["Home", "Reports"], restored.Pages.Select(p => p.Name));
        var input = restored.Pages[0].FindComponent("cmp000input1")!;
        Assert.Equal(ComponentType.TextInput, input.Type);
        Assert.Equal("Your name", input.Property("label"));
        Assert.Equal("{{queries.orders.data}}", restored.Pages[1].Components[0].Property("data"));
        Assert.Equal("Orders API", restored.Queries.Single().DataSource);
        Assert.Equal(new AppSettings("Orders", AppTheme.Dark), restored.Settings);
    }

    [Fact]
    public void D4_RoundTripKeepsTheHashForKeysThatSortDifferentlyByCulture()
    {
        // SPEC D4: canonical form must not depend on how the maps were built (ordinal) or read back
        var definition = Sample() with
        {
            Queries = [new QueryDefinition("orders", "Orders API", Props(("Zone", "eu"), ("apiKey", "{{constants.KEY}}"), ("_limit", "10"), ("b", "1"), ("B", "2")))],
        };
        var json = DefinitionJson.Serialize(definition);

        var again = DefinitionJson.Serialize(DefinitionJson.Deserialize(json));
        var edited = DefinitionJson.Deserialize(json);
        var afterEdit = DefinitionJson.Serialize(edited with { Queries = [edited.Queries[0] with { Options = edited.Queries[0].Options.SetItem("b", "1") }] });

        Assert.Equal(DefinitionJson.Hash(json), DefinitionJson.Hash(again));
        Assert.Equal(json, afterEdit);
    }

    [Fact]
    public void D1_JsonCarriesSchemaVersionAndTypeNames()
    {
        // SPEC D1
        var json = DefinitionJson.Serialize(Sample());

        Assert.Contains("\"schemaVersion\":1", json);
        Assert.Contains("\"type\":\"TextInput\"", json);
        Assert.Contains("\"theme\":\"Dark\"", json);
    }

    [Fact]
    public void D4_ADefinitionWithoutGridOrEventsIsWrittenAsBefore()
    {
        // SPEC D4: the grid and events (SPEC D5) are optional parts; content that has none keeps its stored form and hash.
        var json = DefinitionJson.Serialize(Sample());

        Assert.DoesNotContain("layout", json);
        Assert.DoesNotContain("onClick", json);
        Assert.DoesNotContain("runOnPageOpen", json);
    }

    [Fact]
    public void D5_StoredDefinitionsWithoutTheNewPartsReadAsDefaults()
    {
        // A definition stored before the grid and events: a full row per component, no events, queries run on open.
        const string stored = """{"schemaVersion":1,"pages":[{"id":"p","name":"Home","handle":"home","order":0,"components":[{"id":"c","name":"text1","type":"Text","properties":{"text":"Hi"},"order":2}]}],"queries":[{"name":"q","dataSource":"s","options":{}}],"settings":{"title":"","theme":"Light"}}""";

        var definition = DefinitionJson.Deserialize(stored);

        var component = definition.Pages[0].Components[0];
        Assert.Equal(new GridPlacement(2, 0, GridPlacement.Columns), component.Placement);
        Assert.Empty(component.ClickActions);
        Assert.True(definition.Queries[0].RunsOnPageOpen);
        Assert.Equal(stored, DefinitionJson.Serialize(definition));
    }

    [Fact]
    public void D5_GridAndEventsSurviveARoundTrip()
    {
        var definition = AppDefinition.Empty();
        var page = definition.Pages[0].Id;
        definition = ResultAssert.Ok(DefinitionEdits.AddComponent(definition, page, ComponentType.Button, out var button));
        definition = ResultAssert.Ok(DefinitionEdits.AddClickAction(definition, page, button!.Id, new EventAction(EventActionKind.ShowMessage, "", "Hi")));
        definition = ResultAssert.Ok(DefinitionEdits.MoveComponentTo(definition, page, button.Id, 0, 4));

        var json = DefinitionJson.Serialize(definition);
        var read = DefinitionJson.Deserialize(json);

        Assert.Equal(json, DefinitionJson.Serialize(read));
        Assert.Equal(new GridPlacement(0, 4, 3), read.Pages[0].Components[0].Placement);
        Assert.Equal("Hi", read.Pages[0].Components[0].ClickActions[0].Value);
    }
    [Fact]
    public void Reading_shares_known_property_names_and_defaults_and_keeps_every_other_string_as_written()
    {
        // Issue 12: an open editor holds its definition; names every app repeats are held once per process.
        var json = DefinitionJson.Serialize(Sample());
        var first = DefinitionJson.Deserialize(json);
        var second = DefinitionJson.Deserialize(json);

        var firstInput = first.Pages[0].Components[1].Properties;
        var secondInput = second.Pages[0].Components[1].Properties;
        Assert.Same(firstInput.Keys.First(k => k == "placeholder"), secondInput.Keys.First(k => k == "placeholder"));
        Assert.Same(first.Queries[0].Options["method"], second.Queries[0].Options["method"]);
        Assert.NotSame(firstInput["label"], secondInput["label"]); // "Your name" is the user's, not a known string
        Assert.Equal(json, DefinitionJson.Serialize(first));
    }

    [Fact]
    public void A_property_map_keeps_the_last_of_a_repeated_key_and_refuses_what_is_not_an_object()
    {
        var repeated = DefinitionJson.Deserialize<ComponentDefinition>(
            """{"id":"c1","name":"text1","type":"Text","properties":{"text":"first","text":"second"},"order":0}"""u8);
        Assert.Equal("second", repeated.Properties["text"]);

        Assert.ThrowsAny<System.Text.Json.JsonException>(() => DefinitionJson.Deserialize<ComponentDefinition>(
            """{"id":"c1","name":"text1","type":"Text","properties":["text"],"order":0}"""u8));
    }
}
