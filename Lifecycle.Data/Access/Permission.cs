namespace Lifecycle.Data.Access;

/// <summary>What a group may allow (SPEC A2). Workspace-wide permissions ignore the app.</summary>
public enum Permission
{
    // Workspace-wide
    ManageUsers = 1,
    ManageGroups = 2,
    CreateApps = 3,
    ManageDataSources = 4,
    ManageConstants = 5,
    ManageGitSync = 6,
    ViewAuditLog = 7,

    // Per app, or for all apps
    ViewApp = 20,
    EditApp = 21,
    PromoteToStaging = 22,
    PromoteToProduction = 23,
    ReleaseApp = 24,
}

/// <summary>Which permissions are workspace-wide and which are held per app or for all apps (SPEC A2), with their labels.</summary>
public static class PermissionScopes
{
    public static readonly IReadOnlyList<Permission> WorkspaceWide =
    [
        Permission.ManageUsers, Permission.ManageGroups, Permission.CreateApps, Permission.ManageDataSources,
        Permission.ManageConstants, Permission.ManageGitSync, Permission.ViewAuditLog,
    ];

    public static readonly IReadOnlyList<Permission> PerApp =
    [
        Permission.ViewApp, Permission.EditApp, Permission.PromoteToStaging, Permission.PromoteToProduction, Permission.ReleaseApp,
    ];

    /// <summary>SPEC A6: the rights that open an app's versions (editor, version list, release history, a version's queries); <see cref="Permission.ViewApp"/> alone does not.</summary>
    public static readonly IReadOnlyList<Permission> OpenVersions =
    [
        Permission.EditApp, Permission.PromoteToStaging, Permission.PromoteToProduction, Permission.ReleaseApp,
    ];

    public static bool IsWorkspaceWide(Permission permission) => WorkspaceWide.Contains(permission);

    public static string Label(Permission permission) => permission switch
    {
        Permission.ManageUsers => "Manage users",
        Permission.ManageGroups => "Manage groups",
        Permission.CreateApps => "Create apps",
        Permission.ManageDataSources => "Manage data sources",
        Permission.ManageConstants => "Manage constants",
        Permission.ManageGitSync => "Manage GitSync",
        Permission.ViewAuditLog => "View audit log",
        Permission.ViewApp => "View",
        Permission.EditApp => "Edit",
        Permission.PromoteToStaging => "Promote to staging",
        Permission.PromoteToProduction => "Promote to production",
        Permission.ReleaseApp => "Release and roll back",
        _ => permission.ToString(),
    };
}
