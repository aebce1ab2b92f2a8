using Lifecycle.Data.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Lifecycle.Data.Instances;

/// <summary>
/// Leases in the database, so that background work runs on one instance at a time (decision 032). Taking a lease is one
/// conditional UPDATE (free, expired, or already ours); the database lets one of two racing instances through on both
/// providers (SQLite's write lock; PostgreSQL re-checks the condition on the row the winner changed). Expiry uses the
/// instances' clocks: keep them in sync (NTP), within a small part of the lease's duration.
/// </summary>
public sealed class Leases(IDbContextFactory<LifecycleDbContext> dbFactory, ThisInstance instance, TimeProvider clock)
{
    public string Holder => instance.Id;

    /// <summary>Takes the lease, or extends it when this instance holds it, until now + <paramref name="duration"/>. False when another instance holds it.</summary>
    public async Task<bool> TryTakeAsync(string name, TimeSpan duration, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await TryTakeAsync(db, name, duration, cancellationToken);
    }

    /// <inheritdoc cref="TryTakeAsync(string, TimeSpan, CancellationToken)"/>
    /// <remarks>On <paramref name="db"/>, inside the caller's transaction when it has one.</remarks>
    public async Task<bool> TryTakeAsync(LifecycleDbContext db, string name, TimeSpan duration, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var until = now + duration;
        var me = instance.Id;
        var taken = await db.Leases
            .Where(l => l.Name == name && (l.Holder == me || l.Holder == null || l.ExpiresAtUtc <= now))
            .ExecuteUpdateAsync(set => set.SetProperty(l => l.Holder, me).SetProperty(l => l.ExpiresAtUtc, until), cancellationToken);
        if (taken == 1)
        {
            return true;
        }

        if (await db.Leases.AnyAsync(l => l.Name == name, cancellationToken))
        {
            return false;
        }

        // The first time this lease is asked for: a row of its own, whose primary key lets one of two racing instances in.
        var lease = new Lease(name, me, until);
        db.Leases.Add(lease);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            db.Entry(lease).State = EntityState.Detached;
            return false;
        }
    }

    /// <summary>Gives the lease back at once, when this instance holds it.</summary>
    public async Task ReleaseAsync(string name, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await ReleaseAsync(db, name, cancellationToken);
    }

    /// <inheritdoc cref="ReleaseAsync(string, CancellationToken)"/>
    public async Task ReleaseAsync(LifecycleDbContext db, string name, CancellationToken cancellationToken = default)
    {
        var me = instance.Id;
        var now = clock.GetUtcNow().UtcDateTime;
        await db.Leases.Where(l => l.Name == name && l.Holder == me)
            .ExecuteUpdateAsync(set => set.SetProperty(l => l.Holder, (string?)null).SetProperty(l => l.ExpiresAtUtc, now), cancellationToken);
    }

    /// <summary>Who holds the lease now (null when nobody does), for pages and tests.</summary>
    public async Task<string?> HolderOfAsync(string name, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        return await db.Leases.AsNoTracking().Where(l => l.Name == name && l.ExpiresAtUtc > now).Select(l => l.Holder).FirstOrDefaultAsync(cancellationToken);
    }
}
