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
        // A disabled account has no rights: its open sessions are refused at their next action.
        if (!await db.Users.AnyAsync(u => u.Id == userId && u.DisabledAtUtc == null, cancellationToken))
        {
            return UserRights.None;
        }

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

    /// <summary>The user's effective rights and, for each, the groups that grant it (the union of their groups, SPEC A2).</summary>
    public static async Task<EffectiveRights> ExplainAsync(LifecycleDbContext db, string userId, CancellationToken cancellationToken = default)
    {
        var disabled = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.DisabledAtUtc != null).FirstOrDefaultAsync(cancellationToken);
        var groups = await db.GroupMembers.AsNoTracking().Where(m => m.UserId == userId)
            .Select(m => new { m.Group!.Id, m.Group.Name, m.Group.GrantsEverything }).ToListAsync(cancellationToken);
        var groupIds = groups.Select(g => g.Id).ToList();
        var grants = await (
            from p in db.GroupPermissions.AsNoTracking().Where(p => groupIds.Contains(p.GroupId))
            join app in db.Apps on p.AppId equals app.Id into apps
            from app in apps.DefaultIfEmpty()
            select new { p.Permission, p.AppId, AppName = app == null ? null : app.Name, p.GroupId }).ToListAsync(cancellationToken);
        var names = groups.ToDictionary(g => g.Id, g => g.Name);
        var reasons = grants
            .GroupBy(g => (g.Permission, g.AppId, g.AppName))
            .OrderBy(g => g.Key.AppId.HasValue).ThenBy(g => g.Key.AppName).ThenBy(g => g.Key.Permission)
            .Select(g => new RightReason(g.Key.Permission, g.Key.AppId, g.Key.AppName, [.. g.Select(x => names[x.GroupId]).Distinct().Order()]))
            .ToList();
        return new EffectiveRights(disabled, [.. groups.Where(g => g.GrantsEverything).Select(g => g.Name)], reasons);
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
        Permission.ViewAuditLog => "You may not view the audit log.",
        Permission.ManageGitSync => "You may not manage GitSync.",
        _ => "You may not do this.",
    };
}

/// <summary>One effective right and the groups that grant it. <see cref="AppId"/> null: every app, or a workspace-wide right.</summary>
public sealed record RightReason(Permission Permission, int? AppId, string? AppName, IReadOnlyList<string> GrantedBy);

/// <summary>A user's rights explained: everything when a group grants everything (Admins), else the listed rights.</summary>
public sealed record EffectiveRights(bool IsDisabled, IReadOnlyList<string> EverythingFrom, IReadOnlyList<RightReason> Rights);

/// <summary>Rights for pages and menus, which hide what the user may not do (a courtesy: the use cases check again).</summary>
public sealed class AccessService(IDbContextFactory<LifecycleDbContext> dbFactory)
{
    public async Task<UserRights> RightsOfAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await AccessRules.LoadAsync(db, actor.UserId, cancellationToken);
    }
}
