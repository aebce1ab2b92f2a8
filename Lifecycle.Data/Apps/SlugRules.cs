using System.Text;
using System.Text.RegularExpressions;

namespace Lifecycle.Data.Apps;

/// <summary>SPEC S1: a slug is 3 to 50 characters of lowercase letters, digits and hyphens, starting and ending with a letter or digit.</summary>
public static partial class SlugRules
{
    public const int MinLength = 3;
    public const int MaxLength = 50;

    // \z, not $: $ also matches before a final newline, which would let "orders\n" through.
    [GeneratedRegex(@"^[a-z0-9-]+\z")]
    private static partial Regex AllowedCharacters();

    // So "---" is no address: the ends are a letter or a digit.
    [GeneratedRegex(@"^[a-z0-9]([a-z0-9-]*[a-z0-9])?\z")]
    private static partial Regex LetterOrDigitAtBothEnds();

    /// <summary>The reason a slug is not acceptable, or null when it is.</summary>
    public static string? Validate(string? slug)
    {
        if (string.IsNullOrWhiteSpace(slug))
        {
            return "Enter a slug.";
        }

        if (slug.Length is < MinLength or > MaxLength)
        {
            return $"A slug has {MinLength} to {MaxLength} characters.";
        }

        if (!AllowedCharacters().IsMatch(slug))
        {
            return "Use lowercase letters, digits and hyphens only.";
        }

        return LetterOrDigitAtBothEnds().IsMatch(slug) ? null : "Start and end the slug with a letter or a digit.";
    }

    /// <summary>A slug suggested from an app's name: lowercase, other characters folded into single hyphens.</summary>
    public static string Derive(string? name)
    {
        var builder = new StringBuilder();
        foreach (var character in (name ?? "").Trim().ToLowerInvariant())
        {
            if (character is >= 'a' and <= 'z' or >= '0' and <= '9')
            {
                builder.Append(character);
            }
            else if (builder.Length > 0 && builder[^1] != '-')
            {
                builder.Append('-');
            }
        }

        var slug = builder.ToString().Trim('-');
        if (slug.Length > MaxLength)
        {
            slug = slug[..MaxLength].TrimEnd('-');
        }

        return slug.Length switch
        {
            0 => "",
            < MinLength => slug + "-app",
            _ => slug,
        };
    }
}
