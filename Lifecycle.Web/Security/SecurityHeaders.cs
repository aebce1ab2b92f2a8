using Microsoft.Net.Http.Headers;

namespace Lifecycle.Web.Security;

/// <summary>
/// Issue 7: security headers on every response. The policy is a per-request feature, so a page or endpoint can relax
/// framing for itself (<see cref="ResponseSecurityPolicy.AllowFramingBy"/>); the headers are written as the response
/// starts, after the endpoint has run. HSTS and Secure cookies over HTTPS are set up in <c>Program</c>.
/// </summary>
public sealed class SecurityHeaders(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        var policy = new ResponseSecurityPolicy();
        context.Features.Set(policy);
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = policy.ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "same-origin";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
            if (policy.FrameAncestors.Count == 0)
            {
                headers.XFrameOptions = "DENY"; // for browsers without CSP frame-ancestors; it cannot name origins, so it goes when framing is allowed
            }
            else
            {
                headers.Remove(HeaderNames.XFrameOptions); // antiforgery adds SAMEORIGIN with its token, which would refuse the listed sites
            }

            return Task.CompletedTask;
        });
        return next(context);
    }
}
