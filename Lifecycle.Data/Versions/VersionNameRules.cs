using System.Text.RegularExpressions;

namespace Lifecycle.Data.Versions;

/// <summary>SPEC V2: a version name is trimmed, 1 to 50 characters of letters, digits, space and . _ - only.</summary>
public static partial class VersionNameRules
{
    public const int MaxLength = 50;

    [GeneratedRegex(@"^[\p{L}\p{Nd} ._-]+$")]
    private static partial Regex AllowedCharacters();

    /// <summary>The reason a name is not acceptable, or null when it is. Checks the trimmed name.</summary>
    public static string? Validate(string? name)
    {
        var trimmed = Normalize(name);
        if (trimmed.Length == 0)
        {
            return "Enter a version name.";
        }

        if (trimmed.Length > MaxLength)
        {
            return $"A version name has at most {MaxLength} characters.";
        }

        return AllowedCharacters().IsMatch(trimmed)
            ? null
            : "Use letters, digits, spaces and . _ - only.";
    }

    public static string Normalize(string? name) => (name ?? "").Trim();

    /// <summary>The key that makes names unique within an app ignoring case.</summary>
    public static string UniquenessKey(string name) => Normalize(name).ToUpperInvariant();
}
