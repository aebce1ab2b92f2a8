namespace Lifecycle.Data.Access;

/// <summary>What a use case acts on: the workspace as a whole, one app (by id or by its slug), or one version (whose app the runner looks up).</summary>
public enum UseCaseScope
{
    Workspace,
    App,
    AppAtSlug,
    Version,
}

/// <summary>Who may attempt a use case before its permissions are checked.</summary>
public enum UseCaseAudience
{
    /// <summary>Only a signed-in user who holds one of the declared permissions.</summary>
    PermissionHolders,

    /// <summary>Any signed-in user, for what concerns only themselves (their own password, their own rights).</summary>
    SignedInUsers,

    /// <summary>Anyone, signed in or not (first-run setup, opening an app); the use case's own rules decide the rest.</summary>
    Anyone,

    /// <summary>Members of Admins only: workspace settings no permission hands out (embedding, decision 029).</summary>
    Admins,
}

/// <summary>
/// The declaration every use case makes before it runs (SPEC A2, A3): the audited action, the permissions that allow it
/// (any one of them) and what it acts on. <see cref="UseCaseRunner"/> checks it in one place for every caller.
/// </summary>
public sealed record UseCase
{
    private UseCase(string action, UseCaseScope scope, int? targetId, string? targetSlug, UseCaseAudience audience, IReadOnlyList<Permission> anyOf)
    {
        Action = action;
        Scope = scope;
        TargetId = targetId;
        TargetSlug = targetSlug;
        Audience = audience;
        AnyOf = anyOf;
    }

    /// <summary>The audit log's name for the action (<see cref="Audit.AuditActions"/>).</summary>
    public string Action { get; }

    public UseCaseScope Scope { get; }

    /// <summary>The app's or the version's id; null for the workspace and for an app named by its slug.</summary>
    public int? TargetId { get; }

    /// <summary>The slug of the app, for <see cref="UseCaseScope.AppAtSlug"/>.</summary>
    public string? TargetSlug { get; }

    public UseCaseAudience Audience { get; }

    /// <summary>The permissions that allow the use case, any one of them; empty unless the audience is <see cref="UseCaseAudience.PermissionHolders"/>.</summary>
    public IReadOnlyList<Permission> AnyOf { get; }

    /// <summary>The message of a refusal; by default the one of the first declared permission (<see cref="AccessRules.Refusal"/>).</summary>
    public string? Refusal { get; init; }

    /// <summary>Several tries when a racing change wins the optimistic concurrency check (each try starts afresh).</summary>
    public int Attempts { get; init; } = 1;

    /// <summary>False for frequent changes whose allowed outcome the entity itself records (autosave, decision 010); refusals and failures are audited all the same.</summary>
    public bool AuditsAllowed { get; init; } = true;

    /// <summary>True for reads that are worth an entry when allowed (exporting or verifying the audit log); other reads audit refusals only.</summary>
    public bool AuditsAllowedReads { get; init; }

    /// <summary>SPEC S2: also allowed, signed in or not, when the app it acts on is public (app scopes only).</summary>
    public bool OpenToAnyoneWhenPublic { get; init; }

    public static UseCase OnWorkspace(string action, Permission permission, params Permission[] orElse) =>
        new(action, UseCaseScope.Workspace, null, null, UseCaseAudience.PermissionHolders, [permission, .. orElse]);

    public static UseCase OnApp(string action, int appId, Permission permission, params Permission[] orElse) =>
        new(action, UseCaseScope.App, appId, null, UseCaseAudience.PermissionHolders, [permission, .. orElse]);

    /// <summary>SPEC A6: an app's versions (the editor, the version list, the release history) open for edit or a promote or release right, not for View.</summary>
    public static UseCase OnVersionsOf(string action, int appId) =>
        new UseCase(action, UseCaseScope.App, appId, null, UseCaseAudience.PermissionHolders, PermissionScopes.OpenVersions) with { Refusal = AccessRules.VersionsRefusal };

    /// <summary>An app named by its address (/apps/{slug}); an unknown slug is NotFound.</summary>
    public static UseCase OnAppAt(string action, string slug, Permission permission, params Permission[] orElse) =>
        new(action, UseCaseScope.AppAtSlug, null, slug, UseCaseAudience.PermissionHolders, [permission, .. orElse]);

    public static UseCase OnVersion(string action, int versionId, Permission permission, params Permission[] orElse) =>
        new(action, UseCaseScope.Version, versionId, null, UseCaseAudience.PermissionHolders, [permission, .. orElse]);

    /// <summary>SPEC A6: one version's content or queries, with the rights of <see cref="OnVersionsOf"/>.</summary>
    public static UseCase OnVersionContent(string action, int versionId) =>
        new UseCase(action, UseCaseScope.Version, versionId, null, UseCaseAudience.PermissionHolders, PermissionScopes.OpenVersions) with { Refusal = AccessRules.VersionsRefusal };

    /// <summary>An action any signed-in user may take for themselves; a visitor who is not signed in is refused.</summary>
    public static UseCase ForSignedInUser(string action) =>
        new(action, UseCaseScope.Workspace, null, null, UseCaseAudience.SignedInUsers, []);

    /// <summary>An action anyone may attempt, such as first-run setup; the use case's own rules decide the rest.</summary>
    public static UseCase ForAnyone(string action) =>
        new(action, UseCaseScope.Workspace, null, null, UseCaseAudience.Anyone, []);

    /// <summary>Workspace settings that only Admins change (no permission grants them, so no custom group can).</summary>
    public static UseCase ForAdmins(string action, string refusal) =>
        new(action, UseCaseScope.Workspace, null, null, UseCaseAudience.Admins, []) { Refusal = refusal };

    /// <summary>SPEC S2: a public app's released version (and its queries) is for anyone, signed in or not.</summary>
    public UseCase OrAnyoneIfPublic() => this with { OpenToAnyoneWhenPublic = true };

    public UseCase RetriedOnConflict(int attempts) => this with { Attempts = attempts };

    public UseCase NotAuditedWhenAllowed() => this with { AuditsAllowed = false };

    public UseCase AuditedWhenRead() => this with { AuditsAllowedReads = true };
}
