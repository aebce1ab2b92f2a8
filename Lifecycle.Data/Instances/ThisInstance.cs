namespace Lifecycle.Data.Instances;

/// <summary>
/// The name of this app instance among those sharing one database: it holds leases (<see cref="Leases"/>) and marks the
/// change notices it sends, so it does not deliver its own twice. <c>Instance:Name</c> sets it (the compose file uses the
/// service name); by default the machine name, the process id and a random part, so a restarted process is a new holder.
/// </summary>
public sealed class ThisInstance(string id)
{
    public const string NameKey = "Instance:Name";
    public const int MaxLength = 200;

    public string Id { get; } = id.Length <= MaxLength ? id : id[..MaxLength];

    public static ThisInstance Named(string? configured) =>
        new(string.IsNullOrWhiteSpace(configured)
            ? $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}"
            : $"{configured.Trim()}-{Guid.NewGuid().ToString("N")[..8]}");
}
