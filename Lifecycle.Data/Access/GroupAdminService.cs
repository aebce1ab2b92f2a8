using Lifecycle.Data.Audit;
using Lifecycle.Data.Common;
using Lifecycle.Data.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Lifecycle.Data.Access;

public sealed record GroupRow(int Id, string Name, bool IsBuiltIn, bool GrantsEverything, int MemberCount);

public sealed record GroupMemberRow(string UserId, string Name, string Email, bool IsDisabled);

public sealed record GroupGrant(Permission Permission, int? AppId);

public sealed record GroupDetail(int Id, string Name, bool IsBuiltIn, bool GrantsEverything, IReadOnlyList<GroupMemberRow> Members, IReadOnlyList<GroupGrant> Grants);

/// <summary>
/// Admin use cases on groups, their members and permissions (SPEC A1, A2). Each one checks "manage groups" at the time
/// of the call and writes the audit log (SPEC A4) in the change's own transaction.
/// </summary>
public sealed class GroupAdminService(IDbContextFactory<LifecycleDbContext> dbFactory, AuditWriter audit)
{
    public async Task<Result<IReadOnlyList<GroupRow>>> ListAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await audit.AuthorizeAsync(db, actor, Permission.ManageGroups, new AuditEvent(AuditActions.GroupsViewed), cancellationToken) is { } refusal)
        {
            return Result<IReadOnlyList<GroupRow>>.From(refusal);
        }

        return await db.Groups.AsNoTracking().OrderByDescending(g => g.IsBuiltIn).ThenBy(g => g.Name)
            .Select(g => new GroupRow(g.Id, g.Name, g.IsBuiltIn, g.GrantsEverything, g.Members.Count)).ToListAsync(cancellationToken);
    }

    public async Task<Result<GroupDetail>> GetAsync(Actor actor, int groupId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await audit.AuthorizeAsync(db, actor, Permission.ManageGroups, new AuditEvent(AuditActions.GroupsViewed, Details: $"Group {groupId}."), cancellationToken) is { } refusal)
        {
            return Result<GroupDetail>.From(refusal);
        }

        var group = await db.Groups.AsNoTracking().Include(g => g.Permissions).FirstOrDefaultAsync(g => g.Id == groupId, cancellationToken);
        if (group is null)
        {
            return Result<GroupDetail>.From(GroupGone);
        }

        var members = await (
            from m in db.GroupMembers.AsNoTracking().Where(m => m.GroupId == groupId)
            join u in db.Users on m.UserId equals u.Id
            orderby u.DisplayName
            select new GroupMemberRow(u.Id, u.DisplayName, u.Email ?? "", u.DisabledAtUtc != null)).ToListAsync(cancellationToken);
        var grants = group.Permissions.Select(p => new GroupGrant(p.Permission, p.AppId)).ToList();
        return new GroupDetail(group.Id, group.Name, group.IsBuiltIn, group.GrantsEverything, members, grants);
    }

    /// <summary>Users who are not members of the group yet, for its "add member" picker.</summary>
    public async Task<Result<IReadOnlyList<GroupMemberRow>>> CandidatesAsync(Actor actor, int groupId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await audit.AuthorizeAsync(db, actor, Permission.ManageGroups, new AuditEvent(AuditActions.GroupsViewed, Details: $"Group {groupId}."), cancellationToken) is { } refusal)
        {
            return Result<IReadOnlyList<GroupMemberRow>>.From(refusal);
        }

        return await db.Users.AsNoTracking().Where(u => !db.GroupMembers.Any(m => m.GroupId == groupId && m.UserId == u.Id)).OrderBy(u => u.DisplayName)
            .Select(u => new GroupMemberRow(u.Id, u.DisplayName, u.Email ?? "", u.DisabledAtUtc != null)).ToListAsync(cancellationToken);
    }

    public async Task<Result<int>> CreateAsync(Actor actor, string name, CancellationToken cancellationToken = default)
    {
        var what = new AuditEvent(AuditActions.GroupCreated, Details: name);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await audit.AuthorizeAsync(db, actor, Permission.ManageGroups, what, cancellationToken) is { } refusal)
        {
            return Result<int>.From(refusal);
        }

        var error = Group.ValidateName(name);
        if (error is not null || await NameTakenAsync(db, name, null, cancellationToken))
        {
            return await audit.RecordFailureAsync(actor, what, Result<int>.From(Result.Invalid(error ?? NameTaken(name), "name")));
        }

        var group = new Group(name.Trim());
        db.Groups.Add(group);
        await using var transaction = await audit.BeginAsync(db, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(actor, what with { Details = $"{group.Name} (id {group.Id})." }, cancellationToken);
        return group.Id;
    }

    public Task<Result> RenameAsync(Actor actor, int groupId, string name, CancellationToken cancellationToken = default) =>
        ChangeAsync(actor, groupId, new AuditEvent(AuditActions.GroupRenamed, Details: $"Renamed to {name.Trim()}."), async (db, group) =>
        {
            if (await NameTakenAsync(db, name, groupId, cancellationToken))
            {
                return Result.Invalid(NameTaken(name), "name");
            }

            return group.Rename(name);
        }, cancellationToken);

    public Task<Result> DeleteAsync(Actor actor, int groupId, CancellationToken cancellationToken = default) =>
        ChangeAsync(actor, groupId, new AuditEvent(AuditActions.GroupDeleted, Details: "Deleted."), (db, group) =>
        {
            var allowed = group.CanDelete();
            if (allowed.IsSuccess)
            {
                db.Groups.Remove(group);
            }

            return Task.FromResult(allowed);
        }, cancellationToken);

    public async Task<Result> AddMemberAsync(Actor actor, int groupId, string userId, CancellationToken cancellationToken = default) =>
        await ChangeAsync(actor, groupId, new AuditEvent(AuditActions.GroupMemberAdded, Details: await UserLabelAsync(userId, cancellationToken)), async (db, group) =>
            await db.Users.AnyAsync(u => u.Id == userId, cancellationToken)
                ? group.AddMember(userId)
                : Result.Invalid("Choose a user.", "user"), cancellationToken);

    /// <summary>SPEC A3: applies to the removed user's very next action, even in an open tab.</summary>
    public async Task<Result> RemoveMemberAsync(Actor actor, int groupId, string userId, CancellationToken cancellationToken = default) =>
        await ChangeAsync(actor, groupId, new AuditEvent(AuditActions.GroupMemberRemoved, Details: await UserLabelAsync(userId, cancellationToken)), async (db, group) =>
        {
            var others = group.Members.Select(m => m.UserId).Where(id => id != userId).ToList();
            var lastActiveAdmin = groupId == Group.AdminsId
                && !await db.Users.AnyAsync(u => others.Contains(u.Id) && u.DisabledAtUtc == null, cancellationToken);
            return lastActiveAdmin && group.Members.Any(m => m.UserId == userId)
                ? Result.Conflict("Admins must keep at least one active member.")
                : group.RemoveMember(userId);
        }, cancellationToken);

    /// <summary>SPEC A2: one switch of the permissions page; <paramref name="appId"/> null is "all apps" (or a workspace-wide permission).</summary>
    public Task<Result> SetPermissionAsync(Actor actor, int groupId, Permission permission, int? appId, bool granted, CancellationToken cancellationToken = default)
    {
        var action = granted ? AuditActions.GroupPermissionGranted : AuditActions.GroupPermissionRevoked;
        var what = new AuditEvent(action, AppId: appId, Details: $"{PermissionScopes.Label(permission)} on {(appId is null ? "all apps" : $"app {appId}")}.");
        return ChangeAsync(actor, groupId, what, async (db, group) =>
            appId is { } id && !await db.Apps.AnyAsync(a => a.Id == id, cancellationToken)
                ? Result.Invalid("Choose an app.", "app")
                : group.SetPermission(permission, appId, granted), cancellationToken);
    }

    /// <summary>What a user may do and which group grants each right (for the permissions and user pages).</summary>
    public async Task<Result<EffectiveRights>> EffectiveRightsAsync(Actor actor, string userId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rights = await AccessRules.LoadAsync(db, actor.UserId, cancellationToken);
        if (!rights.Has(Permission.ManageGroups) && !rights.Has(Permission.ManageUsers))
        {
            return await audit.RecordFailureAsync(actor, new AuditEvent(AuditActions.GroupsViewed, Details: $"Rights of user {userId}."),
                Result<EffectiveRights>.From(Result.Forbidden(AccessRules.Refusal(Permission.ManageGroups))));
        }

        return await AccessRules.ExplainAsync(db, userId, cancellationToken);
    }

    /// <summary>"Name &lt;email&gt;" for the audit log's details, or the id of a user who does not exist.</summary>
    private async Task<string> UserLabelAsync(string userId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var user = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => new { u.DisplayName, u.Email }).FirstOrDefaultAsync(cancellationToken);
        return user is null ? $"User {userId}." : $"{user.DisplayName} <{user.Email}>.";
    }

    private static Result GroupGone => Result.NotFound("This group no longer exists.");

    private static string NameTaken(string name) => $"A group named {name.Trim()} already exists.";

    private static Task<bool> NameTakenAsync(LifecycleDbContext db, string name, int? exceptId, CancellationToken cancellationToken)
    {
        var trimmed = name.Trim().ToLower();
        return db.Groups.AnyAsync(g => g.Name.ToLower() == trimmed && g.Id != exceptId, cancellationToken);
    }

    /// <summary>Loads the group with its members and permissions, checks "manage groups", applies the change and saves it with its audit entry.</summary>
    private async Task<Result> ChangeAsync(Actor actor, int groupId, AuditEvent what, Func<LifecycleDbContext, Group, Task<Result>> change, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await audit.AuthorizeAsync(db, actor, Permission.ManageGroups, what, cancellationToken) is { } refusal)
        {
            return refusal;
        }

        var group = await db.Groups.Include(g => g.Members).Include(g => g.Permissions).AsSplitQuery().FirstOrDefaultAsync(g => g.Id == groupId, cancellationToken);
        if (group is null)
        {
            return await audit.RecordFailureAsync(actor, what, GroupGone);
        }

        var label = group.Name; // before a rename
        var changed = await change(db, group);
        if (!changed.IsSuccess)
        {
            return await audit.RecordFailureAsync(actor, what, changed);
        }

        try
        {
            await audit.SaveAsync(db, actor, what with { Details = $"{label}: {what.Details}" }, cancellationToken);
        }
        catch (DbUpdateException exception) when (exception is not DbUpdateConcurrencyException)
        {
            return await audit.RecordFailureAsync(actor, what, Result.Invalid(NameTaken(group.Name), "name")); // unique name index: a racing create or rename
        }

        return Result.Success();
    }
}
