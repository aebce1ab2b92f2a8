namespace Lifecycle.Data.Instances;

/// <summary>
/// The right to run one kind of background work (GitSync jobs, the collection of definition objects), held by one instance
/// until it expires (decision 032). A holder that stops without giving it back loses it when <see cref="ExpiresAtUtc"/> passes.
/// </summary>
public sealed class Lease
{
    public const int MaxNameLength = 64;

    private Lease() { }

    internal Lease(string name, string holder, DateTime expiresAtUtc)
    {
        Name = name;
        Holder = holder;
        ExpiresAtUtc = expiresAtUtc;
    }

    public string Name { get; private set; } = "";

    /// <summary>The instance (<see cref="ThisInstance.Id"/>) that holds it; null once given back.</summary>
    public string? Holder { get; private set; }

    public DateTime ExpiresAtUtc { get; private set; }
}
