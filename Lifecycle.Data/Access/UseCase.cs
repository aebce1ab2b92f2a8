namespace Lifecycle.Data.Access;

/// <summary>What a use case acts on: the workspace as a whole, one app, or one version (whose app the runner looks up).</summary>
public enum UseCaseScope
{
    Workspace,
    App,
    Version,
}

/// <summary>
/// The declaration every use case makes before it runs (SPEC A2, A3): the audited action, the permissions that allow it
/// (any one of them) and what it acts on. <see cref="UseCaseRunner"/> checks it in one place for every caller.
/// </summary>
public sealed record UseCase
{
    private UseCase(string action, UseCaseScope scope, int? targetId, IReadOnlyList<Permission> anyOf)
    {
        Action = action;
        Scope = scope;
        TargetId = targetId;
        AnyOf = anyOf;
    }

    /// <summary>The audit log's name for the action (<see cref="Audit.AuditActions"/>).</summary>
    public string Action { get; }

    public UseCaseScope Scope { get; }

    /// <summary>The app's or the version's id; null for the workspace.</summary>
    public int? TargetId { get; }

    /// <summary>The permissions that allow the use case; empty means anyone, signed in or not, may run it.</summary>
    public IReadOnlyList<Permission> AnyOf { get; }

    /// <summary>Several tries when a racing change wins the optimistic concurrency check (each try starts afresh).</summary>
    public int Attempts { get; init; } = 1;

    /// <summary>False for frequent changes whose allowed outcome the entity itself records (autosave, decision 010); refusals and failures are audited all the same.</summary>
    public bool AuditsAllowed { get; init; } = true;

    public static UseCase OnWorkspace(string action, Permission permission) => new(action, UseCaseScope.Workspace, null, [permission]);

    public static UseCase OnApp(string action, int appId, Permission permission, params Permission[] orElse) =>
        new(action, UseCaseScope.App, appId, [permission, .. orElse]);

    public static UseCase OnVersion(string action, int versionId, Permission permission, params Permission[] orElse) =>
        new(action, UseCaseScope.Version, versionId, [permission, .. orElse]);

    /// <summary>An action anyone may attempt, such as opening a public app; the use case's own rules decide the rest.</summary>
    public static UseCase ForAnyone(string action, UseCaseScope scope = UseCaseScope.Workspace, int? targetId = null) =>
        new(action, scope, targetId, []);

    public UseCase RetriedOnConflict(int attempts) => this with { Attempts = attempts };

    public UseCase NotAuditedWhenAllowed() => this with { AuditsAllowed = false };
}
