using Lifecycle.Data.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Lifecycle.Data.SignIn;

/// <summary>Starts, checks and ends server-side sign-in sessions (decision 017). Checked on every signed-in request.</summary>
public sealed class SignInSessions(IDbContextFactory<LifecycleDbContext> dbFactory, TimeProvider clock)
{
    /// <summary>How long an ended session's row is kept (for a look in the database after an incident).</summary>
    private static readonly TimeSpan KeepEnded = TimeSpan.FromDays(7);

    public async Task<string> StartAsync(string userId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var session = SignInSession.Start(userId, now);
        db.SignInSessions.Add(session);
        await db.SaveChangesAsync(cancellationToken);
        var forgotten = now - KeepEnded;
        await db.SignInSessions.Where(s => s.EndedAtUtc != null && s.EndedAtUtc < forgotten).ExecuteDeleteAsync(cancellationToken);
        return session.Id;
    }

    public async Task<bool> IsActiveAsync(string sessionId, string userId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.SignInSessions.AsNoTracking().AnyAsync(s => s.Id == sessionId && s.UserId == userId && s.EndedAtUtc == null, cancellationToken);
    }

    public async Task EndAsync(string sessionId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var session = await db.SignInSessions.FirstOrDefaultAsync(s => s.Id == sessionId, cancellationToken);
        if (session is not null)
        {
            session.End(clock.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync(cancellationToken);
        }
    }
}
