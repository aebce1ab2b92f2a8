using Microsoft.AspNetCore.StaticAssets;

namespace Lifecycle.Web.Components.Account;

/// <summary>
/// Requests that the first-run and password-change redirects always let through: every file that
/// <c>MapStaticAssets</c> serves (including fingerprinted names such as <c>app.abc123.css</c>) and the
/// framework's own paths. Redirecting them would answer a stylesheet or script with an HTML page.
/// </summary>
internal static class StaticAssetRequests
{
    private static readonly string[] FrameworkPrefixes = ["/_framework", "/_content", "/_blazor"];

    public static bool IsStaticAsset(HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetMetadata<StaticAssetDescriptor>() is not null
        || FrameworkPrefixes.Any(prefix => context.Request.Path.StartsWithSegments(prefix, StringComparison.OrdinalIgnoreCase));
}
