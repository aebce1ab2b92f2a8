using Lifecycle.Data.Common;
using Lifecycle.Data.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Lifecycle.Data.Access;

public sealed record GroupSummary(int Id, string Name, bool IsBuiltIn);

/// <summary>Admin use cases on users. Minimal until the admin pages issue: list groups, add a user to one.</summary>
public sealed class UserAdminService(IDbContextFactory<LifecycleDbContext> dbFactory, IServiceScopeFactory scopes)
{
    public async Task<IReadOnlyList<GroupSummary>> GroupsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Groups.AsNoTracking().OrderBy(g => g.Id).Select(g => new GroupSummary(g.Id, g.Name, g.IsBuiltIn)).ToListAsync(cancellationToken);
    }

    public async Task<Result> CreateUserAsync(Actor actor, string email, string displayName, string password, int groupId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rights = await AccessRules.LoadAsync(db, actor.UserId, cancellationToken);
        if (!rights.Has(Permission.ManageUsers))
        {
            return Result.Forbidden(AccessRules.Refusal(Permission.ManageUsers));
        }

        if (!await db.Groups.AnyAsync(g => g.Id == groupId, cancellationToken))
        {
            return Result.Invalid("Choose a group.", "group");
        }

        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<LifecycleUser>>();
        var invalid = await AccountRules.ValidateAsync(users, email, displayName, password);
        if (invalid is not null)
        {
            return invalid;
        }

        var user = AccountRules.NewUser(email, displayName);
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            return AccountRules.Describe(created);
        }

        db.GroupMembers.Add(new GroupMember(groupId, user.Id));
        await db.SaveChangesAsync(cancellationToken);
        return Result.Success();
    }
}
