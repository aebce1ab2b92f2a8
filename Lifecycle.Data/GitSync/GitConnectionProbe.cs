namespace Lifecycle.Data.GitSync;

/// <summary>What <b>Test connection</b> found (issue 11): whether the repository answers, whether the branch exists, whether we may push.</summary>
public sealed record ConnectionReport(bool Reachable, bool BranchExists, bool MayPush, string Message);

/// <summary>
/// Tries a connection without touching this instance's clone: <c>git ls-remote</c> for reachability and the branch,
/// then a dry-run push of a throw-away commit, which makes the server check our right to push without changing anything.
/// </summary>
internal static class GitConnectionProbe
{
    public static async Task<ConnectionReport> ProbeAsync(GitRemote remote, string workDirectory, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var credentialsDirectory = Path.Combine(workDirectory, "credentials");
        using var credentials = GitCredentialSession.Open(remote, credentialsDirectory);
        var listed = await GitProcess.RunAsync(null, ["ls-remote", "--heads", remote.Url], credentials.Environment, timeout, cancellationToken);
        if (!listed.Succeeded)
        {
            return new ConnectionReport(false, false, false, GitFailures.Describe(remote, listed));
        }

        var branchExists = listed.StandardOutput.Split('\n').Any(line => line.EndsWith($"\trefs/heads/{remote.Branch}", StringComparison.Ordinal));
        var scratch = Path.Combine(workDirectory, "probe-" + Guid.NewGuid().ToString("N"));
        try
        {
            Directory.CreateDirectory(scratch);
            var identity = new Dictionary<string, string>(credentials.Environment)
            {
                ["GIT_AUTHOR_NAME"] = "Lifecycle", ["GIT_AUTHOR_EMAIL"] = "lifecycle@localhost",
                ["GIT_COMMITTER_NAME"] = "Lifecycle", ["GIT_COMMITTER_EMAIL"] = "lifecycle@localhost",
            };
            await GitProcess.RunAsync(scratch, ["init", "-q"], identity, timeout, cancellationToken);
            await GitProcess.RunAsync(scratch, ["commit", "-q", "--allow-empty", "-m", "connection test"], identity, timeout, cancellationToken);
            var pushed = await GitProcess.RunAsync(scratch, ["push", "--dry-run", "--porcelain", remote.Url, $"HEAD:refs/heads/lifecycle-connection-test-{Guid.NewGuid():N}"], identity, timeout, cancellationToken);
            var branch = branchExists
                ? $"branch {remote.Branch} exists"
                : $"branch {remote.Branch} does not exist yet (the first commit creates it)";
            return pushed.Succeeded
                ? new ConnectionReport(true, branchExists, true, $"Reachable; {branch}; pushing is allowed.")
                : new ConnectionReport(true, branchExists, false, $"Reachable; {branch}; but pushing is not allowed: {GitFailures.Describe(remote, pushed)}");
        }
        finally
        {
            if (Directory.Exists(scratch))
            {
                Directory.Delete(scratch, recursive: true);
            }
        }
    }
}
