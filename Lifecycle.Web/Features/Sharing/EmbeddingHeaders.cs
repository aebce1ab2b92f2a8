using Lifecycle.Data.Sharing;
using Lifecycle.Web.Security;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Lifecycle.Web.Features.Sharing;

/// <summary>
/// SPEC S3: only the embedded view of an app, <c>/embed/{slug}</c>, may be framed, and only by the sites an admin listed,
/// when the app is public (or private and private embedding is allowed). Every other response keeps
/// <c>frame-ancestors 'none'</c> (<see cref="SecurityHeaders"/>). When private apps may be embedded, sign-in cookies
/// issued over HTTPS are marked for cross-site use (<see cref="CrossSiteSignInCookies"/>, decision 029).
/// </summary>
public sealed class EmbeddingHeaders(RequestDelegate next, EmbeddingService embedding, PrivateEmbeddingSwitch privateEmbedding)
{
    public const string PathPrefix = "/embed/";

    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if ((HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)) && EmbeddedSlug(request.Path) is { } slug)
        {
            context.SecurityPolicy().AllowFramingBy(await embedding.FramingAsync(slug, context.RequestAborted));
        }

        if (request.IsHttps && await privateEmbedding.IsOnAsync(context.RequestAborted))
        {
            context.Features.Set(CrossSiteSignInCookies.Wanted.Instance);
        }

        await next(context);
    }

    /// <summary>The slug of <c>/embed/{slug}</c>; null for any other path.</summary>
    public static string? EmbeddedSlug(PathString path) =>
        path.StartsWithSegments(PathPrefix.TrimEnd('/'), StringComparison.Ordinal, out var rest) && rest.Value is { Length: > 1 } tail && tail.IndexOf('/', 1) < 0
            ? tail[1..]
            : null;
}

/// <summary>
/// Whether private apps may be embedded, read at most every 30 seconds (each HTTPS request asks), and at once after a
/// change on this instance. Another instance of a deployment sees a change within those 30 seconds.
/// </summary>
public sealed class PrivateEmbeddingSwitch(EmbeddingService embedding, TimeProvider clock)
{
    private static readonly TimeSpan KeptFor = TimeSpan.FromSeconds(30);
    private (bool On, DateTimeOffset Until) _cached;

    public async ValueTask<bool> IsOnAsync(CancellationToken cancellationToken)
    {
        var cached = _cached;
        if (clock.GetUtcNow() < cached.Until)
        {
            return cached.On;
        }

        var on = await embedding.PrivateAppsEmbeddableAsync(cancellationToken);
        _cached = (on, clock.GetUtcNow() + KeptFor);
        return on;
    }

    public void Forget() => _cached = default;
}

/// <summary>
/// Decision 029: the sign-in cookie is written with SameSite=None and Secure on requests that <see cref="EmbeddingHeaders"/>
/// marked (HTTPS, private embedding allowed), so that a private app framed by a listed site knows its visitor; otherwise
/// exactly as Identity configures it (SameSite=Lax).
/// </summary>
public sealed class CrossSiteSignInCookies(ICookieManager inner) : ICookieManager
{
    public string? GetRequestCookie(HttpContext context, string key) => inner.GetRequestCookie(context, key);

    public void AppendResponseCookie(HttpContext context, string key, string? value, CookieOptions options)
    {
        if (context.Features.Get<Wanted>() is not null)
        {
            options.SameSite = SameSiteMode.None;
            options.Secure = true;
        }

        inner.AppendResponseCookie(context, key, value, options);
    }

    public void DeleteCookie(HttpContext context, string key, CookieOptions options) => inner.DeleteCookie(context, key, options);

    /// <summary>The request's mark: its sign-in cookie is for cross-site use.</summary>
    public sealed class Wanted
    {
        public static readonly Wanted Instance = new();

        private Wanted() { }
    }
}
