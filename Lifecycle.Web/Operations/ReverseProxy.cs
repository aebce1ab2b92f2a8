using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Lifecycle.Web.Operations;

/// <summary>
/// Behind a reverse proxy (decision 033) the app sees the proxy's address. The proxies listed in
/// <c>ForwardedHeaders:KnownProxies</c> (addresses) or <c>ForwardedHeaders:KnownNetworks</c> (CIDR blocks) are trusted
/// for X-Forwarded-For and X-Forwarded-Proto, so the sign-in limits and the audit log see the browser's address and
/// cookies are marked Secure behind HTTPS. Nothing is trusted unless listed.
/// </summary>
public static class ReverseProxy
{
    public const string SectionName = "ForwardedHeaders";

    /// <summary>True when a proxy is listed: the forwarded headers are then read (<c>UseForwardedHeaders</c>, first in the pipeline).</summary>
    public static bool IsConfigured(IConfiguration configuration) =>
        List(configuration[$"{SectionName}:KnownProxies"]).Any() || List(configuration[$"{SectionName}:KnownNetworks"]).Any();

    public static IServiceCollection AddLifecycleForwardedHeaders(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(SectionName);
        var proxies = List(section["KnownProxies"]).Select(IPAddress.Parse).ToList();
        var networks = List(section["KnownNetworks"]).Select(System.Net.IPNetwork.Parse).ToList();

        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            proxies.ForEach(options.KnownProxies.Add);
            networks.ForEach(options.KnownIPNetworks.Add);
        });
        return services;
    }

    /// <summary>A list setting: comma-separated in one value (an environment variable), as configuration arrays do not fit there.</summary>
    private static IEnumerable<string> List(string? value) =>
        (value ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
