using System.Net;
using System.Net.Sockets;
using Lifecycle.Data.Network;
using Microsoft.Extensions.Options;

namespace Lifecycle.Data.Queries;

/// <summary>
/// SPEC Q1, server-side request forgery guard for data source calls. A host is resolved, and the call is refused when
/// any of its addresses is special-purpose (<see cref="SpecialPurposeAddresses"/>) or one of this server's own
/// addresses, unless the admin's outbound allowlist names the host or a block holding the address. The check runs
/// before the request is built and again in the connect callback, on the very addresses the socket connects to, so a
/// name cannot resolve to a public address for the first check and to a private one for the connection.
/// </summary>
public sealed class OutboundAddressGuard(OutboundAllowlistService allowlist, IHostAddresses hostAddresses, IOptions<QuerySettings> settings)
{
    /// <summary>The addresses of <paramref name="host"/>, all allowed; throws <see cref="RefusedAddressException"/> otherwise.</summary>
    public async Task<IPAddress[]> ResolveAllowedAsync(string host, CancellationToken cancellationToken)
    {
        var name = host.Trim('[', ']');
        IPAddress[] addresses;
        try
        {
            addresses = IPAddress.TryParse(name, out var literal) ? [literal] : await hostAddresses.ResolveAsync(name, cancellationToken);
        }
        catch (SocketException)
        {
            throw new RefusedAddressException($"Refused to call {name}: the name does not resolve.");
        }

        if (settings.Value.AllowPrivateNetworks)
        {
            return addresses; // tests only: their stand-in APIs listen on 127.0.0.1
        }

        if (addresses.Length == 0)
        {
            throw new RefusedAddressException($"Refused to call {name}: the name does not resolve.");
        }

        var entries = await allowlist.EntriesAsync(cancellationToken);
        var own = hostAddresses.OwnAddresses();
        foreach (var address in addresses)
        {
            if (entries.Any(entry => entry.Allows(name, address)))
            {
                continue;
            }

            var reason = SpecialPurposeAddresses.Describe(address)
                ?? (own.Contains(SpecialPurposeAddresses.Normalize(address)) ? "an address of this server" : null);
            if (reason is not null)
            {
                var shown = IPAddress.TryParse(name, out _) ? name : $"{name} ({address})";
                throw new RefusedAddressException($"Refused to call {shown}: the address is {reason}. An admin can allow it in the outbound allowlist.");
            }
        }

        return addresses;
    }

    /// <summary>A <see cref="SocketsHttpHandler.ConnectCallback"/> that connects only to allowed addresses.</summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var addresses = await ResolveAllowedAsync(context.DnsEndPoint.Host, cancellationToken);
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
    }
}

public sealed class RefusedAddressException(string message) : IOException(message);
