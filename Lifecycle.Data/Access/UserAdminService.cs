using System.Security.Cryptography;
using Lifecycle.Data.Audit;
using Lifecycle.Data.Common;
using Lifecycle.Data.Persistence;
using Lifecycle.Data.SignIn;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Lifecycle.Data.Access;

public sealed record GroupSummary(int Id, string Name, bool IsBuiltIn);

public sealed record UserRow(string UserId, string Name, string Email, bool IsDisabled, IReadOnlyList<string> Groups);

public sealed record UserPage(IReadOnlyList<UserRow> Rows, int Total, int Page, int PageSize);

public sealed record UserDetail(string UserId, string Name, string Email, bool IsDisabled, IReadOnlyList<GroupSummary> Groups, EffectiveRights Rights);

/// <summary>A new account and its initial password, shown to the admin once and never stored in clear.</summary>
public sealed record CreatedUser(string UserId, string Password);

/// <summary>
/// Admin use cases on users. Each checks "manage users" at the time of the call and writes its audit entry in the
/// transaction of the change (SPEC A3, A4). Identity's UserManager works on the same context as the audit entry.
/// </summary>
public sealed class UserAdminService(IServiceScopeFactory scopes, TimeProvider clock, AuditWriter audit, SignInThrottle throttle)
{
    public const int MaxPageSize = 100;
    private const string PasswordAlphabet = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    public async Task<IReadOnlyList<GroupSummary>> GroupsAsync(CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LifecycleDbContext>();
        return await db.Groups.AsNoTracking().OrderBy(g => g.Id).Select(g => new GroupSummary(g.Id, g.Name, g.IsBuiltIn)).ToListAsync(cancellationToken);
    }

    /// <summary>Users whose name or email contains <paramref name="search"/>, by name, one page at a time.</summary>
    public async Task<Result<UserPage>> ListAsync(Actor actor, string? search, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LifecycleDbContext>();
        if (await audit.AuthorizeAsync(db, actor, Permission.ManageUsers, new AuditEvent(AuditActions.UsersViewed), cancellationToken) is { } refusal)
        {
            return Result<UserPage>.From(refusal);
        }

        pageSize = Math.Clamp(pageSize, 1, MaxPageSize);
        page = Math.Max(page, 1);
        var query = db.Users.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(search))
        {
            var term = search.Trim().ToLower();
            query = query.Where(u => u.DisplayName.ToLower().Contains(term) || (u.Email != null && u.Email.ToLower().Contains(term)));
        }

