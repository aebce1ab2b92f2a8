using Lifecycle.Data.Apps;

namespace Lifecycle.Tests.Domain;

public sealed class SlugRulesTests
{
    [Theory]
    [InlineData("abc")]
    [InlineData("orders-2026")]
    [InlineData("a-b")]
    public void S1_SlugOfLowercaseLettersDigitsAndHyphensIsAccepted(string slug)
    {
        // SPEC S1
        Assert.Null(SlugRules.Validate(slug));
    }

    [Fact]
    public void S1_SlugLengthIs3To50()
    {
        // SPEC S1
        Assert.Null(SlugRules.Validate(new string('a', 50)));
        Assert.NotNull(SlugRules.Validate(new string('a', 51)));
        Assert.NotNull(SlugRules.Validate("ab"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void S1_MissingSlugIsRefused(string? slug)
    {
        // SPEC S1
        Assert.Equal("Enter a slug.", SlugRules.Validate(slug));
    }

    [Theory]
    [InlineData("Orders")]
    [InlineData("my_app")]
    [InlineData("my app")]
    [InlineData("app/admin")]
    [InlineData("café")]
    [InlineData("orders\n")]
    public void S1_SlugWithOtherCharactersIsRefused(string slug)
    {
        // SPEC S1
        Assert.Equal("Use lowercase letters, digits and hyphens only.", SlugRules.Validate(slug));
    }

    [Theory]
    [InlineData("Orders", "orders")]
    [InlineData("  Customer Portal  ", "customer-portal")]
    [InlineData("Sales & Marketing -- 2026!", "sales-marketing-2026")]
    [InlineData("HR", "hr-app")]
    [InlineData("!!!", "")]
    [InlineData(null, "")]
    public void S1_SlugIsDerivedFromTheName(string? name, string expected)
    {
        // SPEC S1
        Assert.Equal(expected, SlugRules.Derive(name));
    }

    [Fact]
    public void S1_DerivedSlugIsAlwaysValidOrEmpty()
    {
        // SPEC S1
        var names = new[] { "A", "Ab", "Q3 planning", new string('x', 80), "x" + new string(' ', 48) + "y" + new string('z', 10), "Ünïcode Näme" };

        foreach (var name in names)
        {
            var slug = SlugRules.Derive(name);
            Assert.True(slug.Length == 0 || SlugRules.Validate(slug) is null, $"{name} → {slug}");
        }
    }

    [Theory]
    [InlineData("---")]
    [InlineData("-orders")]
    [InlineData("orders-")]
    public void S1_SlugStartsAndEndsWithALetterOrDigit(string slug)
    {
        // SPEC S1, issue 7 must-fix 9: "---" is no address
        Assert.Equal("Start and end the slug with a letter or a digit.", SlugRules.Validate(slug));
    }
}
