using System.Security.Cryptography;

namespace Lifecycle.Web.Security;

/// <summary>
/// The security headers of one response, decided while the request runs and written when the response starts
/// (<see cref="SecurityHeaders"/>). Every response forbids framing; an endpoint or page that may be embedded (a public
/// app, SPEC S3) calls <see cref="AllowFramingBy"/> with the origins the admin listed, before it writes its response.
/// </summary>
public sealed class ResponseSecurityPolicy
{
    private readonly List<string> _frameAncestors = [];

    /// <summary>A fresh nonce per response for the one inline script the app renders (the import map).</summary>
    public string ScriptNonce { get; } = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));

    /// <summary>The origins allowed to frame this response; none by default.</summary>
    public IReadOnlyList<string> FrameAncestors => _frameAncestors;

    /// <summary>
    /// Lets the given origins (such as <c>https://intranet.example</c>) frame this response. Only scheme, host and port
    /// are kept: anything else would let a value widen or break the header.
    /// </summary>
    public void AllowFramingBy(IEnumerable<string> origins)
    {
        foreach (var origin in origins)
        {
            if (Uri.TryCreate(origin, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http" && !_frameAncestors.Contains(uri.GetLeftPart(UriPartial.Authority)))
            {
                _frameAncestors.Add(uri.GetLeftPart(UriPartial.Authority));
            }
        }
    }

    /// <summary>
    /// Scripts from this origin only (blazor.web.js needs no eval) plus the nonce of the import map; styles also inline,
    /// because MudBlazor writes its theme as a style element and positions popovers with style attributes; the circuit's
    /// WebSocket is same-origin, which 'self' covers; images from anywhere, since apps show images from their own servers.
    /// </summary>
    public string ContentSecurityPolicy =>
        string.Join("; ",
            "default-src 'self'",
            $"script-src 'self' 'nonce-{ScriptNonce}'",
            "style-src 'self' 'unsafe-inline'",
            "img-src * data:",
            "font-src 'self' data:",
            "connect-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            $"frame-ancestors {(_frameAncestors.Count == 0 ? "'none'" : string.Join(' ', _frameAncestors))}");
}

public static class ResponseSecurityPolicyExtensions
{
    /// <summary>The policy of the current response (one is always set by <see cref="SecurityHeaders"/>).</summary>
    public static ResponseSecurityPolicy SecurityPolicy(this HttpContext context) =>
        context.Features.Get<ResponseSecurityPolicy>() ?? throw new InvalidOperationException("UseSecurityHeaders() is missing from the pipeline.");
}
