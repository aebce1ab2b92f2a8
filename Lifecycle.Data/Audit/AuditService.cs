using System.Globalization;
using System.Text;
using Lifecycle.Data.Access;
using Lifecycle.Data.Common;
using Lifecycle.Data.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Lifecycle.Data.Audit;

/// <summary>
/// Filters of the audit log page; every part is optional. Times are UTC, <see cref="ToUtc"/> exclusive. <see cref="Search"/>
/// is text found, ignoring case, in who, the action, the app's or version's name, the address or the details.
/// </summary>
public sealed record AuditFilter(string? UserId = null, int? AppId = null, string? Action = null, AuditOutcome? Outcome = null, DateTime? FromUtc = null, DateTime? ToUtc = null, string? Search = null);

public sealed record AuditRow(long Id, DateTime AtUtc, string UserName, string Action, int? AppId, string? AppName, int? VersionId, string? VersionName, string? Environment, AuditOutcome Outcome, string? ClientIp, string? Details);

public sealed record AuditPage(IReadOnlyList<AuditRow> Rows, int Total, int Page, int PageSize);

/// <summary>The result of checking the hash chain: intact, or the id of the first entry that does not follow from the ones before it.</summary>
public sealed record AuditChainCheck(int Checked, long? FirstBrokenId)
{
    public bool IsIntact => FirstBrokenId is null;
}

/// <summary>Reading the audit log (SPEC A4): Admins and holders of "view audit log" only. There is no way to change it.</summary>
public sealed class AuditService(UseCaseRunner runner)
{
    public const int MaxPageSize = 200;

    public Task<Result<AuditPage>> QueryAsync(Actor actor, AuditFilter filter, int page, int pageSize, CancellationToken cancellationToken = default) =>
        runner.ReadAsync<AuditPage>(actor, Reading(AuditActions.AuditViewed), async context =>
        {
            pageSize = Math.Clamp(pageSize, 1, MaxPageSize);
            page = Math.Max(page, 1);
            var query = Filtered(context.Db, filter);
            var total = await query.CountAsync(cancellationToken);
            var rows = await Rows(context.Db, query.OrderByDescending(e => e.Id).Skip((page - 1) * pageSize).Take(pageSize)).ToListAsync(cancellationToken);
            return new AuditPage([.. rows.OrderByDescending(r => r.Id)], total, page, pageSize);
        }, cancellationToken);

    /// <summary>The filtered log as CSV (newest first); the export itself is audited.</summary>
    public Task<Result<string>> ExportCsvAsync(Actor actor, AuditFilter filter, CancellationToken cancellationToken = default) =>
        runner.ReadAsync<string>(actor, Reading(AuditActions.AuditExported).AuditedWhenRead(), async context =>
        {
            var rows = (await Rows(context.Db, Filtered(context.Db, filter)).ToListAsync(cancellationToken)).OrderByDescending(r => r.Id).ToList();
            var csv = new StringBuilder("id,at_utc,user,action,app_id,app,version_id,version,environment,outcome,client_ip,details\n");
            foreach (var row in rows)
            {
                csv.AppendJoin(',',
                    row.Id.ToString(CultureInfo.InvariantCulture), row.AtUtc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                    Cell(row.UserName), Cell(row.Action), row.AppId?.ToString(CultureInfo.InvariantCulture), Cell(row.AppName),
                    row.VersionId?.ToString(CultureInfo.InvariantCulture), Cell(row.VersionName), Cell(row.Environment), row.Outcome.ToString(),
                    Cell(row.ClientIp), Cell(row.Details)).Append('\n');
            }

            context.Entry = context.Entry with { Details = $"{rows.Count} entries." };
            return csv.ToString();
        }, cancellationToken);

