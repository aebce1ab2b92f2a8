namespace Lifecycle.Data.Audit;

/// <summary>The names of audited actions, as they appear in the log and its filter.</summary>
public static class AuditActions
{
    public const string SetupCompleted = "setup.completed";
    public const string AppCreated = "app.created";
    public const string AppsListed = "apps.listed";
    public const string AppViewed = "app.viewed";

    /// <summary>Opening an app's versions: the editor, the version list, one version (SPEC A6).</summary>
    public const string VersionsViewed = "versions.viewed";

    /// <summary>Reading an app's release history (SPEC A6, V8).</summary>
    public const string ReleasesViewed = "releases.viewed";
    public const string VersionCreated = "version.created";
    public const string VersionEdited = "version.edited";
    public const string VersionSaved = "version.saved";
    public const string VersionRenamed = "version.renamed";
    public const string VersionDeleted = "version.deleted";
    public const string VersionPromoted = "version.promoted";
    public const string AppReleased = "app.released";
    public const string AppRolledBack = "app.rolled-back";
    public const string UserCreated = "user.created";
    public const string UserDisabled = "user.disabled";
    public const string UserEnabled = "user.enabled";
    public const string UserPasswordReset = "user.password-reset";
    public const string PasswordChanged = "user.password-changed";

    /// <summary>A user reading their own rights (menus); refused only for someone not signed in.</summary>
    public const string RightsViewed = "rights.viewed";
    public const string UsersViewed = "users.viewed";
    public const string GroupCreated = "group.created";
    public const string GroupRenamed = "group.renamed";
    public const string GroupDeleted = "group.deleted";
    public const string GroupMemberAdded = "group.member-added";
    public const string GroupMemberRemoved = "group.member-removed";
    public const string GroupPermissionGranted = "group.permission-granted";
    public const string GroupPermissionRevoked = "group.permission-revoked";
    public const string GroupsViewed = "groups.viewed";
    public const string ConstantsViewed = "constants.viewed";
    public const string ConstantCreated = "constant.created";
    public const string ConstantValueSet = "constant.value-set";
    public const string ConstantRenamed = "constant.renamed";
    public const string ConstantDeleted = "constant.deleted";
    public const string DataSourcesViewed = "data-sources.viewed";
    public const string DataSourceNamesViewed = "data-sources.names-viewed";
    public const string DataSourceCreated = "data-source.created";
    public const string DataSourceSettingsSaved = "data-source.settings-saved";
    public const string DataSourceRenamed = "data-source.renamed";
    public const string DataSourceDeleted = "data-source.deleted";
    public const string QueriesRun = "queries.run";
    public const string AllowlistViewed = "allowlist.viewed";
    public const string AllowlistAdded = "allowlist.added";
    public const string AllowlistRemoved = "allowlist.removed";
    public const string AuditViewed = "audit.viewed";
    public const string AuditExported = "audit.exported";
    public const string AuditVerified = "audit.verified";
    public const string GitSyncViewed = "gitsync.viewed";
    public const string GitSyncConnected = "gitsync.connected";
    public const string GitSyncConnectionTested = "gitsync.connection-tested";
    public const string GitSyncCommitRequested = "gitsync.commit-requested";
    public const string GitSyncFetchRequested = "gitsync.fetch-requested";
    public const string GitSyncPullRequested = "gitsync.pull-requested";
    public const string GitSyncRestoreRequested = "gitsync.restore-requested";
    public const string GitSyncJobFinished = "gitsync.job-finished";
    public const string GitSyncImported = "gitsync.imported";
    public const string AppExported = "app.exported";
    public const string AppImported = "app.imported";

    /// <summary>Issue 10, sharing (SPEC S1-S6).</summary>
    public const string SharingViewed = "sharing.viewed";
    public const string AppSlugChanged = "app.slug-changed";
    public const string AppVisibilityChanged = "app.visibility-changed";
    public const string AppMaintenanceChanged = "app.maintenance-changed";
    public const string AppPreviewed = "app.previewed";
    public const string EmbeddingViewed = "embedding.viewed";
    public const string EmbeddingOriginAdded = "embedding.origin-added";
    public const string EmbeddingOriginRemoved = "embedding.origin-removed";
    public const string EmbeddingPrivateAppsChanged = "embedding.private-apps-changed";

    public static readonly IReadOnlyList<string> All =
    [
        SetupCompleted, AppsListed, AppCreated, AppViewed, VersionsViewed, ReleasesViewed, VersionCreated, VersionEdited, VersionSaved, VersionRenamed, VersionDeleted,
        VersionPromoted, AppReleased, AppRolledBack, UserCreated, UserDisabled, UserEnabled, UserPasswordReset, PasswordChanged, RightsViewed, UsersViewed,
        GroupCreated, GroupRenamed, GroupDeleted, GroupMemberAdded, GroupMemberRemoved, GroupPermissionGranted,
        GroupPermissionRevoked, GroupsViewed, ConstantsViewed, ConstantCreated, ConstantValueSet, ConstantRenamed, ConstantDeleted,
        DataSourcesViewed, DataSourceNamesViewed, DataSourceCreated, DataSourceSettingsSaved, DataSourceRenamed, DataSourceDeleted, QueriesRun,
        AuditViewed, AuditExported, AuditVerified,
        GitSyncViewed, GitSyncConnected, GitSyncConnectionTested, GitSyncCommitRequested, GitSyncFetchRequested, GitSyncPullRequested,
        GitSyncRestoreRequested, GitSyncJobFinished, GitSyncImported, AppExported, AppImported,
        AllowlistViewed, AllowlistAdded, AllowlistRemoved,
        SharingViewed, AppSlugChanged, AppVisibilityChanged, AppMaintenanceChanged, AppPreviewed,
        EmbeddingViewed, EmbeddingOriginAdded, EmbeddingOriginRemoved, EmbeddingPrivateAppsChanged,
    ];
}
