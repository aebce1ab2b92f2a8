using Lifecycle.Data.Access;
using Lifecycle.Data.SignIn;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Lifecycle.Web.Components.Account;

internal static class AccountEndpoints
{
    public static IEndpointConventionBuilder MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var account = endpoints.MapGroup("/Account");
        // Sign-out is a form POST with an antiforgery token (another site cannot sign a user out), and it ends the
        // session on the server, so a copy of the cookie stops working too (decision 017).
        account.MapPost("/Logout", async (HttpContext context, IAntiforgery antiforgery, [FromServices] SignInManager<LifecycleUser> signIn, SignInSessions sessions) =>
        {
            if (!await antiforgery.IsRequestValidAsync(context))
            {
                return Results.BadRequest("The sign-out form has expired. Reload the page and sign out again.");
            }

            if (ServerSessions.SessionIdOf(context.User) is { } sessionId)
            {
                await sessions.EndAsync(sessionId);
            }

            await signIn.SignOutAsync();
            return Results.LocalRedirect("~/Account/Login?signedOut=true");
        }).DisableAntiforgery(); // checked above, with a message of its own: the endpoint binds no form, which is what the framework checks by
        return account;
    }
}
