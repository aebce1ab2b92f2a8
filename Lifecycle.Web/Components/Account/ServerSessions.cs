using System.Security.Claims;
using Lifecycle.Data.Access;
using Lifecycle.Data.SignIn;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Lifecycle.Web.Components.Account;

/// <summary>
/// Decision 017: a sign-in cookie names a session kept on the server (<see cref="SignInSessions"/>), and every request
/// (and every open circuit, each minute) checks that it is still active. Signing out ends the session, so a copy of the
/// cookie stops working at once; sessions on other devices go on.
/// </summary>
public static class ServerSessions
{
    public const string SessionClaim = "lifecycle:session";

    /// <summary>Starts a session (or keeps <paramref name="sessionId"/>) and issues the cookie that names it.</summary>
    public static async Task SignInAsync(SignInManager<LifecycleUser> signIn, SignInSessions sessions, LifecycleUser user, string? sessionId = null)
    {
        sessionId ??= await sessions.StartAsync(user.Id);
        await signIn.SignInWithClaimsAsync(user, isPersistent: false, [new Claim(SessionClaim, sessionId)]);
    }

    public static string? SessionIdOf(ClaimsPrincipal principal) => principal.FindFirstValue(SessionClaim);

    public static async Task<bool> IsActiveAsync(SignInSessions sessions, ClaimsPrincipal principal) =>
        SessionIdOf(principal) is { } sessionId
        && principal.FindFirstValue(ClaimTypes.NameIdentifier) is { } userId
        && await sessions.IsActiveAsync(sessionId, userId);

    /// <summary>Checks the session before Identity's own security-stamp check (<paramref name="next"/>); an ended one signs the request out.</summary>
    public static Func<CookieValidatePrincipalContext, Task> ValidatePrincipal(Func<CookieValidatePrincipalContext, Task> next) =>
        async context =>
        {
            var sessions = context.HttpContext.RequestServices.GetRequiredService<SignInSessions>();
            if (context.Principal is null || !await IsActiveAsync(sessions, context.Principal))
            {
                context.RejectPrincipal();
                await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
                return;
            }

            if (StampCheckIsDue(context))
            {
                await next(context);
            }
        };

    /// <summary>
    /// Whether Identity's security-stamp check would look at the user now: it does nothing until its interval has passed
    /// since the cookie was issued, by the same rule. Asked first, because the check's validator is built with Identity's
    /// sign-in and user managers and a DbContext in the request's scope even when it does nothing, and a circuit's
    /// WebSocket request keeps its scope for the circuit's whole life (issue 12). A circuit revalidates on its own
    /// (<see cref="IdentityRevalidatingAuthenticationStateProvider"/>).
    /// </summary>
    internal static bool StampCheckIsDue(CookieValidatePrincipalContext context)
    {
        var options = context.HttpContext.RequestServices.GetRequiredService<IOptions<SecurityStampValidatorOptions>>().Value;
        var now = (options.TimeProvider ?? TimeProvider.System).GetUtcNow();
        return context.Properties.IssuedUtc is not { } issued || now - issued > options.ValidationInterval;
    }

    /// <summary>Identity rebuilds the principal when it revalidates the security stamp; the session claim goes along.</summary>
    public static Task KeepSessionClaim(SecurityStampRefreshingPrincipalContext context)
    {
        if (context.CurrentPrincipal?.FindFirst(SessionClaim) is { } claim && context.NewPrincipal?.Identity is ClaimsIdentity identity)
        {
            identity.AddClaim(new Claim(SessionClaim, claim.Value));
        }

        return Task.CompletedTask;
    }
}
