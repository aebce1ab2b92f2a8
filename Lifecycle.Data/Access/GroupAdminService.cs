using Lifecycle.Data.Audit;
using Lifecycle.Data.Common;
using Lifecycle.Data.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Lifecycle.Data.Access;

/// <summary>A group in the list; <see cref="MayDelete"/> is the group's own answer (built-in groups stay).</summary>
public sealed record GroupRow(int Id, string Name, bool IsBuiltIn, bool GrantsEverything, int MemberCount, bool MayDelete);

/// <summary>A member (or a candidate); <see cref="MayChange"/>: whether the viewer may change this user's groups (SPEC A7).</summary>
public sealed record GroupMemberRow(string UserId, string Name, string Email, bool IsDisabled, bool MayChange);

public sealed record GroupGrant(Permission Permission, int? AppId);

/// <summary>An app as a row of a group's permissions: every app is listed, whatever apps the viewer may open.</summary>
public sealed record GroupApp(int Id, string Name);

/// <summary>
/// A group as its page shows it, with what may be done: <see cref="MayRename"/> and <see cref="MayChangePermissions"/>
/// are the group's own answers (built-in groups keep their names, Admins its permissions), <see cref="MayAddMembers"/>
/// whether the viewer holds everything it grants (SPEC A7).
/// </summary>
public sealed record GroupDetail(
    int Id, string Name, bool IsBuiltIn, bool GrantsEverything, IReadOnlyList<GroupMemberRow> Members, IReadOnlyList<GroupGrant> Grants, IReadOnlyList<GroupApp> Apps,
    bool MayRename, bool MayChangePermissions, bool MayAddMembers);

/// <summary>
/// Admin use cases on groups, their members and permissions (SPEC A1, A2, A7), for holders of "manage groups", run
/// through <see cref="UseCaseRunner"/>. Nobody hands out a right they do not hold (<see cref="UserRights.MayGrant"/>,
/// <see cref="UserRights.MayAddTo"/>) or changes the groups of someone whose rights they do not hold (<see cref="UserRights.MayActOn"/>).
/// </summary>
public sealed class GroupAdminService(UseCaseRunner runner)
{
    public Task<Result<IReadOnlyList<GroupRow>>> ListAsync(Actor actor, CancellationToken cancellationToken = default) =>
        runner.ReadAsync<IReadOnlyList<GroupRow>>(actor, Reading(), async context =>
        {
            var groups = await context.Db.Groups.AsNoTracking().OrderByDescending(g => g.IsBuiltIn).ThenBy(g => g.Name)
                .Select(g => new { Group = g, MemberCount = g.Members.Count }).ToListAsync(cancellationToken);
            return groups.Select(g => new GroupRow(g.Group.Id, g.Group.Name, g.Group.IsBuiltIn, g.Group.GrantsEverything, g.MemberCount, g.Group.CanDelete().IsSuccess)).ToList();
        }, cancellationToken);

    public Task<Result<GroupDetail>> GetAsync(Actor actor, int groupId, CancellationToken cancellationToken = default) =>
        runner.ReadAsync<GroupDetail>(actor, Reading(), async context =>
        {
            context.Entry = context.Entry with { Details = $"Group {groupId}." };
            var group = await context.Db.Groups.AsNoTracking().Include(g => g.Permissions).FirstOrDefaultAsync(g => g.Id == groupId, cancellationToken);
            if (group is null)
            {
                return Result<GroupDetail>.From(GroupGone);
            }

            var members = await RowsAsync(context, context.Db.Users.Where(u => context.Db.GroupMembers.Any(m => m.GroupId == groupId && m.UserId == u.Id)), cancellationToken);
            var grants = group.Permissions.Select(p => new GroupGrant(p.Permission, p.AppId)).ToList();
            var apps = await context.Db.Apps.AsNoTracking().OrderBy(a => a.Name).Select(a => new GroupApp(a.Id, a.Name)).ToListAsync(cancellationToken);
            return new GroupDetail(group.Id, group.Name, group.IsBuiltIn, group.GrantsEverything, members, grants, apps,
                group.CanRename().IsSuccess, group.CanChangePermissions().IsSuccess, context.Rights.MayAddTo(group).IsSuccess);
        }, cancellationToken);

