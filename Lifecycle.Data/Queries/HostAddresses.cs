using System.Net;
using System.Net.NetworkInformation;

namespace Lifecycle.Data.Queries;

/// <summary>Where names and this server's own addresses come from; tests replace it to make a name resolve where they need.</summary>
public interface IHostAddresses
{
    Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken);

    /// <summary>Every address of every network interface of this server, read now (interfaces come and go).</summary>
    IReadOnlySet<IPAddress> OwnAddresses();
}

public sealed class SystemHostAddresses : IHostAddresses
{
    public Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken) =>
        Dns.GetHostAddressesAsync(host, cancellationToken);

    public IReadOnlySet<IPAddress> OwnAddresses() =>
        NetworkInterface.GetAllNetworkInterfaces()
            .SelectMany(i => i.GetIPProperties().UnicastAddresses)
            .Select(a => SpecialPurposeAddresses.Normalize(a.Address))
            .ToHashSet();
}
