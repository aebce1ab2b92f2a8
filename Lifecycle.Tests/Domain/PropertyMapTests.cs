using Lifecycle.Data.Definitions;

namespace Lifecycle.Tests.Domain;

/// <summary>A component's properties as one array (decision 046): the behaviour of the map it replaced, in ordinal order.</summary>
public sealed class PropertyMapTests
{
    [Fact]
    public void Names_are_kept_in_ordinal_order_whatever_order_they_come_in()
    {
        var map = PropertyMap.Of(("alpha", "a"), ("Zeta", "z"), ("_limit", "10"), ("B", "2"));

        Assert.Equal(["B", "Zeta", "_limit", "alpha"], map.Keys);
        Assert.Equal(["2", "z", "10", "a"], map.Values);
        Assert.Equal(4, map.Count);
    }

    [Fact]
    public void A_change_returns_a_new_map_and_leaves_the_old_one_as_it_was()
    {
        var before = PropertyMap.Of(("label", "Save"), ("color", "primary"));

        var relabelled = before.SetItem("label", "Send");
        var added = before.SetItem("icon", "send");
        var removed = before.Remove("color");

        Assert.Equal("Save", before["label"]);
        Assert.Equal("Send", relabelled["label"]);
        Assert.Equal(["color", "icon", "label"], added.Keys);
        Assert.Equal(["label"], removed.Keys);
        Assert.Equal(2, before.Count);
        Assert.Equal(before, before.Remove("missing"));
    }

    [Fact]
    public void Look_ups_find_every_name_and_nothing_else()
    {
        var map = PropertyMap.Of(("a", "1"), ("c", "3"), ("e", "5"), ("g", "7"), ("i", "9"));

        foreach (var (name, text) in map)
        {
            Assert.True(map.TryGetValue(name, out var found));
            Assert.Equal(text, found);
        }

        foreach (var absent in new[] { "", "b", "d", "h", "j", "A" })
        {
            Assert.False(map.ContainsKey(absent));
            Assert.Equal("none", map.GetValueOrDefault(absent, "none"));
        }

        Assert.Throws<KeyNotFoundException>(() => map["b"]);
    }

    [Fact]
    public void Of_a_repeated_name_the_last_text_counts()
    {
        var map = PropertyMap.From([new("text", "first"), new("alt", "x"), new("text", "second")]);

        Assert.Equal("second", map["text"]);
        Assert.Equal(2, map.Count);
    }

    [Fact]
    public void Maps_with_the_same_names_and_texts_are_equal_and_the_default_is_the_empty_map()
    {
        var one = PropertyMap.Of(("a", "1"), ("b", "2"));
        var other = PropertyMap.Empty.SetItem("b", "2").SetItem("a", "1");

        Assert.Equal(one, other);
        Assert.True(one == other);
        Assert.Equal(one.GetHashCode(), other.GetHashCode());
        Assert.NotEqual(one, one.SetItem("b", "3"));
        Assert.NotEqual(one, PropertyMap.Of(("a", "1"), ("B", "2")));
        Assert.Equal(PropertyMap.Empty, default);
        Assert.Empty(default(PropertyMap));
        Assert.Equal(PropertyMap.Empty, one.Remove("a").Remove("b"));
    }

    [Fact]
    public void Components_with_equal_properties_are_equal()
    {
        var first = new ComponentDefinition("c1", "text1", ComponentType.Text, PropertyMap.Of(("text", "Hi")), 0);
        var second = first with { Properties = PropertyMap.Of(("text", "H" + "i")) };

        Assert.Equal(first, second);
        Assert.NotEqual(first, first with { Properties = first.Properties.SetItem("text", "Bye") });
    }

    [Fact]
    public void A_map_stored_out_of_order_reads_in_order_and_is_written_in_canonical_form()
    {
        var read = DefinitionJson.Deserialize<ComponentDefinition>(
            """{"id":"c1","name":"text1","type":"Text","properties":{"text":"Hi","alpha":"a","Zeta":"z"},"order":0}"""u8);

        Assert.Equal(["Zeta", "alpha", "text"], read.Properties.Keys);
        Assert.Contains("""
            "properties":{"Zeta":"z","alpha":"a","text":"Hi"}
            """, DefinitionJson.Serialize(AppDefinition.Empty() with
        {
            Pages = [AppDefinition.Empty().Pages[0] with { Components = [read] }],
        }), StringComparison.Ordinal);
    }

    [Fact]
    public void A_property_whose_value_is_not_text_is_refused()
    {
        Assert.ThrowsAny<System.Text.Json.JsonException>(() => DefinitionJson.Deserialize<ComponentDefinition>(
            """{"id":"c1","name":"text1","type":"Text","properties":{"text":12},"order":0}"""u8));
    }
}
