using System.Text.RegularExpressions;

namespace Lifecycle.Data.Common;

/// <summary>Names that bindings use as path segments (constants, data sources, queries): identifiers, at most 50 characters.</summary>
public static partial class Identifier
{
    public const int MaxLength = 50;

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]{0,49}$")]
    private static partial Regex Pattern();

    /// <summary>The reason a name is not acceptable, or null when it is.</summary>
    public static string? Validate(string? name) =>
        Pattern().IsMatch(name?.Trim() ?? "")
            ? null
            : "A name starts with a letter or _ and has letters, digits and _ only (at most 50).";
}
