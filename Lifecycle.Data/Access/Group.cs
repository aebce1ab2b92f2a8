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

    public int Id { get; private set; }
    public string Name { get; private set; } = "";
    public bool IsBuiltIn { get; private set; }

    /// <summary>Admins hold every permission without listing them.</summary>
    public bool GrantsEverything { get; private set; }

    public IReadOnlyCollection<GroupPermission> Permissions => _permissions;
    public IReadOnlyCollection<GroupMember> Members => _members;
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
