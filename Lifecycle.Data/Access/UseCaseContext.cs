using Lifecycle.Data.Audit;
using Lifecycle.Data.Environments;
using Lifecycle.Data.Events;
using Lifecycle.Data.Persistence;

namespace Lifecycle.Data.Access;

/// <summary>
/// What the body of a use case gets from <see cref="UseCaseRunner"/>: its own context (one per operation), the actor
/// and their rights read at this moment (SPEC A3), the app the use case acts on, and the audit entry it will commit.
/// </summary>
public sealed class UseCaseContext
{
    private readonly List<AppChange> _changes = [];

    internal UseCaseContext(LifecycleDbContext db, IServiceProvider services, Actor? actor, UserRights rights, UseCaseTarget target, DateTime nowUtc, AuditEvent entry)
    {
        Db = db;
        Services = services;
        Actor = actor;
        Rights = rights;
        Target = target;
        NowUtc = nowUtc;
        Entry = entry;
    }

    public LifecycleDbContext Db { get; }

    /// <summary>The operation's scope, for services that share its context (Identity's <c>UserManager</c>).</summary>
    public IServiceProvider Services { get; }

    /// <summary>Null for a visitor who is not signed in (only use cases for anyone).</summary>
    public Actor? Actor { get; }

    /// <summary>The signed-in actor; use cases that need a permission always have one.</summary>
    public Actor User => Actor ?? throw new InvalidOperationException("This use case needs a signed-in user.");

    public UserRights Rights { get; }

    public UseCaseTarget Target { get; }

    /// <summary>The app the use case acts on, when it acts on an app or a version.</summary>
    public int AppId => Target.AppId ?? throw new InvalidOperationException("This use case does not act on an app.");

    public DateTime NowUtc { get; }

    /// <summary>The audit entry written with the change (SPEC A4); the body adds what it learnt (names, details).</summary>
    public AuditEvent Entry { get; set; }

    internal IReadOnlyList<AppChange> Changes => _changes;

    /// <summary>The version a change acts on, tracked: the one the runner found (no second query), else read now.</summary>
    public async Task<Versions.AppVersion> TrackedVersionAsync(int versionId, CancellationToken cancellationToken) =>
        await Db.Versions.FindAsync([versionId], cancellationToken) ?? throw new InvalidOperationException($"Version {versionId} is gone.");

    /// <summary>Tells open pages of the app what changed (SPEC V10), once the change has committed.</summary>
    public void Publish(string kind, int? versionId = null, int? revision = null, int? appId = null) =>
        _changes.Add(new AppChange(appId ?? AppId, kind, Actor?.UserId ?? "", Actor?.Name ?? AuditWriter.AnonymousName, versionId, revision));
}

/// <summary>
/// The app (and version) a use case acts on, as the runner found them before checking rights. For an app named by
/// its address, <see cref="AppSlug"/> is where it lives now (an old address leads to it, SPEC S1).
/// </summary>
public sealed record UseCaseTarget(int? AppId, int? VersionId, string? VersionName, DeploymentEnvironment? Environment, bool AppIsPublic = false, string? AppSlug = null)
{
    public static readonly UseCaseTarget Workspace = new(null, null, null, null);
}
