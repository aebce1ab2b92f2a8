using Lifecycle.Data.Common;

namespace Lifecycle.Data.Access;

/// <summary>A set of users carrying permissions (SPEC A1, A2). Built-in groups are seeded by a migration.</summary>
public sealed class Group
{
    public const int AdminsId = 1;
    public const int BuildersId = 2;
    public const int EndUsersId = 3;

    private readonly List<GroupPermission> _permissions = [];
    private readonly List<GroupMember> _members = [];

    private Group() { }

    public Group(string name)
    {
        Name = name;
    }

    /// <summary>A built-in group as the first migration seeds it (SPEC A1).</summary>
    internal static Group BuiltIn(int id, string name, bool grantsEverything) =>
        new() { Id = id, Name = name, IsBuiltIn = true, GrantsEverything = grantsEverything };

    public int Id { get; private set; }
    public string Name { get; private set; } = "";
    public bool IsBuiltIn { get; private set; }

    /// <summary>Admins hold every permission without listing them.</summary>
    public bool GrantsEverything { get; private set; }

    public IReadOnlyCollection<GroupPermission> Permissions => _permissions;
    public IReadOnlyCollection<GroupMember> Members => _members;

    public const int MaxNameLength = 100;

    /// <summary>The name rule of a custom group: the shared rule for names people read (<see cref="TextRules"/>), 1 to 100 characters. Null when valid.</summary>
    public static string? ValidateName(string? name) => TextRules.ValidateName(name, MaxNameLength, "group name");

    /// <summary>Built-in groups keep their names: the product and the docs refer to them (SPEC A1).</summary>
    public Result CanRename() =>
        IsBuiltIn ? Result.Conflict($"{Name} is a built-in group and keeps its name.") : Result.Success();

    public Result Rename(string name)
    {
        var renamable = CanRename();
        if (!renamable.IsSuccess)
        {
            return renamable;
        }

        var error = ValidateName(name);
        if (error is not null)
        {
            return Result.Invalid(error, "name");
        }

        Name = name.Trim();
        return Result.Success();
    }

    public Result CanDelete() =>
        IsBuiltIn ? Result.Conflict($"{Name} is a built-in group and cannot be deleted.") : Result.Success();

    /// <summary>SPEC A1: Admins holds every permission without listing them, so there is nothing to change.</summary>
    public Result CanChangePermissions() =>
        GrantsEverything ? Result.Conflict($"{Name} holds every permission; its permissions cannot be changed.") : Result.Success();

    /// <summary>SPEC A2: grants or withdraws one permission, workspace-wide ones without an app. Needs <see cref="Permissions"/> loaded.</summary>
    public Result SetPermission(Permission permission, int? appId, bool granted)
    {
        var changeable = CanChangePermissions();
        if (!changeable.IsSuccess)
        {
            return changeable;
        }

        if (PermissionScopes.IsWorkspaceWide(permission) && appId is not null)
        {
            return Result.Invalid($"{PermissionScopes.Label(permission)} is workspace-wide and has no app.", "app");
        }

        var existing = _permissions.FirstOrDefault(p => p.Permission == permission && p.AppId == appId);
        if (granted && existing is null)
        {
            _permissions.Add(new GroupPermission(Id, permission, appId));
        }
        else if (!granted && existing is not null)
        {
            _permissions.Remove(existing);
        }

        return Result.Success();
    }

    /// <summary>Needs <see cref="Members"/> loaded.</summary>
    public Result AddMember(string userId)
    {
        if (_members.All(m => m.UserId != userId))
        {
            _members.Add(new GroupMember(Id, userId));
        }

        return Result.Success();
    }

    /// <summary>SPEC A1: Admins keeps an active member (<see cref="KeepsActiveMemberWithout"/>). Needs <see cref="Members"/> loaded.</summary>
    public Result RemoveMember(string userId, IReadOnlySet<string> activeUserIds)
    {
        var member = _members.FirstOrDefault(m => m.UserId == userId);
        if (member is null)
        {
            return Result.NotFound("This user is not a member of the group.");
        }

        var kept = KeepsActiveMemberWithout(userId, activeUserIds);
        if (!kept.IsSuccess)
        {
            return kept;
        }

        _members.Remove(member);
        return Result.Success();
    }

    /// <summary>
    /// SPEC A1, A5: the workspace never loses its last admin. Admins must keep a member who is not disabled after
    /// <paramref name="userId"/> leaves it or is disabled; the one rule behind removing a member and disabling an account.
    /// Needs <see cref="Members"/> loaded; <paramref name="activeUserIds"/> are the members whose accounts are enabled.
    /// </summary>
    public Result KeepsActiveMemberWithout(string userId, IReadOnlySet<string> activeUserIds)
    {
        var staysActive = Id != AdminsId
            || _members.All(m => m.UserId != userId)
            || _members.Any(m => m.UserId != userId && activeUserIds.Contains(m.UserId));
        return staysActive ? Result.Success() : Result.Conflict("Admins must keep at least one active member. Make someone else an admin first.");
    }
}

/// <summary>One permission held by a group; <see cref="AppId"/> null means every app (or a workspace-wide permission).</summary>
public sealed class GroupPermission
{
    private GroupPermission() { }

    public GroupPermission(int groupId, Permission permission, int? appId)
    {
        GroupId = groupId;
        Permission = permission;
        AppId = appId;
    }

    public int Id { get; private set; }
    public int GroupId { get; private set; }
    public Permission Permission { get; private set; }
    public int? AppId { get; private set; }
}

public sealed class GroupMember
{
    private GroupMember() { }

    public GroupMember(int groupId, string userId)
    {
        GroupId = groupId;
        UserId = userId;
    }

    public int GroupId { get; private set; }
    public string UserId { get; private set; } = "";
    public Group? Group { get; private set; }
}
