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
                new ComponentDefinition("cmp000text01", "text1", ComponentType.Text, Props(("text", "Hi {{constants.NAME}}")), 0),
                new ComponentDefinition("cmp000input1", "textinput1", ComponentType.TextInput, Props(("placeholder", "Name"), ("label", "Your name"), ("defaultValue", "")), 1),
            ]),
            new PageDefinition("page00other", "Reports", "reports", 1,
            [
                new ComponentDefinition("cmp000table1", "table1", ComponentType.Table, Props(("data", "{{queries.orders.data}}")), 0),
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
}
