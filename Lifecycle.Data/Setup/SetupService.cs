using Lifecycle.Data.Access;
using Lifecycle.Data.Audit;
using Lifecycle.Data.Common;
using Lifecycle.Data.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Lifecycle.Data.Setup;

/// <summary>SPEC A5: no default account; the first visit creates the first admin, once.</summary>
public sealed class SetupService(IDbContextFactory<LifecycleDbContext> dbFactory, IServiceScopeFactory scopes, TimeProvider clock, AuditWriter audit)
{
    private volatile bool _knownSetUp;

    public async Task<bool> IsSetUpAsync(CancellationToken cancellationToken = default)
    {
        if (_knownSetUp)
        {
            return true; // setup never reverts, so a positive answer can be kept
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        _knownSetUp = await db.SetupMarkers.AnyAsync(cancellationToken);
        return _knownSetUp;
    }

    public async Task<Result> CreateFirstAdminAsync(string email, string displayName, string password, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<LifecycleUser>>();
        var invalid = await AccountRules.ValidateAsync(users, email, displayName, password);
        if (invalid is not null)
        {
            return invalid;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await TryClaimSetupAsync(db, cancellationToken))
        {
            return AlreadySetUp;
        }

        var user = AccountRules.NewUser(email, displayName);
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            // Give the setup back so the form can be corrected and sent again.
            db.SetupMarkers.RemoveRange(db.SetupMarkers);
            await db.SaveChangesAsync(cancellationToken);
            return AccountRules.Describe(created);
        }

        db.GroupMembers.Add(new GroupMember(Group.AdminsId, user.Id));
        await audit.SaveAsync(db, new Actor(user.Id, user.DisplayName), new AuditEvent(AuditActions.SetupCompleted, Details: $"First admin {user.Email}."), cancellationToken);
        _knownSetUp = true;
        return Result.Success();
    }

    private static Result AlreadySetUp => Result.Conflict("This instance is already set up. Sign in instead.");

    /// <summary>The fixed key of the marker row lets exactly one of several racing setups through.</summary>
    private async Task<bool> TryClaimSetupAsync(LifecycleDbContext db, CancellationToken cancellationToken)
    {
        db.SetupMarkers.Add(new SetupMarker(clock.GetUtcNow().UtcDateTime));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            return false;
        }
    }
}
