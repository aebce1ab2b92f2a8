namespace Lifecycle.Data.Queries;

/// <summary>Limits of REST queries, bound from the "Queries" configuration section.</summary>
public sealed class QuerySettings
{
    public const string SectionName = "Queries";

    public int TimeoutSeconds { get; set; } = 10;
    public int MaxResponseBytes { get; set; } = 1_000_000;

    /// <summary>
    /// Switches the outbound address guard off entirely: for automated tests only, whose stand-in APIs listen on
    /// 127.0.0.1. A real instance lets its internal APIs through with the admin's outbound allowlist (SPEC Q1).
    /// </summary>
    public bool AllowPrivateNetworks { get; set; }
}
