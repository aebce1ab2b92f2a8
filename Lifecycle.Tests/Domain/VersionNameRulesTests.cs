using Lifecycle.Data.Versions;

namespace Lifecycle.Tests.Domain;

public sealed class VersionNameRulesTests
{
    [Theory]
    [InlineData("v1")]
    [InlineData("Release 2.1")]
    [InlineData("feature_login-fix")]
    [InlineData("Version été 3")]
    [InlineData("a")]
    public void V2_NameOfLettersDigitsSpaceDotUnderscoreHyphenIsAccepted(string name)
    {
        // SPEC V2
        Assert.Null(VersionNameRules.Validate(name));
    }

    [Fact]
    public void V2_NameOf50CharactersIsAccepted()
    {
        // SPEC V2
        Assert.Null(VersionNameRules.Validate(new string('x', 50)));
    }

    [Fact]
    public void V2_NameIsTrimmedBeforeTheLengthCheck()
    {
        // SPEC V2
        Assert.Null(VersionNameRules.Validate("  " + new string('x', 50) + "  "));
        Assert.Equal("v2", VersionNameRules.Normalize("  v2 \t"));
    }

    [Fact]
    public void V2_NameLongerThan50CharactersIsRefused()
    {
        // SPEC V2
        Assert.Equal("A version name has at most 50 characters.", VersionNameRules.Validate(new string('x', 51)));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void V2_EmptyNameIsRefused(string? name)
    {
        // SPEC V2
        Assert.Equal("Enter a version name.", VersionNameRules.Validate(name));
    }

    [Theory]
    [InlineData("v1/2")]
    [InlineData("v1!")]
    [InlineData("<script>")]
    [InlineData("tab\tinside")]
    [InlineData("line\nbreak")]
    [InlineData("v1+2")]
    public void V2_NameWithOtherCharactersIsRefused(string name)
    {
        // SPEC V2
        Assert.Equal("Use letters, digits, spaces and . _ - only.", VersionNameRules.Validate(name));
    }

    [Fact]
    public void V2_UniquenessKeyIgnoresCaseAndSurroundingSpace()
    {
        // SPEC V2
        Assert.Equal(VersionNameRules.UniquenessKey("Feature A"), VersionNameRules.UniquenessKey("  feature a "));
        Assert.NotEqual(VersionNameRules.UniquenessKey("feature a"), VersionNameRules.UniquenessKey("feature b"));
    }
}
