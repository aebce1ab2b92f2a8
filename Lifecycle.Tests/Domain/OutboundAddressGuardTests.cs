using System.Net;
using Lifecycle.Data.Queries;

namespace Lifecycle.Tests.Domain;

/// <summary>Issue 3: REST queries refuse loopback, link-local and private addresses by default.</summary>
public sealed class OutboundAddressGuardTests
{
    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("127.5.5.5")]
    [InlineData("10.0.0.1")]
    [InlineData("172.16.0.1")]
    [InlineData("172.31.255.255")]
    [InlineData("192.168.1.1")]
    [InlineData("169.254.169.254")]
    [InlineData("100.64.0.1")]
    [InlineData("0.0.0.0")]
    [InlineData("224.0.0.1")]
    [InlineData("::1")]
    [InlineData("fe80::1")]
    [InlineData("fd00::1")]
    [InlineData("::ffff:127.0.0.1")]
    [InlineData("::ffff:10.0.0.1")]
    public void RefusesNonPublicAddresses(string address) =>
        Assert.True(OutboundAddressGuard.IsForbidden(IPAddress.Parse(address)));

    [Theory]
    [InlineData("8.8.8.8")]
    [InlineData("172.32.0.1")]
    [InlineData("192.169.0.1")]
    [InlineData("100.128.0.1")]
    [InlineData("2001:4860:4860::8888")]
    public void AllowsPublicAddresses(string address) =>
        Assert.False(OutboundAddressGuard.IsForbidden(IPAddress.Parse(address)));
}
