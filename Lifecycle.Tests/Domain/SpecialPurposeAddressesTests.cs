using System.Net;
using Lifecycle.Data.Queries;

namespace Lifecycle.Tests.Domain;

/// <summary>SPEC Q1: the address table of the outbound guard, IPv4 and IPv6, including the forms that carry an IPv4 address.</summary>
public sealed class SpecialPurposeAddressesTests
{
    public static TheoryData<string> Refused =>
    [
        // IPv4 special-purpose registry
        "0.0.0.0", "0.1.2.3", "10.0.0.1", "10.255.255.255", "100.64.0.1", "100.127.255.254", "127.0.0.1", "127.5.5.5",
        "169.254.169.254", "172.16.0.1", "172.31.255.255", "192.0.0.1", "192.0.0.170", "192.0.2.2", "192.31.196.1",
        "192.52.193.1", "192.88.99.1", "192.168.1.1", "192.175.48.1", "198.18.0.1", "198.19.255.255", "198.51.100.7",
        "203.0.113.9", "224.0.0.1", "239.255.255.250", "240.0.0.1", "255.255.255.255",
        // IPv6 special-purpose registry
        "::", "::1", "::127.0.0.1", "64:ff9b:1::1", "100::1", "100:0:0:1::1", "2001::1", "2001:0:4136:e378::1", "2001:2::1",
        "2001:db8::1", "2002:7f00:1::1", "2002:c000:0204::1", "3fff::1", "5f00::1", "fc00::1", "fd00::1", "fe80::1",
        "fe80::1%2", "fec0::1", "ff02::1", "ff05::1:3", "4000::1",
        // Forms that carry a refused IPv4 address
        "::ffff:127.0.0.1", "::ffff:7f00:1", "::ffff:10.0.0.1", "::ffff:169.254.169.254", "64:ff9b::127.0.0.1", "64:ff9b::a00:1",
        "64:ff9b::192.168.0.1",
    ];

    public static TheoryData<string> Allowed =>
    [
        "8.8.8.8", "1.1.1.1", "172.32.0.1", "172.15.255.255", "192.169.0.1", "100.128.0.1", "100.63.255.255", "198.20.0.1",
        "192.0.3.1", "223.255.255.255", "2001:4860:4860::8888", "2606:4700:4700::1111", "2001:200::1",
        "::ffff:8.8.8.8", "64:ff9b::8.8.8.8",
    ];

    [Theory]
    [MemberData(nameof(Refused))]
    public void Q1_RefusesEverySpecialPurposeAddress(string address) =>
        Assert.NotNull(SpecialPurposeAddresses.Describe(IPAddress.Parse(address)));

    [Theory]
    [MemberData(nameof(Allowed))]
    public void Q1_AllowsPublicUnicastAddresses(string address) =>
        Assert.Null(SpecialPurposeAddresses.Describe(IPAddress.Parse(address)));

    [Theory]
    [InlineData("2130706433", "loopback")]  // decimal
    [InlineData("0177.0.0.1", "loopback")]  // octal
    [InlineData("0x7f.0.0.1", "loopback")]  // hexadecimal
    [InlineData("0x7f000001", "loopback")]
    [InlineData("127.1", "loopback")]       // short form
    [InlineData("017700000001", "loopback")]
    [InlineData("0xa9.0xfe.0xa9.0xfe", "link-local")]
    [InlineData("3232235777", "private-use")] // 192.168.1.1
    public void Q1_IPv4LiteralsInEveryNotationAreJudgedByTheirValue(string literal, string expected)
    {
        // A URL's host is read by Uri the same way: http://2130706433/ is http://127.0.0.1/.
        Assert.Equal("127.0.0.1", new Uri("http://2130706433/").Host);
        Assert.StartsWith(expected, SpecialPurposeAddresses.Describe(IPAddress.Parse(literal)));
    }

    [Fact]
    public void Q1_TheReasonNamesTheNarrowestBlock()
    {
        Assert.Equal("limited broadcast (255.255.255.255/32)", SpecialPurposeAddresses.Describe(IPAddress.Broadcast));
        Assert.Equal("documentation (2001:db8::/32)", SpecialPurposeAddresses.Describe(IPAddress.Parse("2001:db8::5")));
        Assert.Equal("loopback (127.0.0.0/8)", SpecialPurposeAddresses.Describe(IPAddress.Parse("::ffff:127.0.0.1")));
    }
}