    /// <summary>The users the viewer may add to the group (SPEC A7): none unless they hold what it grants, and only users whose rights they hold.</summary>
    public Task<Result<IReadOnlyList<GroupMemberRow>>> CandidatesAsync(Actor actor, int groupId, CancellationToken cancellationToken = default) =>
        runner.ReadAsync<IReadOnlyList<GroupMemberRow>>(actor, Reading(), async context =>
        {
            context.Entry = context.Entry with { Details = $"Group {groupId}." };
            var group = await context.Db.Groups.AsNoTracking().Include(g => g.Permissions).FirstOrDefaultAsync(g => g.Id == groupId, cancellationToken);
            if (group is null || !context.Rights.MayAddTo(group).IsSuccess)
            {
                return Array.Empty<GroupMemberRow>();
            }

            var outside = context.Db.Users.Where(u => !context.Db.GroupMembers.Any(m => m.GroupId == groupId && m.UserId == u.Id));
            return (await RowsAsync(context, outside, cancellationToken)).Where(u => u.MayChange).ToList();
        }, cancellationToken);

    public Task<Result<int>> CreateAsync(Actor actor, string name, CancellationToken cancellationToken = default) =>
        runner.ChangeAsync<int>(actor, UseCase.OnWorkspace(AuditActions.GroupCreated, Permission.ManageGroups), async context =>
        {
            context.Entry = context.Entry with { Details = name };
            var error = Group.ValidateName(name);
            if (error is not null || await NameTakenAsync(context.Db, name, null, cancellationToken))
            {
                return Result<int>.From(Result.Invalid(error ?? NameTaken(name), "name"));
            }

            var group = new Group(name.Trim());
            context.Db.Groups.Add(group);
            if (!await TrySaveNameAsync(context.Db, cancellationToken))
            {
                return Result<int>.From(Result.Invalid(NameTaken(name), "name"));
            }

            context.Entry = context.Entry with { Details = $"{group.Name} (id {group.Id})." };
            return group.Id;
        }, cancellationToken);

    public Task<Result> RenameAsync(Actor actor, int groupId, string name, CancellationToken cancellationToken = default) =>
        ChangeGroupAsync(actor, groupId, AuditActions.GroupRenamed, $"Renamed to {name.Trim()}.", async (context, group) =>
        {
            // The name's own rules first: a name the rules refuse is never sent to the database (PostgreSQL refuses a NUL in text).
            var renamed = group.Rename(name);
            if (!renamed.IsSuccess)
            {
                return renamed;
            }

            return !await NameTakenAsync(context.Db, name, groupId, cancellationToken) && await TrySaveNameAsync(context.Db, cancellationToken)
                ? renamed
                : Result.Invalid(NameTaken(name), "name");
        }, cancellationToken);

    public Task<Result> DeleteAsync(Actor actor, int groupId, CancellationToken cancellationToken = default) =>
        ChangeGroupAsync(actor, groupId, AuditActions.GroupDeleted, "Deleted.", (context, group) =>
        {
            var allowed = group.CanDelete();
            if (allowed.IsSuccess)
            {
                context.Db.Groups.Remove(group);
            }

            return Task.FromResult(allowed);
        }, cancellationToken);

    /// <summary>SPEC A7: only someone who holds what the group grants adds to it, and only users whose rights they hold; only Admins make admins.</summary>
    public Task<Result> AddMemberAsync(Actor actor, int groupId, string userId, CancellationToken cancellationToken = default) =>
        ChangeMembershipAsync(actor, groupId, userId, AuditActions.GroupMemberAdded, async (context, group) =>
        {
            var handedOut = context.Rights.MayAddTo(group);
            return handedOut.IsSuccess ? group.AddMember(userId) : handedOut;
        }, cancellationToken);

    /// <summary>SPEC A3: applies to the removed user's very next action, even in an open tab. SPEC A1: Admins keeps an active member.</summary>
    public Task<Result> RemoveMemberAsync(Actor actor, int groupId, string userId, CancellationToken cancellationToken = default) =>
        ChangeMembershipAsync(actor, groupId, userId, AuditActions.GroupMemberRemoved, async (context, group) =>
            group.RemoveMember(userId, await AccessRules.ActiveAmongAsync(context.Db, group, cancellationToken)), cancellationToken);

    /// <summary>
    /// SPEC A2: one switch of the permissions page; <paramref name="appId"/> null is "all apps" (or a workspace-wide
    /// permission). SPEC A7: a right is granted only by someone who holds it; withdrawing raises nobody's rights.
    /// </summary>
    public Task<Result> SetPermissionAsync(Actor actor, int groupId, Permission permission, int? appId, bool granted, CancellationToken cancellationToken = default)
    {
        var action = granted ? AuditActions.GroupPermissionGranted : AuditActions.GroupPermissionRevoked;
        var details = $"{PermissionScopes.Label(permission)} on {(appId is null ? "all apps" : $"app {appId}")}.";
        return ChangeGroupAsync(actor, groupId, action, details, async (context, group) =>
        {
            context.Entry = context.Entry with { AppId = appId };
            if (appId is { } id && !await context.Db.Apps.AnyAsync(a => a.Id == id, cancellationToken))
            {
                return Result.Invalid("Choose an app.", "app");
            }

            var allowed = granted ? context.Rights.MayGrant(permission, appId) : Result.Success();
            return allowed.IsSuccess ? group.SetPermission(permission, appId, granted) : allowed;
        }, cancellationToken);
    }

