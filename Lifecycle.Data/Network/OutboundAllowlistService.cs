using Lifecycle.Data.Access;
using Lifecycle.Data.Audit;
using Lifecycle.Data.Common;
using Lifecycle.Data.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Lifecycle.Data.Network;

/// <summary>An allowlist entry as the admin page shows it.</summary>
public sealed record OutboundAllowView(int Id, string Value, bool IsNetwork, string Note, string AddedByName, DateTime AddedAtUtc);

/// <summary>
/// SPEC Q1: the outbound allowlist's use cases. Holders of "manage data sources" may read it (to see why a call is
/// refused); only Admins change it, because an entry opens the server's own network to every builder's queries
/// (decision 015). Every change is audited with the entry it names.
/// </summary>
public sealed class OutboundAllowlistService(UseCaseRunner runner, IDbContextFactory<LifecycleDbContext> dbFactory)
{
    public const string AdminsOnly = "Only admins change the outbound allowlist.";

    public Task<Result<IReadOnlyList<OutboundAllowView>>> ListAsync(Actor actor, CancellationToken cancellationToken = default) =>
        runner.ReadAsync<IReadOnlyList<OutboundAllowView>>(actor, UseCase.OnWorkspace(AuditActions.AllowlistViewed, Permission.ManageDataSources), async context =>
            await context.Db.OutboundAllowlist.AsNoTracking().OrderBy(e => e.Value)
                .Select(e => new OutboundAllowView(e.Id, e.Value, e.IsNetwork, e.Note, e.AddedByName, e.AddedAtUtc))
                .ToListAsync(cancellationToken), cancellationToken);

    public Task<Result<int>> AddAsync(Actor actor, string value, string? note, CancellationToken cancellationToken = default) =>
        runner.ChangeAsync<int>(actor, UseCase.OnWorkspace(AuditActions.AllowlistAdded, Permission.ManageDataSources), async context =>
        {
            context.Entry = context.Entry with { Details = $"Allow {value.Trim()}." };
            if (!context.Rights.IsAdmin)
            {
                return Result<int>.From(Result.Forbidden(AdminsOnly));
            }

            var created = OutboundAllowEntry.Create(value, note, context.User.Name, context.NowUtc);
            if (!created.IsSuccess)
            {
                return Result<int>.From(created);
            }

            var entry = created.Value!;
            var entries = context.Db.OutboundAllowlist;
            if (await entries.AnyAsync(e => e.Value == entry.Value, cancellationToken))
            {
                return Result<int>.From(Result.Invalid($"{entry.Value} is already allowed.", "value"));
            }

            entries.Add(entry);
            await context.Db.SaveChangesAsync(cancellationToken);
            context.Entry = context.Entry with { Details = $"Allow {entry.Value}{(entry.Note.Length > 0 ? $" ({entry.Note})" : "")}." };
            return entry.Id;
        }, cancellationToken);

    public Task<Result> RemoveAsync(Actor actor, int entryId, CancellationToken cancellationToken = default) =>
        runner.ChangeAsync(actor, UseCase.OnWorkspace(AuditActions.AllowlistRemoved, Permission.ManageDataSources), async context =>
        {
            var entries = context.Db.OutboundAllowlist;
            var entry = await entries.FirstOrDefaultAsync(e => e.Id == entryId, cancellationToken);
            context.Entry = context.Entry with { Details = $"No longer allow {entry?.Value ?? $"entry {entryId}"}." };
            if (!context.Rights.IsAdmin)
            {
                return Result.Forbidden(AdminsOnly);
            }

            if (entry is null)
            {
                return Result.NotFound("This entry is no longer in the allowlist.");
            }

            entries.Remove(entry);
            await context.Db.SaveChangesAsync(cancellationToken);
            return Result.Success();
        }, cancellationToken);

    /// <summary>The entries as the outbound guard applies them, read at the time of each call (a removal applies at once).</summary>
    public async Task<IReadOnlyList<OutboundAllowEntry>> EntriesAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.OutboundAllowlist.AsNoTracking().ToListAsync(cancellationToken);
    }
}
