using Lifecycle.Data.Access;
using Lifecycle.Data.Audit;
using Lifecycle.Data.Common;
using Lifecycle.Data.Constants;
using Lifecycle.Data.Environments;
using Lifecycle.Data.Persistence;
using Lifecycle.Data.Versions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Lifecycle.Data.GitSync;

/// <summary>The connection as the page shows it: the secret only as "stored" (SPEC E5).</summary>
public sealed record GitSyncConnectionView(string Repository, string Branch, GitCredentialKind CredentialKind, string? Username, bool HasSecret, string AuthorName, string AuthorEmail, bool AutoCommit, DateTime UpdatedAtUtc, string UpdatedByName);

public sealed record GitSyncJobView(long Id, GitSyncJobKind Kind, string Message, string RequestedByName, GitSyncJobState State, string? Progress, string? Outcome, string? CommitId, DateTime CreatedAtUtc, DateTime? FinishedAtUtc)
{
    public bool IsRunning => State is GitSyncJobState.Queued or GitSyncJobState.Running;
}

public enum PullStatus
{
    /// <summary>This instance lacks the version: Pull can import it.</summary>
    Missing,

    /// <summary>This instance has the same version (same content).</summary>
    Present,

    /// <summary>This instance has a different version with this name: reported, never overwritten (SPEC G4).</summary>
    Clash,
}

public sealed record PullCandidate(string Slug, string AppName, bool AppExists, string Version, string SavedBy, DateTime SavedAtUtc, DeploymentEnvironment Environment, PullStatus Status);

/// <summary>What the repository's branch held at the last fetch, compared with this instance.</summary>
public sealed record PullListing(bool Fetched, IReadOnlyList<PullCandidate> Versions, IReadOnlyList<string> Problems);

