using System.Text.RegularExpressions;

namespace Lifecycle.Data.Definitions;

/// <summary>
/// Issue 7 (input hygiene): an Image component's source is an http(s) address or a relative one, never another scheme
/// (<c>javascript:</c>, <c>data:</c>, <c>file:</c>, ...). Checked where a definition is edited and saved, on the text as
/// typed (bindings stand for any value), and again where it renders, on the resolved value.
/// </summary>
public static partial class ImageSources
{
    public const string Property = "source";

    public const string Refusal = "An image source is an http or https address, or an address relative to this site.";

    // A URL's scheme as browsers read it: a letter, then letters, digits, + . or -, then a colon before any / ? or #.
    [GeneratedRegex(@"^([a-zA-Z][a-zA-Z0-9+.\-]*):")]
    private static partial Regex Scheme();

    /// <summary>Whether a resolved source may be given to an img element. Empty is fine: nothing is shown.</summary>
    public static bool IsAllowed(string? source)
    {
        var text = source?.Trim() ?? "";
        if (text.Any(char.IsControl))
        {
            return false; // browsers drop tabs and line breaks inside a URL, so "java\nscript:" would be javascript:
        }

        var scheme = Scheme().Match(text);
        return !scheme.Success || scheme.Groups[1].Value.Equals("http", StringComparison.OrdinalIgnoreCase) || scheme.Groups[1].Value.Equals("https", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Whether a source as typed can only resolve to an allowed one: each binding is read as a plain word.</summary>
    public static bool IsAllowedTemplate(string? template) =>
        IsAllowed(Bindings.BindingPattern().Replace(template ?? "", "x"));

    /// <summary>The Image components of a definition whose source is not allowed (by name), for a save that refuses them.</summary>
    public static IReadOnlyList<string> Offending(AppDefinition definition) =>
        [.. definition.Pages.SelectMany(p => p.Components)
            .Where(c => c.Type == ComponentType.Image && !IsAllowedTemplate(c.Property(Property)))
            .Select(c => c.Name)];
}
