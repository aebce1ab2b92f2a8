namespace Lifecycle.Data.Queries;

/// <summary>Limits of REST queries, bound from the "Queries" configuration section.</summary>
public sealed class QuerySettings
{
    public const string SectionName = "Queries";

    public int TimeoutSeconds { get; set; } = 10;
    public int MaxResponseBytes { get; set; } = 1_000_000;

    /// <summary>Lets queries call loopback and private addresses: for development and tests only.</summary>
    public bool AllowPrivateNetworks { get; set; }
}