/// <summary>
/// The GitSync use cases (SPEC G1-G7). Every one needs "manage GitSync" (Admins hold it), checked at the time of the
/// call by <see cref="UseCaseRunner"/> (<see cref="Declared"/>), and is audited (SPEC A4). Git work is queued as jobs for <see cref="GitSyncWorker"/>.
/// </summary>
public sealed class GitSyncService(
    UseCaseRunner runner,
    SecretProtector secrets,
    IGitSyncJobQueue queue,
    GitSyncWorker worker,
    GitSyncActivity activity,
    IOptions<GitSyncOptions> options,
    AuditWriter audit)
{
    public const int HistoryLength = 50;
    public const int JobListLength = 20;

    /// <summary>The declaration of every GitSync use case: "manage GitSync", workspace-wide (SPEC A2).</summary>
    internal static UseCase Declared(string action) => UseCase.OnWorkspace(action, Permission.ManageGitSync);

    public Task<Result<GitSyncConnectionView?>> GetConnectionAsync(Actor actor, CancellationToken cancellationToken = default) =>
        runner.ReadAsync<GitSyncConnectionView?>(actor, Declared(AuditActions.GitSyncViewed), async context =>
        {
            var settings = await context.Db.GitSyncSettings.AsNoTracking().FirstOrDefaultAsync(s => s.Id == GitSyncSettings.SingletonId, cancellationToken);
            return new Result<GitSyncConnectionView?>(ResultStatus.Ok, settings is null ? null : View(settings));
        }, cancellationToken);

    /// <summary>SPEC G1: saves the connection; a new secret is encrypted (SPEC E5), an empty one keeps the stored secret.</summary>
    public Task<Result> ConnectAsync(Actor actor, GitSyncConnectionInput input, CancellationToken cancellationToken = default) =>
        runner.ChangeAsync(actor, Declared(AuditActions.GitSyncConnected), async context =>
        {
            context.Entry = context.Entry with { Details = $"{input.Repository?.Trim()} ({input.Branch?.Trim()}), auto-commit {(input.AutoCommit ? "on" : "off")}{(string.IsNullOrEmpty(input.NewSecret) ? "" : ", credentials replaced")}." };
            var settings = await context.Db.GitSyncSettings.FirstOrDefaultAsync(s => s.Id == GitSyncSettings.SingletonId, cancellationToken);
            var invalid = GitSyncSettings.Validate(input, settings?.ProtectedSecret is not null && settings.CredentialKind == input.CredentialKind);
            if (!invalid.IsSuccess)
            {
                return invalid;
            }

            if (settings is null)
            {
                settings = GitSyncSettings.New();
                context.Db.GitSyncSettings.Add(settings);
            }

            settings.Apply(input, string.IsNullOrEmpty(input.NewSecret) ? null : secrets.Protect(input.NewSecret), context.User.Name, context.NowUtc);
            return Result.Success();
        }, cancellationToken);

    /// <summary>
    /// Tries what the form holds (the stored secret when none is typed): reachable, branch exists, may push. The check and
    /// the validation go through the runner; the git work runs after it, outside any transaction, and its outcome is audited.
    /// </summary>
    public async Task<Result<ConnectionReport>> TestConnectionAsync(Actor actor, GitSyncConnectionInput input, CancellationToken cancellationToken = default)
    {
        var admitted = await runner.ReadAsync<GitRemote>(actor, Declared(AuditActions.GitSyncConnectionTested), async context =>
        {
            var stored = await context.Db.GitSyncSettings.AsNoTracking().FirstOrDefaultAsync(s => s.Id == GitSyncSettings.SingletonId, cancellationToken);
            var storedSecret = stored?.CredentialKind == input.CredentialKind && stored.ProtectedSecret is not null ? secrets.Unprotect(stored.ProtectedSecret) : null;
            var invalid = GitSyncSettings.Validate(input, storedSecret is not null);
            return invalid.IsSuccess
                ? new GitRemote(input.Repository.Trim(), input.Branch.Trim(), input.CredentialKind, input.Username?.Trim(), string.IsNullOrEmpty(input.NewSecret) ? storedSecret : input.NewSecret)
                : Result<GitRemote>.From(invalid);
        }, cancellationToken);
        var what = new AuditEvent(AuditActions.GitSyncConnectionTested, Details: $"{input.Repository?.Trim()} ({input.Branch?.Trim()}).");
        if (!admitted.IsSuccess)
        {
            return admitted.Status == ResultStatus.Forbidden
                ? Result<ConnectionReport>.From(admitted)
                : await audit.RecordFailureAsync(actor, what, Result<ConnectionReport>.From(admitted));
        }

        var remote = admitted.Value!;
        var report = await GitConnectionProbe.ProbeAsync(remote, options.Value.FullWorkDirectory, TimeSpan.FromSeconds(options.Value.NetworkTimeoutSeconds), cancellationToken);
        await audit.RecordAsync(actor, what with { Details = $"{remote}: {report.Message}" }, report.MayPush ? AuditOutcome.Allowed : AuditOutcome.Failed);
        return report;
    }

    /// <summary>"Commit to git": writes every app and pushes, in the background, with the actor as author (SPEC G2, G7).</summary>
    public Task<Result<long>> RequestCommitAsync(Actor actor, string message, CancellationToken cancellationToken = default)
    {
        var trimmed = message?.Trim() ?? "";
        return RequestAsync(actor, AuditActions.GitSyncCommitRequested, GitSyncJobKind.Commit, trimmed, null,
            trimmed.Length is 0 or > GitSyncJob.MaxMessageLength ? Result.Invalid($"Enter a commit message (1 to {GitSyncJob.MaxMessageLength} characters).", "message") : null,
            cancellationToken);
    }

    /// <summary>Fetches the repository in the background, so <see cref="ListPullableAsync"/> shows what it holds now.</summary>
    public Task<Result<long>> RequestFetchAsync(Actor actor, CancellationToken cancellationToken = default) =>
        RequestAsync(actor, AuditActions.GitSyncFetchRequested, GitSyncJobKind.Fetch, "Fetch", null, null, cancellationToken);

    /// <summary>SPEC G4: imports the chosen versions as saved versions, in the background.</summary>
    public Task<Result<long>> RequestPullAsync(Actor actor, IReadOnlyCollection<(string Slug, string Version)> chosen, CancellationToken cancellationToken = default) =>
        RequestAsync(actor, AuditActions.GitSyncPullRequested, GitSyncJobKind.Pull, $"Pull {string.Join(", ", chosen.Select(c => $"{c.Slug} {c.Version}"))}",
            PullSelection.Format(chosen), chosen.Count == 0 ? Result.Invalid("Choose at least one version to pull.", "selection") : null, cancellationToken);

    /// <summary>SPEC G6: imports every app, version and release history the instance lacks, in the background.</summary>
    public Task<Result<long>> RequestRestoreAsync(Actor actor, CancellationToken cancellationToken = default) =>
        RequestAsync(actor, AuditActions.GitSyncRestoreRequested, GitSyncJobKind.Restore, "Restore from the repository", null, null, cancellationToken);

    public Task<Result<IReadOnlyList<GitSyncJobView>>> ListJobsAsync(Actor actor, CancellationToken cancellationToken = default) =>
        runner.ReadAsync<IReadOnlyList<GitSyncJobView>>(actor, Declared(AuditActions.GitSyncViewed), async context =>
            await context.Db.GitSyncJobs.AsNoTracking().OrderByDescending(j => j.Id).Take(JobListLength)
                .Select(j => new GitSyncJobView(j.Id, j.Kind, j.Message, j.RequestedByName, j.State, j.Progress, j.Outcome, j.CommitId, j.CreatedAtUtc, j.FinishedAtUtc))
                .ToListAsync(cancellationToken), cancellationToken);

    /// <summary>The branch's last commits in this instance's clone, with whether each one is pushed.</summary>
    public Task<Result<IReadOnlyList<GitCommitInfo>>> HistoryAsync(Actor actor, CancellationToken cancellationToken = default) =>
        runner.ReadAsync<IReadOnlyList<GitCommitInfo>>(actor, Declared(AuditActions.GitSyncViewed), async context =>
        {
            using var clone = await WorkingCopyGate.EnterAsync(options.Value.FullWorkDirectory, cancellationToken);
            return await WorkingCopyAsync(context.Db, cancellationToken) is { } copy
                ? new Result<IReadOnlyList<GitCommitInfo>>(ResultStatus.Ok, await copy.LogAsync(HistoryLength, cancellationToken))
                : new Result<IReadOnlyList<GitCommitInfo>>(ResultStatus.Ok, []);
        }, cancellationToken);

    /// <summary>SPEC G4: the apps and saved versions of the repository's branch (as last fetched) and whether this instance has them.</summary>
    public Task<Result<PullListing>> ListPullableAsync(Actor actor, CancellationToken cancellationToken = default) =>
        runner.ReadAsync<PullListing>(actor, Declared(AuditActions.GitSyncViewed), async context =>
        {
            using var clone = await WorkingCopyGate.EnterAsync(options.Value.FullWorkDirectory, cancellationToken);
            var copy = await WorkingCopyAsync(context.Db, cancellationToken);
            if (copy is null || !await copy.HasRemoteBranchAsync(cancellationToken))
            {
                return new PullListing(false, [], []);
            }

            var (apps, problems) = RepositoryFiles.Read(await copy.ReadRemoteTreeAsync(cancellationToken));
            var candidates = new List<PullCandidate>();
            foreach (var app in apps)
            {
                var local = await context.Db.Apps.AsNoTracking().FirstOrDefaultAsync(a => a.Slug == app.Slug, cancellationToken);
                var versions = local is null ? [] : await context.Db.Versions.AsNoTracking().Where(v => v.AppId == local.Id).ToListAsync(cancellationToken);
                foreach (var version in app.Versions)
                {
                    var same = versions.FirstOrDefault(v => v.NameKey == VersionNameRules.UniquenessKey(version.Name));
                    var status = same is null ? PullStatus.Missing
                        : same.DefinitionHash == GitSyncDefinitions.HashOf(version.Definition) ? PullStatus.Present // by content, whatever hash the file recorded
                        : PullStatus.Clash;
                    candidates.Add(new PullCandidate(app.Slug, app.Name, local is not null, version.Name, version.SavedBy, version.SavedAtUtc, version.Environment, status));
                }
            }

            return new PullListing(true, candidates, problems);
        }, cancellationToken);

    /// <summary>This instance's clone of the connected repository, for reads; null before a connection is saved or a first job ran.</summary>
    private async Task<GitWorkingCopy?> WorkingCopyAsync(LifecycleDbContext db, CancellationToken cancellationToken)
    {
        var settings = await db.GitSyncSettings.AsNoTracking().FirstOrDefaultAsync(s => s.Id == GitSyncSettings.SingletonId, cancellationToken);
        if (settings is null)
        {
            return null;
        }

        var copy = new GitWorkingCopy(GitSyncJobRunner.RemoteOf(settings, secrets), options.Value.FullWorkDirectory, TimeSpan.FromSeconds(options.Value.NetworkTimeoutSeconds));
        return Directory.Exists(Path.Combine(copy.Directory, ".git")) ? copy : null;
    }

    /// <summary>Queues a job with its audit entry in one transaction, then wakes the worker.</summary>
    private async Task<Result<long>> RequestAsync(Actor actor, string action, GitSyncJobKind kind, string message, string? selection, Result? invalid, CancellationToken cancellationToken)
    {
        var queued = await runner.ChangeAsync<long>(actor, Declared(action), async context =>
        {
            context.Entry = context.Entry with { Details = message };
            if (invalid is not null)
            {
                return Result<long>.From(invalid);
            }

            if (!await context.Db.GitSyncSettings.AnyAsync(cancellationToken))
            {
                return Result<long>.From(Result.Conflict("Connect a repository first."));
            }

            var job = GitSyncJob.Request(kind, message, null, selection, context.User.UserId, context.User.Name, context.NowUtc);
            queue.Add(context.Db, job);
            await context.Db.SaveChangesAsync(cancellationToken);
            return job.Id;
        }, cancellationToken);
        if (queued.IsSuccess)
        {
            activity.Notify(queued.Value);
            worker.Wake();
        }

        return queued;
    }

    private static GitSyncConnectionView View(GitSyncSettings s) =>
        new(s.Repository, s.Branch, s.CredentialKind, s.Username, s.ProtectedSecret is not null, s.AuthorName, s.AuthorEmail, s.AutoCommit, s.UpdatedAtUtc, s.UpdatedByName);
}
