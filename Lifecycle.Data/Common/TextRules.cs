namespace Lifecycle.Data.Common;

/// <summary>
/// The one rule for text people read: names (apps, pages, groups, users, versions) and notes (release notes, version
/// descriptions). A name shows what it is: no control characters, nothing invisible, and nothing that reorders the
/// text around it (bidi overrides, isolates and marks), so "Admins" cannot pose as another name and a name cannot
/// flip the columns of an audit line. Notes may hold line breaks and tabs, nothing else of that kind.
/// </summary>
public static class TextRules
{
    public const int MaxNotesLength = 1000;

    /// <summary>
    /// Characters that change the direction of the text around them (U+061C, U+200E-F, U+202A-E, U+2066-9), hide in
    /// a name (U+200B, U+2060, U+FEFF) or break a line (U+2028-9). Joiners (U+200C-D) stay: scripts and emoji need them.
    /// </summary>
    private static readonly HashSet<char> Hidden =
    [
        '\u061C', '\u200B', '\u200E', '\u200F', '\u2028', '\u2029', '\u202A', '\u202B', '\u202C', '\u202D', '\u202E',
        '\u2060', '\u2066', '\u2067', '\u2068', '\u2069', '\uFEFF',
    ];

    /// <summary>The reason a name is not acceptable (checked trimmed, <paramref name="noun"/> such as "group name"), or null.</summary>
    public static string? ValidateName(string? name, int maxLength, string noun = "name")
    {
        var trimmed = name?.Trim() ?? "";
        if (trimmed.Length == 0)
        {
            return $"Enter a {noun}.";
        }

        if (trimmed.Length > maxLength)
        {
            return $"A {noun} has at most {maxLength} characters.";
        }

        return HasUnsafeCharacters(trimmed, allowLineBreaks: false) ? $"A {noun} {UnsafeMessage}" : null;
    }

    /// <summary>
    /// The reason optional notes are not acceptable (checked trimmed), or null; empty notes are fine. <paramref name="subject"/>
    /// starts the message, such as "Release notes" or "A description".
    /// </summary>
    public static string? ValidateNotes(string? notes, int maxLength, string subject)
    {
        var trimmed = notes?.Trim() ?? "";
        if (trimmed.Length > maxLength)
        {
            return $"{subject} may have at most {maxLength} characters.";
        }

        return HasUnsafeCharacters(trimmed, allowLineBreaks: true) ? $"{subject} {UnsafeMessage}" : null;
    }

    /// <summary>Control characters (line breaks and tabs allowed when asked), hidden or direction-changing characters, or half a surrogate pair.</summary>
    public static bool HasUnsafeCharacters(string text, bool allowLineBreaks)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var character = text[i];
            if (char.IsHighSurrogate(character) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++; // a whole pair: an emoji or a character outside the basic plane
                continue;
            }

            var isLineBreak = character is '\n' or '\r' or '\t';
            if ((char.IsControl(character) && !(allowLineBreaks && isLineBreak)) || Hidden.Contains(character) || char.IsSurrogate(character))
            {
                return true;
            }
        }

        return false;
    }

    private const string UnsafeMessage = "may not contain control characters, invisible characters or characters that change the direction of text.";
}
