using System.Text.Json.Nodes;
using Lifecycle.Data.Definitions;

namespace Lifecycle.Tests.Domain;

public sealed class BindingsTests
{
    private static JsonObject Scope() => new()
    {
        ["constants"] = new JsonObject { ["API_URL"] = "https://api.example.test", ["GREETING"] = "Hello" },
        ["queries"] = new JsonObject
        {
            ["users"] = new JsonObject
            {
                ["data"] = new JsonArray(
                    new JsonObject { ["name"] = "Ann", ["age"] = 41 },
                    new JsonObject { ["name"] = "Ben", ["age"] = 37 }),
            },
        },
        ["components"] = new JsonObject { ["textinput1"] = new JsonObject { ["value"] = "typed text" } },
    };

    [Theory]
    [InlineData("{{constants.API_URL}}", "https://api.example.test")]
    [InlineData("{{ constants.GREETING }}, {{components.textinput1.value}}!", "Hello, typed text!")]
    [InlineData("First: {{queries.users.data.0.name}}", "First: Ann")]
    [InlineData("{{queries.users.data.1.age}}", "37")]
    [InlineData("no bindings here", "no bindings here")]
    public void D2_PathsAreResolvedInConstantsQueriesAndComponents(string template, string expected)
    {
        // SPEC D2
        Assert.Equal(expected, Bindings.ResolveText(template, Scope()));
    }

    [Fact]
    public void D2_ObjectsAndArraysRenderAsJson()
    {
        // SPEC D2
        var text = Bindings.ResolveText("{{queries.users.data.0}}", Scope());

        Assert.Equal("""{"name":"Ann","age":41}""", text);
    }

    [Theory]
    [InlineData("{{constants.MISSING}}", "")]
    [InlineData("[{{secrets.TOKEN}}]", "[]")]
    [InlineData("{{queries.users.data.9.name}}", "")]
    [InlineData("{{queries.users.data.1x.name}}", "")]
    [InlineData("{{queries.users.data.name}}", "")]
    [InlineData("{{constants.API_URL.Length}}", "")]
    [InlineData("{{components.textinput1.value.ToUpper}}", "")]
    [InlineData("{{}}", "")]
    [InlineData("a{{ }}b", "ab")]
    public void D2_UnknownPathRendersEmpty(string template, string expected)
    {
        // SPEC D2: never an error, never a .NET member of the value
        Assert.Equal(expected, Bindings.ResolveText(template, Scope()));
    }

    [Theory]
    [InlineData("{{ 1 + 1 }}")]
    [InlineData("{{ constants.GREETING + constants.GREETING }}")]
    [InlineData("{{ queries.users.data.length > 1 ? 'many' : 'few' }}")]
    [InlineData("{{ (() => 'evaluated')() }}")]
    public void D2_NoCodeIsEvaluated(string template)
    {
        // SPEC D2: paths only, no code
        var text = Bindings.ResolveText(template, Scope());

        Assert.DoesNotContain("2", text.Replace(template, ""));
        Assert.DoesNotContain("HelloHello", text);
        Assert.DoesNotContain("many", text.Replace(template, ""));
        Assert.DoesNotContain("evaluated", text.Replace(template, ""));
        Assert.Null(Bindings.ResolveValue(template, Scope()));
    }

    [Fact]
    public void D2_ResolveValueOfSingleBindingReturnsTheJsonValue()
    {
        // SPEC D2: a table's data bound to a query
        var scope = Scope();

        var value = Bindings.ResolveValue("  {{ queries.users.data }}  ", scope);

        var rows = Assert.IsType<JsonArray>(value);
        Assert.Equal(2, rows.Count);
        Assert.Equal("Ann", rows[0]!["name"]!.GetValue<string>());
        rows.Clear();
        Assert.Equal(2, scope["queries"]!["users"]!["data"]!.AsArray().Count); // a copy, not the scope's node
    }

    [Fact]
    public void D2_ResolveValueOfUnknownPathIsNull()
    {
        // SPEC D2
        Assert.Null(Bindings.ResolveValue("{{queries.orders.data}}", Scope()));
    }

    [Fact]
    public void D2_ResolveValueParsesLiteralJsonAndRefusesNothingElse()
    {
        // SPEC D2
        var literal = Assert.IsType<JsonArray>(Bindings.ResolveValue("""[{"id":1}]""", Scope()));
        Assert.Single(literal);
        Assert.Null(Bindings.ResolveValue("not json", Scope()));
        Assert.Equal("Hello", Bindings.ResolveValue("\"{{constants.GREETING}}\"", Scope())!.GetValue<string>());
    }

    [Fact]
    public void D2_PathsListsEveryBindingPath()
    {
        // SPEC D2 (and E3, which reads the paths to find referenced constants)
        Assert.Equal(["constants.GREETING", "queries.items.data.0.name"], Bindings.Paths("Hi {{constants.GREETING}}, {{ queries.items.data.0.name }} { constants.NOT }"));
        Assert.Empty(Bindings.Paths("no bindings {{ }}"));
    }
}
