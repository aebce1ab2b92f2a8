using System.Globalization;
using System.Text;
using Lifecycle.Data.Audit;
using Lifecycle.Data.Common;
using Lifecycle.Web.Components.Account;

namespace Lifecycle.Web.Features.Admin;

/// <summary>HTTP endpoints of the admin pages. They go through the same use cases, which check the caller's rights (SPEC A3).</summary>
internal static class AdminEndpoints
{
    public const string AuditExportPath = "/admin/audit/export";

    public static IEndpointConventionBuilder MapAdminEndpoints(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet(AuditExportPath, async (HttpContext context, AuditService audit) =>
        {
            var actor = CurrentActor.From(context.User, context.Connection.RemoteIpAddress?.ToString());
            if (actor is null)
            {
                return Results.Unauthorized();
            }

            var exported = await audit.ExportCsvAsync(actor, AuditQuery.Parse(context.Request.Query), context.RequestAborted);
            return exported.Status switch
            {
                ResultStatus.Ok => Results.File(Encoding.UTF8.GetBytes(exported.Value!), "text/csv; charset=utf-8",
                    $"audit-{DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}.csv"),
                ResultStatus.Forbidden => Results.Text(exported.Error, statusCode: StatusCodes.Status403Forbidden),
                _ => Results.BadRequest(exported.Error),
            };
        }).RequireAuthorization();
}

/// <summary>The audit filter as query-string values, shared by the page (for the export link) and the endpoint.</summary>
public static class AuditQuery
{
    public static AuditFilter Parse(IQueryCollection query) => new(
        UserId: Value(query, "user"),
        AppId: int.TryParse(Value(query, "app"), CultureInfo.InvariantCulture, out var app) ? app : null,
        Action: Value(query, "action"),
        Outcome: Enum.TryParse<AuditOutcome>(Value(query, "outcome"), out var outcome) ? outcome : null,
        FromUtc: Date(Value(query, "from")),
        ToUtc: Date(Value(query, "to")),
        Search: Value(query, "q"));

    public static string ToQueryString(AuditFilter filter)
    {
        var parts = new List<string>();
        Add(parts, "user", filter.UserId);
        Add(parts, "app", filter.AppId?.ToString(CultureInfo.InvariantCulture));
        Add(parts, "action", filter.Action);
        Add(parts, "outcome", filter.Outcome?.ToString());
        Add(parts, "from", filter.FromUtc?.ToString("O", CultureInfo.InvariantCulture));
        Add(parts, "to", filter.ToUtc?.ToString("O", CultureInfo.InvariantCulture));
        Add(parts, "q", filter.Search);
        return parts.Count == 0 ? "" : "?" + string.Join('&', parts);
    }

    private static void Add(List<string> parts, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            parts.Add($"{name}={Uri.EscapeDataString(value)}");
        }
    }

    private static string? Value(IQueryCollection query, string name) => query.TryGetValue(name, out var value) && !string.IsNullOrEmpty(value) ? value.ToString() : null;

    private static DateTime? Date(string? value) =>
        DateTime.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var date) ? date : null;
}