    /// <summary>What a user may do and which group grants each right (for the permissions and user pages).</summary>
    public Task<Result<EffectiveRights>> EffectiveRightsAsync(Actor actor, string userId, CancellationToken cancellationToken = default) =>
        runner.ReadAsync(actor, UseCase.OnWorkspace(AuditActions.GroupsViewed, Permission.ManageGroups, Permission.ManageUsers), async context =>
        {
            context.Entry = context.Entry with { Details = $"Rights of user {userId}." };
            return (Result<EffectiveRights>)await AccessRules.ExplainAsync(context.Db, userId, cancellationToken);
        }, cancellationToken);

    private static UseCase Reading() => UseCase.OnWorkspace(AuditActions.GroupsViewed, Permission.ManageGroups);

    /// <summary>Users as rows, by name, each saying whether the viewer may change their groups (SPEC A7).</summary>
    private static async Task<IReadOnlyList<GroupMemberRow>> RowsAsync(UseCaseContext context, IQueryable<LifecycleUser> users, CancellationToken cancellationToken)
    {
        var found = await users.AsNoTracking().OrderBy(u => u.DisplayName)
            .Select(u => new { u.Id, u.DisplayName, u.Email, Disabled = u.DisabledAtUtc != null }).ToListAsync(cancellationToken);
        var rights = await AccessRules.GrantedAsync(context.Db, [.. found.Select(u => u.Id)], cancellationToken);
        return found.Select(u => new GroupMemberRow(u.Id, u.DisplayName, u.Email ?? "", u.Disabled, context.Rights.MayActOn(rights[u.Id]).IsSuccess)).ToList();
    }

    private static Result GroupGone => Result.NotFound("This group no longer exists.");

    private static string NameTaken(string name) => $"A group named {name.Trim()} already exists.";

    private static Task<bool> NameTakenAsync(LifecycleDbContext db, string name, int? exceptId, CancellationToken cancellationToken)
    {
        var trimmed = name.Trim().ToLower();
        return db.Groups.AnyAsync(g => g.Name.ToLower() == trimmed && g.Id != exceptId, cancellationToken);
    }

    /// <summary>Saves a new or renamed group; false when the unique name index refused it (a racing create or rename).</summary>
    private static async Task<bool> TrySaveNameAsync(LifecycleDbContext db, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException exception) when (exception is not DbUpdateConcurrencyException)
        {
            return false;
        }
    }

    /// <summary>
    /// A change of a member's groups: the user must exist and the viewer must hold every right the user holds (SPEC A7:
    /// only Admins change an admin's groups). The audit entry names the group and the member.
    /// </summary>
    private Task<Result> ChangeMembershipAsync(Actor actor, int groupId, string userId, string action, Func<UseCaseContext, Group, Task<Result>> change, CancellationToken cancellationToken) =>
        ChangeGroupAsync(actor, groupId, action, $"User {userId}.", async (context, group) =>
        {
            var user = await context.Db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => new { u.DisplayName, u.Email }).FirstOrDefaultAsync(cancellationToken);
            if (user is null)
            {
                return Result.Invalid("Choose a user.", "user");
            }

            context.Entry = context.Entry with { Details = $"{group.Name}: {user.DisplayName} <{user.Email}>." };
            var mayChange = context.Rights.MayActOn(await AccessRules.GrantedAsync(context.Db, userId, cancellationToken));
            return mayChange.IsSuccess ? await change(context, group) : mayChange;
        }, cancellationToken);

    /// <summary>Loads the group with its members and permissions and applies the change, which the runner commits with its audit entry.</summary>
    private Task<Result> ChangeGroupAsync(Actor actor, int groupId, string action, string details, Func<UseCaseContext, Group, Task<Result>> change, CancellationToken cancellationToken) =>
        runner.ChangeAsync(actor, UseCase.OnWorkspace(action, Permission.ManageGroups), async context =>
        {
            context.Entry = context.Entry with { Details = $"Group {groupId}: {details}" };
            var group = await context.Db.Groups.Include(g => g.Members).Include(g => g.Permissions).AsSplitQuery().FirstOrDefaultAsync(g => g.Id == groupId, cancellationToken);
            if (group is null)
            {
                return GroupGone;
            }

            context.Entry = context.Entry with { Details = $"{group.Name}: {details}" }; // the name before a rename
            return await change(context, group);
        }, cancellationToken);
}
