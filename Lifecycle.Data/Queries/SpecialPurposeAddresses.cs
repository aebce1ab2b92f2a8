using System.Net;
using System.Net.Sockets;

namespace Lifecycle.Data.Queries;

/// <summary>
/// SPEC Q1: the address blocks that a data source call must not reach unless an admin allows them: every block of the
/// IANA IPv4 and IPv6 special-purpose address registries (RFC 6890 and its updates), multicast, and IPv6 outside global
/// unicast. An IPv4-mapped (<c>::ffff:0:0/96</c>) or NAT64 (<c>64:ff9b::/96</c>) address is judged by the IPv4
/// address it carries, so <c>::ffff:127.0.0.1</c> is loopback and <c>64:ff9b::8.8.8.8</c> is public.
/// </summary>
public static class SpecialPurposeAddresses
{
    /// <summary>The blocks, most specific first so that the name given is the narrowest one.</summary>
    public static IReadOnlyList<(IPNetwork Network, string Name)> Blocks { get; } =
    [
        // IPv4 (IANA IPv4 Special-Purpose Address Registry, plus multicast)
        (IPNetwork.Parse("255.255.255.255/32"), "limited broadcast"),
        (IPNetwork.Parse("0.0.0.0/8"), "\"this network\""),
        (IPNetwork.Parse("10.0.0.0/8"), "private-use"),
        (IPNetwork.Parse("100.64.0.0/10"), "shared address space (carrier-grade NAT)"),
        (IPNetwork.Parse("127.0.0.0/8"), "loopback"),
        (IPNetwork.Parse("169.254.0.0/16"), "link-local (where cloud metadata services live)"),
        (IPNetwork.Parse("172.16.0.0/12"), "private-use"),
        (IPNetwork.Parse("192.0.0.0/24"), "IETF protocol assignments"),
        (IPNetwork.Parse("192.0.2.0/24"), "documentation (TEST-NET-1)"),
        (IPNetwork.Parse("192.31.196.0/24"), "AS112-v4"),
        (IPNetwork.Parse("192.52.193.0/24"), "AMT"),
        (IPNetwork.Parse("192.88.99.0/24"), "deprecated 6to4 relay anycast"),
        (IPNetwork.Parse("192.168.0.0/16"), "private-use"),
        (IPNetwork.Parse("192.175.48.0/24"), "direct delegation AS112 service"),
        (IPNetwork.Parse("198.18.0.0/15"), "benchmarking"),
        (IPNetwork.Parse("198.51.100.0/24"), "documentation (TEST-NET-2)"),
        (IPNetwork.Parse("203.0.113.0/24"), "documentation (TEST-NET-3)"),
        (IPNetwork.Parse("224.0.0.0/4"), "multicast"),
        (IPNetwork.Parse("240.0.0.0/4"), "reserved"),

        // IPv6 (IANA IPv6 Special-Purpose Address Registry, plus multicast and deprecated blocks)
        (IPNetwork.Parse("::/128"), "unspecified"),
        (IPNetwork.Parse("::1/128"), "loopback"),
        (IPNetwork.Parse("::/96"), "IPv4-compatible (deprecated)"),
        (IPNetwork.Parse("64:ff9b:1::/48"), "local-use IPv4/IPv6 translation"),
        (IPNetwork.Parse("100::/64"), "discard-only"),
        (IPNetwork.Parse("100:0:0:1::/64"), "dummy IPv6 prefix"),
        (IPNetwork.Parse("2001:db8::/32"), "documentation"),
        (IPNetwork.Parse("2001::/23"), "IETF protocol assignments (Teredo, benchmarking, ORCHID, ...)"),
        (IPNetwork.Parse("2002::/16"), "6to4"),
        (IPNetwork.Parse("3fff::/20"), "documentation"),
        (IPNetwork.Parse("5f00::/16"), "segment routing (SRv6) SIDs"),
        (IPNetwork.Parse("fc00::/7"), "unique-local"),
        (IPNetwork.Parse("fe80::/10"), "link-local"),
        (IPNetwork.Parse("fec0::/10"), "site-local (deprecated)"),
        (IPNetwork.Parse("ff00::/8"), "multicast"),
    ];

    private static readonly IPNetwork Ipv4Mapped = IPNetwork.Parse("::ffff:0:0/96");
    private static readonly IPNetwork Nat64 = IPNetwork.Parse("64:ff9b::/96");
    private static readonly IPNetwork GlobalUnicast = IPNetwork.Parse("2000::/3");

    /// <summary>Why <paramref name="address"/> is special ("loopback (127.0.0.0/8)"), or null for a public unicast address.</summary>
    public static string? Describe(IPAddress address)
    {
        var judged = Normalize(address);
        foreach (var (network, name) in Blocks)
        {
            if (network.Contains(judged))
            {
                return $"{name} ({network})";
            }
        }

        return judged.AddressFamily == AddressFamily.InterNetworkV6 && !GlobalUnicast.Contains(judged)
            ? $"outside IPv6 global unicast ({GlobalUnicast})"
            : null;
    }

    /// <summary>
    /// The address that decides: the IPv4 address inside an IPv4-mapped or NAT64 address, else the address itself
    /// without an IPv6 scope id.
    /// </summary>
    public static IPAddress Normalize(IPAddress address)
    {
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address;
        }

        var unscoped = new IPAddress(address.GetAddressBytes());
        if (Ipv4Mapped.Contains(unscoped) || Nat64.Contains(unscoped))
        {
            return new IPAddress(unscoped.GetAddressBytes()[12..]);
        }

        return unscoped;
    }
}
