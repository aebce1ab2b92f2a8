using Lifecycle.Data.Access;
using Lifecycle.Data.Audit;
using Lifecycle.Data.Common;
using Lifecycle.Data.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Lifecycle.Data.Setup;

/// <summary>SPEC A5: no default account; the first visit creates the first admin, once, atomically.</summary>
public sealed class SetupService(UseCaseRunner runner, IDbContextFactory<LifecycleDbContext> dbFactory)
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

    /// <summary>
    /// For anyone, but once: the setup marker, the user and their Admins membership are written by one transaction
    /// together with the audit entry, so a crash at any point leaves either a usable setup page or a complete admin.
    /// The marker's fixed key lets exactly one of several racing setups through (decision 006).
    /// </summary>
    public async Task<Result> CreateFirstAdminAsync(string email, string displayName, string password, CancellationToken cancellationToken = default)
    {
        var created = await runner.ChangeAsync(null, UseCase.ForAnyone(AuditActions.SetupCompleted), async context =>
        {
            var users = context.Services.GetRequiredService<UserManager<LifecycleUser>>();
            if (await AccountRules.ValidateAsync(users, email, displayName, password) is { } invalid)
            {
                return invalid;
            }

            if (!await TryClaimSetupAsync(context, cancellationToken))
            {
                return AlreadySetUp;
            }

            var user = AccountRules.NewUser(email, displayName);
            var added = await users.CreateAsync(user, password);
            if (!added.Succeeded)
            {
                return AccountRules.Describe(added); // the transaction rolls back: the setup page stays usable
            }

            context.Db.GroupMembers.Add(new GroupMember(Group.AdminsId, user.Id));
            context.Entry = context.Entry with { Details = $"First admin {user.DisplayName} <{user.Email}>." };
            return Result.Success();
        }, cancellationToken);
        _knownSetUp |= created.IsSuccess;
        return created;
    }

    private static Result AlreadySetUp => Result.Conflict("This instance is already set up. Sign in instead.");

    private static async Task<bool> TryClaimSetupAsync(UseCaseContext context, CancellationToken cancellationToken)
    {
        if (await context.Db.SetupMarkers.AnyAsync(cancellationToken))
        {
            return false;
        }

        context.Db.SetupMarkers.Add(new SetupMarker(context.NowUtc));
        try
        {
            await context.Db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            return false; // another process claimed it first
        }
    }
}
