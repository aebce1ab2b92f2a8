namespace Lifecycle.Data.GitSync;

public enum GitSyncJobKind
{
    /// <summary>Write apps to the repository, commit and push (auto-commit, or "Commit to git").</summary>
    Commit = 0,

    /// <summary>Fetch the repository so Pull can list what it holds.</summary>
    Fetch = 1,

    /// <summary>Import chosen versions as saved versions (SPEC G4).</summary>
    Pull = 2,

    /// <summary>Import every app, version and release history the instance lacks (SPEC G6).</summary>
    Restore = 3,
}

public enum GitSyncJobState
{
    Queued = 0,
    Running = 1,
    Succeeded = 2,
    Failed = 3,
}

/// <summary>
/// A piece of git work, run in the background one at a time (SPEC G7). The row is the queue entry and, afterwards, the
/// record the GitSync page shows: what was asked, by whom, its progress and its outcome.
/// </summary>
public sealed class GitSyncJob
{
    public const int MaxMessageLength = 500;
    public const int MaxOutcomeLength = 4000;

    private GitSyncJob() { }

    public long Id { get; private set; }
    public GitSyncJobKind Kind { get; private set; }

    /// <summary>The commit message (commit jobs) or a short description.</summary>
    public string Message { get; private set; } = "";

    /// <summary>The app to write; null for every app.</summary>
    public int? AppId { get; private set; }

    /// <summary>Pull: the chosen versions as "slug/version" lines.</summary>
    public string? Selection { get; private set; }

    public string RequestedById { get; private set; } = "";
    public string RequestedByName { get; private set; } = "";
    public GitSyncJobState State { get; private set; }
    public string? Progress { get; private set; }
    public string? Outcome { get; private set; }
    public string? CommitId { get; private set; }
    public DateTime CreatedAtUtc { get; private set; }
    public DateTime? StartedAtUtc { get; private set; }
    public DateTime? FinishedAtUtc { get; private set; }

    public bool IsFinished => State is GitSyncJobState.Succeeded or GitSyncJobState.Failed;

    public static GitSyncJob Request(GitSyncJobKind kind, string message, int? appId, string? selection, string requestedById, string requestedByName, DateTime nowUtc) => new()
    {
        Kind = kind,
        Message = message.Length > MaxMessageLength ? message[..MaxMessageLength] : message,
        AppId = appId,
        Selection = selection,
        RequestedById = requestedById,
        RequestedByName = requestedByName,
        State = GitSyncJobState.Queued,
        CreatedAtUtc = nowUtc,
    };

    internal void Start(DateTime nowUtc)
    {
        State = GitSyncJobState.Running;
        StartedAtUtc = nowUtc;
        Progress = "Started.";
    }

    internal void Report(string progress) => Progress = progress;

    internal void Finish(bool succeeded, string outcome, string? commitId, DateTime nowUtc)
    {
        State = succeeded ? GitSyncJobState.Succeeded : GitSyncJobState.Failed;
        Outcome = outcome.Length > MaxOutcomeLength ? outcome[..MaxOutcomeLength] : outcome;
        CommitId = commitId;
        Progress = null;
        FinishedAtUtc = nowUtc;
    }
}
