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
