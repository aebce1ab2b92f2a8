using System.Security.Cryptography;
using Lifecycle.Data.Audit;
using Lifecycle.Data.Common;
using Lifecycle.Data.SignIn;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Lifecycle.Data.Access;

public sealed record GroupSummary(int Id, string Name, bool IsBuiltIn);

/// <summary>A group a new user can be put in; <see cref="MayAdd"/>: whether the viewer holds everything it grants (SPEC A7).</summary>
public sealed record GroupChoice(int Id, string Name, bool IsBuiltIn, bool MayAdd);

/// <summary>A user in the list; <see cref="MayChange"/>: whether the viewer may reset, disable or enable this account (SPEC A7).</summary>
public sealed record UserRow(string UserId, string Name, string Email, bool IsDisabled, IReadOnlyList<string> Groups, bool MayChange);

public sealed record UserPage(IReadOnlyList<UserRow> Rows, int Total, int Page, int PageSize);

public sealed record UserDetail(string UserId, string Name, string Email, bool IsDisabled, IReadOnlyList<GroupSummary> Groups, EffectiveRights Rights);

/// <summary>A new account and its initial password, shown to the admin once and never stored in clear.</summary>
public sealed record CreatedUser(string UserId, string Password);

/// <summary>
/// Admin use cases on users, for holders of "manage users", run through <see cref="UseCaseRunner"/> (SPEC A3, A4).
/// Identity's UserManager works on the runner's context, so the account and its audit entry commit together. SPEC A7:
/// a new user goes only into groups whose rights the creator holds, and an account is changed only by someone who holds
/// every right it has (only Admins change an admin's account).
/// </summary>
public sealed class UserAdminService(UseCaseRunner runner, SignInThrottle throttle)
{
    public const int MaxPageSize = 100;
    private const string PasswordAlphabet = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    /// <summary>The groups of the new-user form, each saying whether the viewer may put someone in it (no Admins for non-admins).</summary>
    public Task<Result<IReadOnlyList<GroupChoice>>> GroupChoicesAsync(Actor actor, CancellationToken cancellationToken = default) =>
        runner.ReadAsync<IReadOnlyList<GroupChoice>>(actor, Reading(), async context =>
        {
            var groups = await context.Db.Groups.AsNoTracking().Include(g => g.Permissions).OrderBy(g => g.Id).ToListAsync(cancellationToken);
            return groups.Select(g => new GroupChoice(g.Id, g.Name, g.IsBuiltIn, context.Rights.MayAddTo(g).IsSuccess)).ToList();
        }, cancellationToken);

    /// <summary>Users whose name or email contains <paramref name="search"/>, by name, one page at a time.</summary>
    public Task<Result<UserPage>> ListAsync(Actor actor, string? search, int page, int pageSize, CancellationToken cancellationToken = default) =>
        runner.ReadAsync<UserPage>(actor, Reading(), async context =>
        {
            pageSize = Math.Clamp(pageSize, 1, MaxPageSize);
            page = Math.Max(page, 1);
            var query = context.Db.Users.AsNoTracking();
            if (!string.IsNullOrWhiteSpace(search))
            {
                var term = search.Trim().ToLower();
                query = query.Where(u => u.DisplayName.ToLower().Contains(term) || (u.Email != null && u.Email.ToLower().Contains(term)));
            }

            var total = await query.CountAsync(cancellationToken);
            var users = await query.OrderBy(u => u.DisplayName).ThenBy(u => u.Email).Skip((page - 1) * pageSize).Take(pageSize)
                .Select(u => new { u.Id, u.DisplayName, u.Email, u.DisabledAtUtc }).ToListAsync(cancellationToken);
            var ids = users.Select(u => u.Id).ToList();
            var memberships = await context.Db.GroupMembers.AsNoTracking().Where(m => ids.Contains(m.UserId))
                .Select(m => new { m.UserId, m.Group!.Name }).ToListAsync(cancellationToken);
            var rights = await AccessRules.GrantedAsync(context.Db, ids, cancellationToken);
            var rows = users.Select(u => new UserRow(u.Id, u.DisplayName, u.Email ?? "", u.DisabledAtUtc is not null,
                [.. memberships.Where(m => m.UserId == u.Id).Select(m => m.Name).Order()], context.Rights.MayActOn(rights[u.Id]).IsSuccess)).ToList();
            return new UserPage(rows, total, page, pageSize);
        }, cancellationToken);

