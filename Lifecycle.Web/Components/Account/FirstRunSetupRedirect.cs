using Lifecycle.Data.Setup;

namespace Lifecycle.Web.Components.Account;

/// <summary>
/// SPEC A5: until the first admin exists every page leads to /setup; afterwards /setup is gone (404).
/// The setup use case refuses a second setup on its own; this only steers the browser.
/// </summary>
public sealed class FirstRunSetupRedirect(RequestDelegate next)
{
    public const string SetupPath = "/setup";

    public async Task InvokeAsync(HttpContext context, SetupService setup)
    {
        var path = context.Request.Path;
        var isSetupPage = path.Equals(SetupPath, StringComparison.OrdinalIgnoreCase);
        if (StaticAssetRequests.IsStaticAsset(context))
        {
            await next(context);
            return;
        }

        var isSetUp = await setup.IsSetUpAsync(context.RequestAborted);
        if (!isSetUp && !isSetupPage)
        {
            context.Response.Redirect(SetupPath);
            return;
        }

        if (isSetUp && isSetupPage)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        await next(context);
    }
}
