using Lifecycle.Data.Access;
using Lifecycle.Data.Apps;
using Lifecycle.Data.Common;
using Lifecycle.Data.Versions;

namespace Lifecycle.Tests.Domain;

/// <summary>Issue 7, must-fix 9: names people read refuse control, invisible and direction-changing characters; notes have limits.</summary>
public sealed class TextRulesTests
{
    /// <summary>Every kind of character a name refuses (half surrogate pairs: see <see cref="NamesRefuseHalfASurrogatePair"/>).</summary>
    public static readonly IReadOnlyList<string> UnsafeCharacters =
    [
        "\u0000", "\u0007", "\u001B", "\u007F", "\u0085", "\u009B", // C0, DEL, C1 controls
        "\t", "\n", "\r",                                             // no line breaks in a name
        "\u202A", "\u202B", "\u202C", "\u202D", "\u202E",             // bidi embeddings and overrides
        "\u2066", "\u2067", "\u2068", "\u2069",                       // bidi isolates
        "\u200E", "\u200F", "\u061C",                                 // bidi marks
        "\u200B", "\u2060", "\uFEFF",                                 // invisible
        "\u2028", "\u2029",                                           // line and paragraph separators
    ];

    public static TheoryData<string> UnsafeNames => [.. UnsafeCharacters.Select(bad => $"Ad{bad}mins")];

    [Theory]
    [MemberData(nameof(UnsafeNames))]
    public void NamesRefuseControlInvisibleAndDirectionChangingCharacters(string name)
    {
        // issue 7 must-fix 9: apps, groups, users and pages share the rule; version names have their own stricter one
        Assert.Contains("may not contain", TextRules.ValidateName(name, 100));
        Assert.NotNull(App.ValidateName(name));
        Assert.NotNull(Group.ValidateName(name));
        Assert.NotNull(VersionNameRules.Validate(name));
    }

    [Fact]
    public void NamesRefuseHalfASurrogatePair()
    {
        // issue 7 must-fix 9 (a fact, not theory data: the test runner would turn half a pair into U+FFFD)
        Assert.NotNull(TextRules.ValidateName("Ad\uD800mins", 100));
        Assert.NotNull(TextRules.ValidateName("Ad\uDC00mins", 100));
        Assert.NotNull(TextRules.ValidateName("Admins\uD83D", 100));
    }

    [Theory]
    [InlineData("Customer Portal")]
    [InlineData("Café Größe")]
    [InlineData("مبيعات")]
    [InlineData("販売 2026")]
    [InlineData("Team 👩‍💻 rocket 🚀")] // emoji: surrogate pairs and the zero-width joiner stay allowed
    public void NamesInAnyScriptAreFine(string name)
    {
        // issue 7 must-fix 9: the rule refuses tricks, not languages
        Assert.Null(TextRules.ValidateName(name, 100));
    }

    [Fact]
    public void NotesMayHaveLineBreaksButNotOtherControlsAndHaveALimit()
    {
        // issue 7 must-fix 9: release notes and version descriptions
        Assert.Null(TextRules.ValidateNotes("Fixes:\n\t- totals\r\n- dates", TextRules.MaxNotesLength, "Release notes"));
        Assert.Null(TextRules.ValidateNotes(null, TextRules.MaxNotesLength, "Release notes"));
        Assert.Equal("Release notes may have at most 1000 characters.", TextRules.ValidateNotes(new string('x', 1001), TextRules.MaxNotesLength, "Release notes"));
        Assert.Contains("may not contain", TextRules.ValidateNotes("ok \u202E evil", TextRules.MaxNotesLength, "Release notes"));
        Assert.Contains("may not contain", TextRules.ValidateNotes("bell \u0007", TextRules.MaxNotesLength, "Release notes"));
    }

    [Fact]
    public void NamesHaveALengthAndAreNotBlank()
    {
        // issue 7 must-fix 9
        Assert.Equal("Enter a group name.", TextRules.ValidateName("   ", 100, "group name"));
        Assert.Equal("A group name has at most 100 characters.", TextRules.ValidateName(new string('g', 101), 100, "group name"));
        Assert.Null(TextRules.ValidateName("  Padded  ", 6));
    }
}
