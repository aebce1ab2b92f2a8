namespace Lifecycle.Web.Components.Account;

/// <summary>
/// A user signed in with a one-time password (new account, admin reset) is sent to choose their own before anything
/// else; only the change page, sign-out and static files stay reachable.
/// </summary>
public sealed class PasswordChangeRedirect(RequestDelegate next)
{
    public const string ChangePasswordPath = "/Account/ChangePassword";

    private static readonly string[] Allowed = [ChangePasswordPath, "/Account/Logout"];

    public Task InvokeAsync(HttpContext context)
    {
        var mustChange = context.User.HasClaim(c => c.Type == DisplayNameClaimsFactory.MustChangePasswordClaim);
        if (mustChange && !StaticAssetRequests.IsStaticAsset(context) && !Allowed.Any(prefix => context.Request.Path.StartsWithSegments(prefix, StringComparison.OrdinalIgnoreCase)))
        {
            context.Response.Redirect(ChangePasswordPath);
            return Task.CompletedTask;
        }

        return next(context);
    }
}
