using Lifecycle.Data.Audit;
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
    /// <summary>What the user may do now: their groups' rights, or none while the account is disabled.</summary>
    /// <remarks>
    /// One query, read afresh by every use case inside its own operation (decision 034: no cache, so a right removed or an
    /// account disabled takes effect at the very next call): each of the user's groups with each of its grants, none
    /// while the account is disabled.
    /// </remarks>
    public static async Task<UserRights> LoadAsync(LifecycleDbContext db, string userId, CancellationToken cancellationToken = default)
    {
        // A disabled account has no rights: its open sessions are refused at their next action.
        var rows = await (
            from member in db.GroupMembers.AsNoTracking()
            where member.UserId == userId && db.Users.Any(u => u.Id == userId && u.DisabledAtUtc == null)
            from grant in db.GroupPermissions.Where(p => p.GroupId == member.GroupId).DefaultIfEmpty()
            select new { member.Group!.GrantsEverything, Permission = grant == null ? (Permission?)null : grant.Permission, AppId = grant == null ? null : grant.AppId })
            .ToListAsync(cancellationToken);
        return rows.Count == 0
            ? UserRights.None
            : new UserRights(rows.Any(r => r.GrantsEverything), [.. rows.Where(r => r.Permission is not null).Select(r => (r.Permission!.Value, r.AppId)).Distinct()]);
    }

    /// <summary>The rights the user's groups grant, disabled or not: what someone changing the account takes on (SPEC A7).</summary>
    public static async Task<UserRights> GrantedAsync(LifecycleDbContext db, string userId, CancellationToken cancellationToken = default) =>
        (await GrantedAsync(db, [userId], cancellationToken))[userId];

    /// <summary>The rights each user's groups grant, for lists that show what the actor may do with each user.</summary>
    public static async Task<IReadOnlyDictionary<string, UserRights>> GrantedAsync(LifecycleDbContext db, IReadOnlyCollection<string> userIds, CancellationToken cancellationToken = default)
    {
        var memberships = await db.GroupMembers.AsNoTracking().Where(m => userIds.Contains(m.UserId))
            .Select(m => new { m.UserId, m.GroupId }).ToListAsync(cancellationToken);
        var groupIds = memberships.Select(m => m.GroupId).Distinct().ToList();
        var groups = await db.Groups.AsNoTracking().Include(g => g.Permissions).Where(g => groupIds.Contains(g.Id)).ToDictionaryAsync(g => g.Id, cancellationToken);
        return userIds.Distinct().ToDictionary(id => id, id => UserRights.Of(memberships.Where(m => m.UserId == id).Select(m => groups[m.GroupId])));
    }

    /// <summary>Admins with its members and which of them are enabled: what the rule "Admins keeps an active member" needs (SPEC A1).</summary>
    public static async Task<(Group Admins, IReadOnlySet<string> ActiveUserIds)> AdminsAsync(LifecycleDbContext db, CancellationToken cancellationToken = default)
    {
        var admins = await db.Groups.Include(g => g.Members).SingleAsync(g => g.Id == Group.AdminsId, cancellationToken);
        return (admins, await ActiveAmongAsync(db, admins, cancellationToken));
    }

    /// <summary>The members of <paramref name="group"/> (members loaded) whose accounts are enabled.</summary>
    public static async Task<IReadOnlySet<string>> ActiveAmongAsync(LifecycleDbContext db, Group group, CancellationToken cancellationToken = default)
    {
        var memberIds = group.Members.Select(m => m.UserId).ToList();
        return (await db.Users.AsNoTracking().Where(u => memberIds.Contains(u.Id) && u.DisabledAtUtc == null).Select(u => u.Id).ToListAsync(cancellationToken)).ToHashSet();
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

    /// <summary>SPEC A6: the refusal of the editor, the version list, the release history and a version's queries.</summary>
    public const string VersionsRefusal = "Only people who build, promote or release this app may open its versions. You may use its released version.";

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

/// <summary>The signed-in user's own rights, for pages and menus that show only what the user may do (a courtesy: the use cases check again).</summary>
public sealed class AccessService(UseCaseRunner runner)
{
    public async Task<UserRights> RightsOfAsync(Actor actor, CancellationToken cancellationToken = default) =>
        (await runner.ReadAsync<UserRights>(actor, UseCase.ForSignedInUser(AuditActions.RightsViewed), context => Task.FromResult<Result<UserRights>>(context.Rights), cancellationToken)).Value
        ?? UserRights.None;
}
