using System.Net;
using System.Net.Sockets;

namespace Lifecycle.Data.Queries;

/// <summary>
/// Server-side request forgery guard for REST queries: by default refuses loopback, link-local, private and other
/// non-public addresses, checked on the addresses a name resolves to at connect time (so DNS cannot smuggle them in).
/// </summary>
public static class OutboundAddressGuard
{
    public static bool IsForbidden(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.IPv6None))
        {
            return true;
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            return address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast || address.IsIPv6UniqueLocal;
        }

        var b = address.GetAddressBytes();
        return b[0] switch
        {
            0 or 10 or 127 => true,                 // "this" network, private, loopback
            100 => b[1] is >= 64 and <= 127,        // carrier-grade NAT
            169 => b[1] == 254,                     // link-local (cloud metadata lives here)
            172 => b[1] is >= 16 and <= 31,         // private
            192 => b[1] == 168 || (b[1] == 0 && b[2] == 0), // private, IETF protocol assignments
            >= 224 => true,                         // multicast and reserved
            _ => false,
        };
    }

    /// <summary>
    /// A <see cref="SocketsHttpHandler.ConnectCallback"/> that resolves the host, refuses forbidden addresses unless
    /// <paramref name="allowPrivateNetworks"/>, and connects to an allowed one.
    /// </summary>
    public static Func<SocketsHttpConnectionContext, CancellationToken, ValueTask<Stream>> ConnectCallback(bool allowPrivateNetworks) =>
        async (context, cancellationToken) =>
        {
            var host = context.DnsEndPoint.Host;
            var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellationToken);
            if (!allowPrivateNetworks && addresses.Any(IsForbidden))
            {
                throw new RefusedAddressException($"Refused to call {host}: it is a loopback, link-local or private address.");
            }

            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        };
}

public sealed class RefusedAddressException(string message) : IOException(message);
