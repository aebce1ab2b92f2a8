using Lifecycle.Data.Common;
using Lifecycle.Data.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Lifecycle.Data.Access;

/// <summary>
/// The one place that answers "what may this user do now" (SPEC A2, A3). Every use case calls it inside its own
/// operation, so a change to a user's groups applies to their very next action.
/// </summary>
public static class AccessRules
{
    public static async Task<UserRights> LoadAsync(LifecycleDbContext db, string userId, CancellationToken cancellationToken = default)
    {
        var groupIds = await db.GroupMembers.AsNoTracking()
            .Where(m => m.UserId == userId)
            .Select(m => m.GroupId)
            .ToListAsync(cancellationToken);
        if (groupIds.Count == 0)
        {
            return UserRights.None;
        }

        var isAdmin = await db.Groups.AsNoTracking().AnyAsync(g => groupIds.Contains(g.Id) && g.GrantsEverything, cancellationToken);
        var grants = await db.GroupPermissions.AsNoTracking()
            .Where(p => groupIds.Contains(p.GroupId))
            .Select(p => new { p.Permission, p.AppId })
            .ToListAsync(cancellationToken);
        return new UserRights(isAdmin, [.. grants.Select(g => (g.Permission, g.AppId))]);
    }

    /// <summary>Null when the user holds the permission now, else the Forbidden result to return.</summary>
    public static async Task<Result?> RefuseUnlessAsync(LifecycleDbContext db, Actor actor, Permission permission, int? appId = null, CancellationToken cancellationToken = default)
    {
        var rights = await LoadAsync(db, actor.UserId, cancellationToken);
        return rights.Has(permission, appId) ? null : Result.Forbidden(Refusal(permission));
    }

    public static string Refusal(Permission permission) => permission switch
    {
        Permission.CreateApps => "You may not create apps.",
        Permission.ViewApp => "You may not open this app.",
        Permission.EditApp => "You may not edit this app.",
        Permission.ReleaseApp => "You may not release this app.",
        Permission.PromoteToStaging => "You may not promote versions of this app to staging.",
        Permission.PromoteToProduction => "You may not promote versions of this app to production.",
        Permission.ManageUsers => "You may not manage users.",
        Permission.ManageGroups => "You may not manage groups.",
        Permission.ManageConstants => "You may not manage constants.",
        Permission.ManageDataSources => "You may not manage data sources.",
        _ => "You may not do this.",
    };
}

/// <summary>Rights for pages and menus, which hide what the user may not do (a courtesy: the use cases check again).</summary>
public sealed class AccessService(IDbContextFactory<LifecycleDbContext> dbFactory)
{
    public async Task<UserRights> RightsOfAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await AccessRules.LoadAsync(db, actor.UserId, cancellationToken);
    }
}
