using System.Globalization;
using System.Text;
using Lifecycle.Data.Common;
using Lifecycle.Data.GitSync;
using Lifecycle.Web.Components.Account;

namespace Lifecycle.Web.Features.GitSync;

/// <summary>The export download. It goes through the export use case, which checks "manage GitSync" (SPEC A3).</summary>
internal static class GitSyncEndpoints
{
    public const string ExportPath = "/admin/gitsync/export";

    public static IEndpointConventionBuilder MapGitSyncEndpoints(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet(ExportPath, async (HttpContext context, AppTransferService transfer) =>
        {
            var actor = CurrentActor.From(context.User, context.Connection.RemoteIpAddress?.ToString());
            if (actor is null)
            {
                return Results.Unauthorized();
            }

            if (!int.TryParse(context.Request.Query["app"], CultureInfo.InvariantCulture, out var appId))
            {
                return Results.BadRequest("Choose an app to export.");
            }

            int? versionId = int.TryParse(context.Request.Query["version"], CultureInfo.InvariantCulture, out var version) ? version : null;
            var exported = await transfer.ExportAsync(actor, appId, versionId, context.RequestAborted);
            return exported.Status switch
            {
                ResultStatus.Ok => Results.File(Encoding.UTF8.GetBytes(exported.Value!.Text), "application/json; charset=utf-8", exported.Value.FileName),
                ResultStatus.Forbidden => Results.Text(exported.Error, statusCode: StatusCodes.Status403Forbidden),
                ResultStatus.NotFound => Results.NotFound(exported.Error),
                _ => Results.BadRequest(exported.Error),
            };
        }).RequireAuthorization();
}