        var total = await query.CountAsync(cancellationToken);
        var users = await query.OrderBy(u => u.DisplayName).ThenBy(u => u.Email).Skip((page - 1) * pageSize).Take(pageSize)
            .Select(u => new { u.Id, u.DisplayName, u.Email, u.DisabledAtUtc }).ToListAsync(cancellationToken);
        var ids = users.Select(u => u.Id).ToList();
        var memberships = await db.GroupMembers.AsNoTracking().Where(m => ids.Contains(m.UserId))
            .Select(m => new { m.UserId, m.Group!.Name }).ToListAsync(cancellationToken);
        var rows = users.Select(u => new UserRow(u.Id, u.DisplayName, u.Email ?? "", u.DisabledAtUtc is not null,
            [.. memberships.Where(m => m.UserId == u.Id).Select(m => m.Name).Order()])).ToList();
        return new UserPage(rows, total, page, pageSize);
    }

    public async Task<Result<UserDetail>> GetAsync(Actor actor, string userId, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LifecycleDbContext>();
        if (await audit.AuthorizeAsync(db, actor, Permission.ManageUsers, new AuditEvent(AuditActions.UsersViewed, Details: $"User {userId}."), cancellationToken) is { } refusal)
        {
            return Result<UserDetail>.From(refusal);
        }

        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == userId, cancellationToken);
        if (user is null)
        {
            return Result<UserDetail>.From(UserGone);
        }

        var groups = await db.GroupMembers.AsNoTracking().Where(m => m.UserId == userId).OrderBy(m => m.GroupId)
            .Select(m => new GroupSummary(m.GroupId, m.Group!.Name, m.Group.IsBuiltIn)).ToListAsync(cancellationToken);
        return new UserDetail(user.Id, user.DisplayName, user.Email ?? "", user.IsDisabled, groups, await AccessRules.ExplainAsync(db, userId, cancellationToken));
    }

    /// <summary>Creates a user with a generated one-time password, which the admin passes on (shown once); the user replaces it at first sign-in.</summary>
    public async Task<Result<CreatedUser>> CreateUserAsync(Actor actor, string email, string displayName, IReadOnlyCollection<int> groupIds, CancellationToken cancellationToken = default)
    {
        var password = NewPassword();
        var created = await CreateUserAsync(actor, email, displayName, password, groupIds, oneTime: true, cancellationToken);
        return created.IsSuccess ? new CreatedUser(created.Value!, password) : Result<CreatedUser>.From(created);
    }

    /// <summary>Creates a user with a password the admin chose, in one group.</summary>
    public async Task<Result> CreateUserAsync(Actor actor, string email, string displayName, string password, int groupId, CancellationToken cancellationToken = default) =>
        await CreateUserAsync(actor, email, displayName, password, [groupId], oneTime: false, cancellationToken);

    private async Task<Result<string>> CreateUserAsync(Actor actor, string email, string displayName, string password, IReadOnlyCollection<int> groupIds, bool oneTime, CancellationToken cancellationToken)
    {
        var what = new AuditEvent(AuditActions.UserCreated, Details: $"{displayName} <{email}>.");
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LifecycleDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<LifecycleUser>>();
        if (await audit.AuthorizeAsync(db, actor, Permission.ManageUsers, what, cancellationToken) is { } refusal)
        {
            return Result<string>.From(refusal);
        }

        var ids = groupIds.Distinct().ToList();
        var invalid = ids.Count == 0 || await db.Groups.CountAsync(g => ids.Contains(g.Id), cancellationToken) != ids.Count
            ? Result.Invalid("Choose at least one group.", "group")
            : await AccountRules.ValidateAsync(users, email, displayName, password);
        if (invalid is not null)
        {
            return await audit.RecordFailureAsync(actor, what, Result<string>.From(invalid));
        }

        var user = AccountRules.NewUser(email, displayName);
        user.MustChangePassword = oneTime;
        await using var transaction = await audit.BeginAsync(db, cancellationToken);
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            await transaction.DisposeAsync(); // roll back and free the audit gate before recording the failure
            return await audit.RecordFailureAsync(actor, what, Result<string>.From(AccountRules.Describe(created)));
        }

        foreach (var groupId in ids)
        {
            db.GroupMembers.Add(new GroupMember(groupId, user.Id));
        }

        await db.SaveChangesAsync(cancellationToken);
        var groupNames = await db.Groups.Where(g => ids.Contains(g.Id)).Select(g => g.Name).ToListAsync(cancellationToken);
        await transaction.CommitAsync(actor, what with { Details = $"{user.DisplayName} <{user.Email}> in {string.Join(", ", groupNames.Order())}." }, cancellationToken);
        return user.Id;
    }

    /// <summary>A disabled user has no rights from their next action on, cannot sign in, and their sessions end (new security stamp).</summary>
    public Task<Result> DisableAsync(Actor actor, string userId, CancellationToken cancellationToken = default) =>
        ChangeAsync(actor, userId, AuditActions.UserDisabled, async (db, users, user) =>
        {
            if (user.Id == actor.UserId)
            {
                return Result.Conflict("You cannot disable your own account.");
            }

            var lastAdmin = await db.GroupMembers.AnyAsync(m => m.UserId == user.Id && m.GroupId == Group.AdminsId, cancellationToken)
                && !await db.GroupMembers.AnyAsync(m => m.GroupId == Group.AdminsId && m.UserId != user.Id && db.Users.Any(u => u.Id == m.UserId && u.DisabledAtUtc == null), cancellationToken);
            if (lastAdmin)
            {
                return Result.Conflict("This is the last active admin. Make someone else an admin first.");
            }

            user.DisabledAtUtc = clock.GetUtcNow().UtcDateTime;
            await users.SetLockoutEnabledAsync(user, true);
            await users.SetLockoutEndDateAsync(user, DateTimeOffset.MaxValue);
            await users.UpdateSecurityStampAsync(user);
            return Result.Success();
        }, cancellationToken);

    public Task<Result> EnableAsync(Actor actor, string userId, CancellationToken cancellationToken = default) =>
        ChangeAsync(actor, userId, AuditActions.UserEnabled, async (_, users, user) =>
        {
            user.DisabledAtUtc = null;
            await users.SetLockoutEndDateAsync(user, null);
            await users.ResetAccessFailedCountAsync(user);
            return Result.Success();
        }, cancellationToken);

    /// <summary>Sets a new generated one-time password (shown once) and a new security stamp, which ends the user's sessions.</summary>
    public async Task<Result<string>> ResetPasswordAsync(Actor actor, string userId, CancellationToken cancellationToken = default)
    {
        var password = NewPassword();
        var reset = await ChangeAsync(actor, userId, AuditActions.UserPasswordReset, async (_, users, user) =>
        {
            var removed = await users.RemovePasswordAsync(user);
            var added = removed.Succeeded ? await users.AddPasswordAsync(user, password) : removed;
            if (!added.Succeeded)
            {
                return AccountRules.Describe(added);
            }

            user.MustChangePassword = true;
            await users.UpdateSecurityStampAsync(user);
            return Result.Success();
        }, cancellationToken);
        return reset.IsSuccess ? password : Result<string>.From(reset);
    }

    /// <summary>A signed-in user replaces their password (the one-time one, or any); a new security stamp ends their other sessions.</summary>
    public async Task<Result> ChangeOwnPasswordAsync(Actor actor, string currentPassword, string newPassword, CancellationToken cancellationToken = default)
    {
        var what = new AuditEvent(AuditActions.PasswordChanged);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LifecycleDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<LifecycleUser>>();
        var user = await users.FindByIdAsync(actor.UserId);
        if (user is null || user.IsDisabled)
        {
            return await audit.RecordFailureAsync(actor, what, Result.Forbidden("This account is disabled."));
        }

        // Wrong current passwords count like failed sign-ins (issue 7): a stolen session cannot guess its way to the account.
        if (throttle.IsLockedOut(user.Email ?? user.Id, actor.ClientIp))
        {
            return await audit.RecordFailureAsync(actor, what, Result.Invalid(PasswordCheck.LockedOutMessage, "currentPassword"));
        }

        if (newPassword == currentPassword)
        {
            return await audit.RecordFailureAsync(actor, what, Result.Invalid("Choose a password other than the current one.", "newPassword"));
        }

        Result changed;
        await using (var transaction = await audit.BeginAsync(db, cancellationToken))
        {
            var outcome = await users.ChangePasswordAsync(user, currentPassword, newPassword);
            changed = outcome.Succeeded
                ? Result.Success()
                : outcome.Errors.Any(e => e.Code == "PasswordMismatch")
                    ? Result.Invalid("The current password is wrong.", "currentPassword")
                    : Result.Invalid(string.Join(" ", outcome.Errors.Select(e => e.Description)), "newPassword");
            if (changed.Field == "currentPassword")
            {
                throttle.RecordFailure(user.Email ?? user.Id, actor.ClientIp);
            }

            if (changed.IsSuccess)
            {
                throttle.Reset(user.Email ?? user.Id, actor.ClientIp);
                user.MustChangePassword = false;
                await users.UpdateAsync(user);
                await transaction.CommitAsync(actor, what, cancellationToken);
                return changed;
            }
        }

        return await audit.RecordFailureAsync(actor, what, changed);
    }

    private static Result UserGone => Result.NotFound("This user no longer exists.");

    private static string NewPassword() => RandomNumberGenerator.GetString(PasswordAlphabet, 16);

    private async Task<Result> ChangeAsync(Actor actor, string userId, string action, Func<LifecycleDbContext, UserManager<LifecycleUser>, LifecycleUser, Task<Result>> change, CancellationToken cancellationToken)
    {
        var what = new AuditEvent(action, Details: $"User {userId}.");
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LifecycleDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<LifecycleUser>>();
        if (await audit.AuthorizeAsync(db, actor, Permission.ManageUsers, what, cancellationToken) is { } refusal)
        {
            return refusal;
        }

        var user = await users.FindByIdAsync(userId);
        if (user is null)
        {
            return await audit.RecordFailureAsync(actor, what, UserGone);
        }

        what = what with { Details = $"{user.DisplayName} <{user.Email}>." };
        Result changed;
        await using (var transaction = await audit.BeginAsync(db, cancellationToken))
        {
            changed = await change(db, users, user);
            if (changed.IsSuccess)
            {
                await transaction.CommitAsync(actor, what, cancellationToken);
                return changed;
            }
        }

        return await audit.RecordFailureAsync(actor, what, changed);
    }
}
