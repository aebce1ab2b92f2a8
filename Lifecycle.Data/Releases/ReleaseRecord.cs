using Lifecycle.Data.Environments;

namespace Lifecycle.Data.Releases;

public enum ReleaseKind
{
    Release = 0,
    Rollback = 1,
}

/// <summary>One row of an app's release history (SPEC V6, V8). Keeps the version's name, so history survives a deleted version.</summary>
public sealed class ReleaseRecord
{
    private ReleaseRecord() { }

    public ReleaseRecord(int appId, int versionId, string versionName, DeploymentEnvironment environment, ReleaseKind kind, string actorId, string actorName, DateTime atUtc, string? notes)
    {
        AppId = appId;
        VersionId = versionId;
        VersionName = versionName;
        Environment = environment;
        Kind = kind;
        ActorId = actorId;
        ActorName = actorName;
        AtUtc = atUtc;
        Notes = notes;
    }

    public int Id { get; private set; }
    public int AppId { get; private set; }
    public int? VersionId { get; private set; }
    public string VersionName { get; private set; } = "";
    public DeploymentEnvironment Environment { get; private set; }
    public ReleaseKind Kind { get; private set; }
    public string ActorId { get; private set; } = "";
    public string ActorName { get; private set; } = "";
    public DateTime AtUtc { get; private set; }
    public string? Notes { get; private set; }
}