    public Task<Result<UserDetail>> GetAsync(Actor actor, string userId, CancellationToken cancellationToken = default) =>
        runner.ReadAsync<UserDetail>(actor, Reading(), async context =>
        {
            context.Entry = context.Entry with { Details = $"User {userId}." };
            var user = await context.Db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == userId, cancellationToken);
            if (user is null)
            {
                return Result<UserDetail>.From(UserGone);
            }

            var groups = await context.Db.GroupMembers.AsNoTracking().Where(m => m.UserId == userId).OrderBy(m => m.GroupId)
                .Select(m => new GroupSummary(m.GroupId, m.Group!.Name, m.Group.IsBuiltIn)).ToListAsync(cancellationToken);
            return new UserDetail(user.Id, user.DisplayName, user.Email ?? "", user.IsDisabled, groups, await AccessRules.ExplainAsync(context.Db, userId, cancellationToken));
        }, cancellationToken);

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

    private Task<Result<string>> CreateUserAsync(Actor actor, string email, string displayName, string password, IReadOnlyCollection<int> groupIds, bool oneTime, CancellationToken cancellationToken) =>
        runner.ChangeAsync<string>(actor, UseCase.OnWorkspace(AuditActions.UserCreated, Permission.ManageUsers), async context =>
        {
            context.Entry = context.Entry with { Details = $"{displayName} <{email}>." };
            var ids = groupIds.Distinct().ToList();
            var groups = await context.Db.Groups.AsNoTracking().Include(g => g.Permissions).Where(g => ids.Contains(g.Id)).ToListAsync(cancellationToken);
            if (ids.Count == 0 || groups.Count != ids.Count)
            {
                return Result<string>.From(Result.Invalid("Choose at least one group.", "group"));
            }

            // SPEC A7: the new user gets only rights the creator holds; only Admins create admins.
            if (groups.Select(g => context.Rights.MayAddTo(g)).FirstOrDefault(r => !r.IsSuccess) is { } refused)
            {
                return Result<string>.From(refused);
            }

            var users = context.Services.GetRequiredService<UserManager<LifecycleUser>>();
            if (await AccountRules.ValidateAsync(users, email, displayName, password) is { } invalid)
            {
                return Result<string>.From(invalid);
            }

            var user = AccountRules.NewUser(email, displayName);
            user.MustChangePassword = oneTime;
            var created = await users.CreateAsync(user, password);
            if (!created.Succeeded)
            {
                return Result<string>.From(AccountRules.Describe(created));
            }

            foreach (var groupId in ids)
            {
                context.Db.GroupMembers.Add(new GroupMember(groupId, user.Id));
            }

            context.Entry = context.Entry with { Details = $"{user.DisplayName} <{user.Email}> in {string.Join(", ", groups.Select(g => g.Name).Order())}." };
            return user.Id;
        }, cancellationToken);

    /// <summary>A disabled user has no rights from their next action on, cannot sign in, and their sessions end (new security stamp).</summary>
    public Task<Result> DisableAsync(Actor actor, string userId, CancellationToken cancellationToken = default) =>
        ChangeAccountAsync(actor, userId, AuditActions.UserDisabled, async (context, users, user) =>
        {
            var (admins, active) = await AccessRules.AdminsAsync(context.Db, cancellationToken);
            var disabled = user.Disable(context.User.UserId, context.NowUtc, admins, active);
            if (!disabled.IsSuccess)
            {
                return disabled;
            }

            await users.SetLockoutEnabledAsync(user, true);
            await users.SetLockoutEndDateAsync(user, DateTimeOffset.MaxValue);
            await users.UpdateSecurityStampAsync(user);
            return Result.Success();
        }, cancellationToken);

    public Task<Result> EnableAsync(Actor actor, string userId, CancellationToken cancellationToken = default) =>
        ChangeAccountAsync(actor, userId, AuditActions.UserEnabled, async (_, users, user) =>
        {
            user.Enable();
            await users.SetLockoutEndDateAsync(user, null);
            await users.ResetAccessFailedCountAsync(user);
            return Result.Success();
        }, cancellationToken);

    /// <summary>Sets a new generated one-time password (shown once) and a new security stamp, which ends the user's sessions.</summary>
    public async Task<Result<string>> ResetPasswordAsync(Actor actor, string userId, CancellationToken cancellationToken = default)
    {
        var password = NewPassword();
        var reset = await ChangeAccountAsync(actor, userId, AuditActions.UserPasswordReset, async (_, users, user) =>
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
    public Task<Result> ChangeOwnPasswordAsync(Actor actor, string currentPassword, string newPassword, CancellationToken cancellationToken = default) =>
        runner.ChangeAsync(actor, UseCase.ForSignedInUser(AuditActions.PasswordChanged), async context =>
        {
            var users = context.Services.GetRequiredService<UserManager<LifecycleUser>>();
            var user = await users.FindByIdAsync(context.User.UserId);
            if (user is null || user.IsDisabled)
            {
                return Result.Forbidden("This account is disabled.");
            }

            // Wrong current passwords count like failed sign-ins (issue 7): a stolen session cannot guess its way to the account.
            var throttleKey = user.Email ?? user.Id;
            if (throttle.IsLockedOut(throttleKey, context.User.ClientIp))
            {
                return Result.Invalid(PasswordCheck.LockedOutMessage, "currentPassword");
            }

            if (newPassword == currentPassword)
            {
                return Result.Invalid("Choose a password other than the current one.", "newPassword");
            }

            var outcome = await users.ChangePasswordAsync(user, currentPassword, newPassword);
            if (!outcome.Succeeded)
            {
                if (outcome.Errors.Any(e => e.Code == "PasswordMismatch"))
                {
                    throttle.RecordFailure(throttleKey, context.User.ClientIp);
                    return Result.Invalid("The current password is wrong.", "currentPassword");
                }

                return Result.Invalid(string.Join(" ", outcome.Errors.Select(e => e.Description)), "newPassword");
            }

            throttle.Reset(throttleKey, context.User.ClientIp);
            user.MustChangePassword = false;
            await users.UpdateAsync(user);
            return Result.Success();
        }, cancellationToken);

    private static UseCase Reading() => UseCase.OnWorkspace(AuditActions.UsersViewed, Permission.ManageUsers);

    private static Result UserGone => Result.NotFound("This user no longer exists.");

    private static string NewPassword() => RandomNumberGenerator.GetString(PasswordAlphabet, 16);

    /// <summary>
    /// A change of one account: it must exist, and the viewer must hold every right it holds (SPEC A7), since resetting a
    /// password hands its holder the account and enabling it gives its rights back. The entry names the account.
    /// </summary>
    private Task<Result> ChangeAccountAsync(Actor actor, string userId, string action, Func<UseCaseContext, UserManager<LifecycleUser>, LifecycleUser, Task<Result>> change, CancellationToken cancellationToken) =>
        runner.ChangeAsync(actor, UseCase.OnWorkspace(action, Permission.ManageUsers), async context =>
        {
            context.Entry = context.Entry with { Details = $"User {userId}." };
            var users = context.Services.GetRequiredService<UserManager<LifecycleUser>>();
            var user = await users.FindByIdAsync(userId);
            if (user is null)
            {
                return UserGone;
            }

            context.Entry = context.Entry with { Details = $"{user.DisplayName} <{user.Email}>." };
            var mayChange = context.Rights.MayActOn(await AccessRules.GrantedAsync(context.Db, userId, cancellationToken));
            return mayChange.IsSuccess ? await change(context, users, user) : mayChange;
        }, cancellationToken);
}
