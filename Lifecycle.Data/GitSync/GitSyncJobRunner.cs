using Lifecycle.Data.Access;
using Lifecycle.Data.Audit;
using Lifecycle.Data.Constants;
using Lifecycle.Data.Definitions;
using Lifecycle.Data.Events;
using Lifecycle.Data.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Lifecycle.Data.GitSync;

/// <summary>
/// Does one job's git work (SPEC G2, G4, G6, G7) and records its outcome on the job and in the audit log. Expected
/// failures (an unreachable repository, refused credentials, a push rejected twice) end the job with a clear message;
/// the database is never changed by a failed push, and a commit that could not be pushed stays in the local clone.
/// </summary>
public sealed class GitSyncJobRunner(
    IDbContextFactory<LifecycleDbContext> dbFactory,
    IGitSyncJobQueue queue,
    GitSyncDefinitions definitions,
    GitSyncImporter importer,
    SecretProtector secrets,
    IOptions<GitSyncOptions> options,
    TimeProvider clock,
    IAppChangeNotifier notifier,
    GitSyncActivity activity,
    AuditWriter audit)
{
    private sealed record Outcome(bool Succeeded, string Message, string? CommitId = null);

    public async Task RunAsync(GitSyncJob job, CancellationToken cancellationToken)
    {
        Outcome outcome;
        using (await WorkingCopyGate.EnterAsync(options.Value.FullWorkDirectory, cancellationToken))
        {
            outcome = await RunInCloneAsync(job, cancellationToken);
        }

        await queue.UpdateAsync(job.Id, j => j.Finish(outcome.Succeeded, outcome.Message, outcome.CommitId, clock.GetUtcNow().UtcDateTime), CancellationToken.None);
        await audit.RecordAsync(new Actor(job.RequestedById, job.RequestedByName), new AuditEvent(AuditActions.GitSyncJobFinished, job.AppId, Details: $"{job.Kind} \"{job.Message}\": {outcome.Message}"),
            outcome.Succeeded ? AuditOutcome.Allowed : AuditOutcome.Failed);
    }

    private async Task<Outcome> RunInCloneAsync(GitSyncJob job, CancellationToken cancellationToken)
    {
        Outcome outcome;
        try
        {
            var connection = await ConnectionAsync(cancellationToken);
            outcome = connection is null
                ? new Outcome(false, "GitSync is not connected to a repository. An admin connects one on the GitSync page.")
                : job.Kind switch
                {
                    GitSyncJobKind.Commit => await CommitAsync(job, connection.Value.Settings, connection.Value.Copy, cancellationToken),
                    GitSyncJobKind.Fetch => await FetchAsync(job, connection.Value.Copy, cancellationToken),
                    _ => await ImportAsync(job, connection.Value.Copy, cancellationToken),
                };
        }
        catch (GitCommandException exception)
        {
            outcome = new Outcome(false, exception.Message);
        }

        return outcome;
    }

    /// <summary>The stored connection as a remote (the secret decrypted for git, in memory only) and this instance's clone of it.</summary>
    private async Task<(GitSyncSettings Settings, GitWorkingCopy Copy)?> ConnectionAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var settings = await db.GitSyncSettings.AsNoTracking().FirstOrDefaultAsync(s => s.Id == GitSyncSettings.SingletonId, cancellationToken);
        if (settings is null)
        {
            return null;
        }

        var copy = new GitWorkingCopy(RemoteOf(settings, secrets), options.Value.FullWorkDirectory, TimeSpan.FromSeconds(options.Value.NetworkTimeoutSeconds));
        await copy.EnsureAsync(cancellationToken);
        return (settings, copy);
    }

    internal static GitRemote RemoteOf(GitSyncSettings settings, SecretProtector secrets) => new(
        settings.Repository,
        settings.Branch,
        settings.CredentialKind,
        settings.Username,
        settings.ProtectedSecret is null ? null : secrets.Unprotect(settings.ProtectedSecret));

    /// <summary>Stores and announces progress. Never called inside a transaction: SQLite has one writer at a time.</summary>
    private async Task ReportAsync(GitSyncJob job, string progress, CancellationToken cancellationToken)
    {
        await queue.UpdateAsync(job.Id, j => j.Report(progress), cancellationToken);
        activity.Notify(job.Id);
    }

    private async Task<Outcome> CommitAsync(GitSyncJob job, GitSyncSettings settings, GitWorkingCopy copy, CancellationToken cancellationToken)
    {
        var remote = settings.Repository;
        await ReportAsync(job, $"Fetching from {remote}…", cancellationToken);
        var fetched = await copy.FetchAsync(cancellationToken);
        if (fetched.Succeeded)
        {
            await copy.CatchUpAsync(cancellationToken);
        }

        await ReportAsync(job, "Writing apps…", cancellationToken);
        var written = await WriteAsync(copy, job.AppId, cancellationToken);
        var author = await AuthorAsync(job, settings, cancellationToken);
        var committer = new GitIdentity(settings.AuthorName, settings.AuthorEmail);
        var commitId = await copy.CommitAsync(job.Message, author, committer, cancellationToken);
        foreach (var tag in written.Tags)
        {
            await copy.TagAsync(tag, cancellationToken);
        }

        var clashes = written.Clashes.Count == 0 ? "" : "\nNot overwritten: " + string.Join("\nNot overwritten: ", written.Clashes);
        var what = commitId is null ? "Nothing new to commit" : $"Committed {commitId[..8]}";
        var remoteOf = RemoteOf(settings, secrets);
        if (!fetched.Succeeded)
        {
            return new Outcome(false, $"{what} here, but not pushed. {GitFailures.Describe(remoteOf, fetched)} The commit is kept and is pushed with the next one.{clashes}", commitId);
        }

        await ReportAsync(job, $"Pushing to {remote}…", cancellationToken);
        var (pushed, output) = await copy.PushAsync(await copy.UnpushedTagsAsync(cancellationToken), cancellationToken);
        if (pushed == PushOutcome.Rejected)
        {
            // SPEC G7: the repository moved (another instance pushed). Fetch, replay ours on top, try once more.
            await ReportAsync(job, "The repository moved meanwhile; fetching and trying again…", cancellationToken);
            var refetched = await copy.FetchAsync(cancellationToken);
            if (refetched.Succeeded && !await copy.CatchUpAsync(cancellationToken))
            {
                written = await WriteAsync(copy, job.AppId, cancellationToken);
                commitId = await copy.CommitAsync(job.Message, author, committer, cancellationToken) ?? commitId;
            }

            (pushed, output) = await copy.PushAsync(await copy.UnpushedTagsAsync(cancellationToken), cancellationToken);
            if (pushed == PushOutcome.Rejected)
            {
                return new Outcome(false, $"{what} here, but the repository refused the push twice: its branch {settings.Branch} keeps moving. Nothing is lost: the commit is kept here and is pushed with the next one.{clashes}", commitId);
            }
        }

        return pushed == PushOutcome.Pushed
            ? new Outcome(true, $"{what} and pushed to {remote} ({settings.Branch}).{clashes}", commitId)
            : new Outcome(false, $"{what} here, but not pushed. {GitFailures.Describe(remoteOf, output)} The commit is kept and is pushed with the next one.{clashes}", commitId);
    }

    private sealed record Written(IReadOnlyList<string> Tags, IReadOnlyList<string> Clashes);

    /// <summary>Writes the app (or every app) and the workspace's values over what the repository holds, merging as <see cref="RepositoryFiles.Merge"/> says.</summary>
    private async Task<Written> WriteAsync(GitWorkingCopy copy, int? appId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var apps = await db.Apps.AsNoTracking().Where(a => appId == null || a.Id == appId).OrderBy(a => a.Slug).ToListAsync(cancellationToken);
        var tags = new List<string>();
        var clashes = new List<string>();
        foreach (var app in apps)
        {
            var snapshot = await GitSyncSnapshots.LoadAppAsync(db, definitions, app, null, cancellationToken);
            var clashing = snapshot.Versions.Where(v => IsClash(copy, snapshot.Slug, v)).ToList();
            clashes.AddRange(clashing.Select(v => $"{snapshot.Slug} {v.Name}: the repository holds a different version with this name."));
            snapshot = snapshot with { Versions = [.. snapshot.Versions.Except(clashing)] };
            if (snapshot.Versions.Count == 0 && copy.ReadFile(RepositoryLayout.AppPath(app.Slug)) is null)
            {
                continue; // an app with no saved version has nothing to keep in git yet
            }

            foreach (var (path, text) in RepositoryFiles.Write(snapshot).Where(f => f.Key != RepositoryLayout.AppPath(app.Slug)))
            {
                copy.WriteFile(path, text);
            }

            var theirs = copy.ReadFile(RepositoryLayout.AppPath(app.Slug)) is { } recorded ? TryRead(recorded) : null;
            copy.WriteFile(RepositoryLayout.AppPath(app.Slug), GitSyncJson.Write(RepositoryFiles.Merge(RepositoryFiles.AppFileOf(snapshot), theirs)));
            tags.AddRange(snapshot.Versions.Select(v => RepositoryLayout.Tag(app.Slug, v.Name)));
        }

        foreach (var (path, text) in WorkspaceValuesFiles.Write(await GitSyncSnapshots.LoadValuesAsync(db, cancellationToken)))
        {
            copy.WriteFile(path, WorkspaceValuesFiles.MergeText(path, text, copy.ReadFile(path)));
        }

        return new Written(tags, clashes);
    }

    private static bool IsClash(GitWorkingCopy copy, string slug, VersionSnapshot version)
    {
        var recorded = copy.ReadFile(RepositoryLayout.VersionPath(slug, version.Name));
        if (recorded is null)
        {
            return false;
        }

        try
        {
            var file = GitSyncJson.Read<RepositoryFiles.VersionFile>(recorded);
            // A hash recorded before definitions were trees of objects is of another kind: then the content itself decides.
            return file.DefinitionHash != version.DefinitionHash
                && GitSyncDefinitions.HashOf(RepositoryFiles.ReadDefinition(file, RepositoryLayout.VersionFolder(slug, version.Name), copy.ReadFile)) != version.DefinitionHash;
        }
        catch (Exception exception) when (exception is System.Text.Json.JsonException or KeyNotFoundException or NotSupportedException)
        {
            return true; // a folder we cannot read is not ours to overwrite
        }
    }

    private static RepositoryFiles.AppFile? TryRead(string text)
    {
        try
        {
            return GitSyncJson.Read<RepositoryFiles.AppFile>(text);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    /// <summary>SPEC G2: the acting user is the author; the connection's identity stands in when the user is gone or has no email.</summary>
    private async Task<GitIdentity> AuthorAsync(GitSyncJob job, GitSyncSettings settings, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var user = await db.Users.AsNoTracking().Where(u => u.Id == job.RequestedById).Select(u => new { u.DisplayName, u.Email }).FirstOrDefaultAsync(cancellationToken);
        return user is { Email: { Length: > 0 } email }
            ? new GitIdentity(string.IsNullOrWhiteSpace(user.DisplayName) ? job.RequestedByName : user.DisplayName, email)
            : new GitIdentity(job.RequestedByName.Length > 0 ? job.RequestedByName : settings.AuthorName, settings.AuthorEmail);
    }

    private async Task<Outcome> FetchAsync(GitSyncJob job, GitWorkingCopy copy, CancellationToken cancellationToken)
    {
        await ReportAsync(job, "Fetching…", cancellationToken);
        var fetched = await copy.FetchAsync(cancellationToken);
        return fetched.Succeeded
            ? new Outcome(true, "Fetched. Pull lists what the repository holds that this instance lacks.")
            : new Outcome(false, GitFailures.Describe(await RemoteAsync(cancellationToken), fetched));
    }

    private async Task<GitRemote> RemoteAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return RemoteOf(await db.GitSyncSettings.AsNoTracking().SingleAsync(s => s.Id == GitSyncSettings.SingletonId, cancellationToken), secrets);
    }

    /// <summary>Pull (the chosen versions) or restore (everything, with release history): fetch, read the branch, import in one transaction.</summary>
    private async Task<Outcome> ImportAsync(GitSyncJob job, GitWorkingCopy copy, CancellationToken cancellationToken)
    {
        await ReportAsync(job, "Fetching…", cancellationToken);
        var fetched = await copy.FetchAsync(cancellationToken);
        if (!fetched.Succeeded)
        {
            return new Outcome(false, GitFailures.Describe(await RemoteAsync(cancellationToken), fetched) + " Nothing was imported.");
        }

        await ReportAsync(job, "Reading the repository…", cancellationToken);
        var files = await copy.ReadRemoteTreeAsync(cancellationToken);
        var (apps, problems) = RepositoryFiles.Read(files);
        var values = WorkspaceValuesFiles.Read(files, [.. problems]);
        var chosen = PullSelection.Parse(job.Selection);
        var restore = job.Kind == GitSyncJobKind.Restore;
        var report = new ImportReport();
        report.Notes.AddRange(problems);

        var actor = new Actor(job.RequestedById, job.RequestedByName);
        var now = clock.GetUtcNow().UtcDateTime;
        var wanted = apps.Where(a => restore || chosen.ContainsKey(a.Slug)).ToList();
        await ReportAsync(job, $"Importing {wanted.Count} app(s)…", cancellationToken);
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            await using var transaction = await audit.BeginAsync(db, cancellationToken);
            var references = wanted.SelectMany(a => a.Versions.Where(v => restore || chosen[a.Slug].Contains(v.Name)))
                .Select(v => DefinitionReferences.Of(v.Definition)).ToList();
            await importer.ImportValuesAsync(db, restore ? values : values.Only(
                references.SelectMany(r => r.DataSources).ToHashSet(), references.SelectMany(r => r.Constants).ToHashSet()), SecretValues.None, report, cancellationToken);
            foreach (var app in wanted)
            {
                await importer.ImportAppAsync(db, app, restore ? null : chosen[app.Slug], withReleaseHistory: restore, job.RequestedById, now, report, cancellationToken);
            }

            await transaction.CommitAsync(actor, new AuditEvent(AuditActions.GitSyncImported, Details: Truncate(report.Summary())), cancellationToken);
        }

        foreach (var appId in report.ChangedApps.Union(report.CreatedApps))
        {
            notifier.Publish(new AppChange(appId, report.CreatedApps.Contains(appId) ? AppChangeKinds.Created : AppChangeKinds.VersionCreated, job.RequestedById, job.RequestedByName));
        }

        return new Outcome(true, report.Summary());
    }

    private static string Truncate(string text) => text.Length > AuditEntry.MaxDetailsLength ? text[..AuditEntry.MaxDetailsLength] : text;
}

/// <summary>Pull's choice as stored on its job: one "slug/version" per line (a slug has no "/", a version name neither).</summary>
public static class PullSelection
{
    public static string Format(IEnumerable<(string Slug, string Version)> chosen) =>
        string.Join("\n", chosen.Select(c => $"{c.Slug}/{c.Version}"));

    public static Dictionary<string, HashSet<string>> Parse(string? selection) =>
        (selection ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => (Slug: line[..line.IndexOf('/')], Version: line[(line.IndexOf('/') + 1)..]))
            .GroupBy(c => c.Slug)
            .ToDictionary(g => g.Key, g => g.Select(c => c.Version).ToHashSet(StringComparer.Ordinal));
}