    /// <summary>Recomputes the hash chain from the first entry and reports the first one that does not follow.</summary>
    public Task<Result<AuditChainCheck>> VerifyChainAsync(Actor actor, CancellationToken cancellationToken = default) =>
        runner.ReadAsync<AuditChainCheck>(actor, Reading(AuditActions.AuditVerified).AuditedWhenRead(), async context =>
        {
            var entries = await context.Db.AuditEntries.AsNoTracking().OrderBy(e => e.Id).ToListAsync(cancellationToken);
            var broken = AuditChain.FirstBroken(entries);
            var check = new AuditChainCheck(entries.Count, broken?.Id);
            context.Entry = context.Entry with { Details = check.IsIntact ? $"Intact, {check.Checked} entries." : $"Broken at entry {check.FirstBrokenId}." };
            return check;
        }, cancellationToken);

    /// <summary>For the user filter: at most <paramref name="limit"/> users, by name, whose name or email contains <paramref name="search"/>.</summary>
    public Task<Result<IReadOnlyList<(string UserId, string Name)>>> UsersAsync(Actor actor, string? search = null, int limit = 20, CancellationToken cancellationToken = default) =>
        runner.ReadAsync<IReadOnlyList<(string UserId, string Name)>>(actor, Reading(AuditActions.AuditViewed), async context =>
        {
            var query = context.Db.Users.AsNoTracking();
            if (!string.IsNullOrWhiteSpace(search))
            {
                var term = search.Trim().ToLower();
                query = query.Where(u => u.DisplayName.ToLower().Contains(term) || (u.Email != null && u.Email.ToLower().Contains(term)));
            }

            var users = await query.OrderBy(u => u.DisplayName).Take(Math.Clamp(limit, 1, MaxPageSize)).Select(u => new { u.Id, u.DisplayName }).ToListAsync(cancellationToken);
            return users.Select(u => (u.Id, u.DisplayName)).ToList();
        }, cancellationToken);

    private static UseCase Reading(string action) => UseCase.OnWorkspace(action, Permission.ViewAuditLog);

    private static IQueryable<AuditEntry> Filtered(LifecycleDbContext db, AuditFilter filter)
    {
        var query = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrEmpty(filter.UserId))
        {
            query = query.Where(e => e.UserId == filter.UserId);
        }

        if (filter.AppId is { } appId)
        {
            query = query.Where(e => e.AppId == appId);
        }

        if (!string.IsNullOrEmpty(filter.Action))
        {
            query = query.Where(e => e.Action == filter.Action);
        }

        if (filter.Outcome is { } outcome)
        {
            query = query.Where(e => e.Outcome == outcome);
        }

        if (filter.FromUtc is { } from)
        {
            query = query.Where(e => e.AtUtc >= from);
        }

        if (filter.ToUtc is { } to)
        {
            query = query.Where(e => e.AtUtc < to);
        }

        if (!string.IsNullOrWhiteSpace(filter.Search))
        {
            var term = filter.Search.Trim().ToLower();
            query = query.Where(e => e.UserName.ToLower().Contains(term) || e.Action.Contains(term)
                || (e.VersionName != null && e.VersionName.ToLower().Contains(term)) || (e.Details != null && e.Details.ToLower().Contains(term))
                || (e.ClientIp != null && e.ClientIp.Contains(term)) || db.Apps.Any(a => a.Id == e.AppId && a.Name.ToLower().Contains(term)));
        }

        return query;
    }

    private static IQueryable<AuditRow> Rows(LifecycleDbContext db, IQueryable<AuditEntry> entries) =>
        from e in entries
        join app in db.Apps on e.AppId equals app.Id into apps
        from app in apps.DefaultIfEmpty()
        select new AuditRow(e.Id, e.AtUtc, e.UserName, e.Action, e.AppId, app == null ? null : app.Name, e.VersionId, e.VersionName, e.Environment, e.Outcome, e.ClientIp, e.Details);

    /// <summary>Quotes a CSV cell, and defuses cells a spreadsheet would run as a formula.</summary>
    internal static string? Cell(string? value)
    {
        if (value is null)
        {
            return null;
        }

        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }

        return value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? $"\"{value.Replace("\"", "\"\"")}\"" : value;
    }
}
