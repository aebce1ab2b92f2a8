using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Lifecycle.Data.GitSync;

/// <summary>Who a commit is by: the acting user as author (SPEC G2), the connection's identity as committer.</summary>
public sealed record GitIdentity(string Name, string Email);

/// <summary>One commit of the branch, newest first in the GitSync page's history.</summary>
public sealed record GitCommitInfo(string Id, string AuthorName, string AuthorEmail, DateTimeOffset At, string Message, bool Pushed)
{
    public string ShortId => Id[..Math.Min(8, Id.Length)];
}

public enum PushOutcome
{
    Pushed,

    /// <summary>The remote branch moved since our fetch (SPEC G7: fetch and retry once).</summary>
    Rejected,
    Failed,
}

/// <summary>
/// This instance's clone of the connected repository, kept under the GitSync work directory (one folder per address
/// and branch). Commits are made here first, then pushed: a failed push keeps them, and the next job pushes them.
/// Not thread-safe: the job runner uses it one job at a time.
/// </summary>
internal sealed class GitWorkingCopy
{
    private static readonly TimeSpan LocalTimeout = TimeSpan.FromSeconds(60);
    private readonly GitRemote _remote;
    private readonly string _credentialsDirectory;
    private readonly TimeSpan _networkTimeout;

    public GitWorkingCopy(GitRemote remote, string workDirectory, TimeSpan networkTimeout)
    {
        _remote = remote;
        _credentialsDirectory = Path.Combine(workDirectory, "credentials");
        _networkTimeout = networkTimeout;
        var key = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{remote.Url}\n{remote.Branch}")))[..16];
        Directory = Path.Combine(workDirectory, "repositories", key);
    }

    public string Directory { get; }

    private string Branch => _remote.Branch;

    private string RemoteBranch => $"refs/remotes/origin/{Branch}";

    public async Task EnsureAsync(CancellationToken cancellationToken)
    {
        if (!System.IO.Directory.Exists(Path.Combine(Directory, ".git")))
        {
            System.IO.Directory.CreateDirectory(Directory);
            await LocalAsync(cancellationToken, "init", "-q", "-b", Branch);
            await LocalAsync(cancellationToken, "remote", "add", "origin", _remote.Url);
        }
        else
        {
            await LocalAsync(cancellationToken, "remote", "set-url", "origin", _remote.Url);
        }
    }

    /// <summary>Fetches every branch and tag of the repository. A failure (unreachable, refused) comes back as the output.</summary>
    public Task<GitOutput> FetchAsync(CancellationToken cancellationToken) =>
        NetworkAsync(cancellationToken, "fetch", "-q", "--prune", "--no-tags", "origin", "+refs/heads/*:refs/remotes/origin/*", "+refs/tags/*:refs/tags/*");

    public async Task<bool> HasRemoteBranchAsync(CancellationToken cancellationToken) =>
        (await RunAsync(cancellationToken, "rev-parse", "-q", "--verify", RemoteBranch)).Succeeded;

    /// <summary>
    /// Puts the local branch on the fetched remote branch. Commits that were made here but never pushed are replayed on
    /// top; if they cannot be (a clash with the other instance's commits), they are dropped and the caller writes this
    /// instance's content again, which the database still holds, so nothing is lost.
    /// </summary>
    public async Task<bool> CatchUpAsync(CancellationToken cancellationToken)
    {
        if (!await HasRemoteBranchAsync(cancellationToken))
        {
            return true;
        }

        if (!(await RunAsync(cancellationToken, "rev-parse", "-q", "--verify", "HEAD")).Succeeded)
        {
            await LocalAsync(cancellationToken, "checkout", "-q", "-B", Branch, RemoteBranch);
            return true;
        }

        var unpushed = (await RunAsync(cancellationToken, "rev-list", $"{RemoteBranch}..HEAD")).StandardOutput.Trim();
        if (unpushed.Length == 0)
        {
            await LocalAsync(cancellationToken, "reset", "-q", "--hard", RemoteBranch);
            return true;
        }

        var rebased = await RunAsync(cancellationToken, "-c", "user.name=Lifecycle", "-c", "user.email=lifecycle@localhost", "rebase", "-q", RemoteBranch);
        if (rebased.Succeeded)
        {
            return true;
        }

        await RunAsync(cancellationToken, "rebase", "--abort");
        await LocalAsync(cancellationToken, "reset", "-q", "--hard", RemoteBranch);
        return false;
    }

    public string? ReadFile(string path)
    {
        var full = FullPath(path);
        return File.Exists(full) ? File.ReadAllText(full, Encoding.UTF8) : null;
    }

    public void WriteFile(string path, string text)
    {
        var full = FullPath(path);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        if (!File.Exists(full) || File.ReadAllText(full, Encoding.UTF8) != text)
        {
            File.WriteAllText(full, text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        }
    }

    /// <summary>Commits every change of the working tree; null when there is nothing to commit.</summary>
    public async Task<string?> CommitAsync(string message, GitIdentity author, GitIdentity committer, CancellationToken cancellationToken)
    {
        await LocalAsync(cancellationToken, "add", "-A");
        if ((await RunAsync(cancellationToken, "diff", "--cached", "--quiet")).Succeeded)
        {
            return null;
        }

        var identity = new Dictionary<string, string>
        {
            ["GIT_AUTHOR_NAME"] = author.Name,
            ["GIT_AUTHOR_EMAIL"] = author.Email,
            ["GIT_COMMITTER_NAME"] = committer.Name,
            ["GIT_COMMITTER_EMAIL"] = committer.Email,
        };
        var committed = await GitProcess.RunAsync(Directory, ["commit", "-q", "--no-verify", "-m", message], identity, LocalTimeout, cancellationToken);
        Ensure(committed, "commit");
        return (await LocalAsync(cancellationToken, "rev-parse", "HEAD")).StandardOutput.Trim();
    }

    /// <summary>Tags HEAD unless the tag exists (a tag names the commit that first held the version). True when made now.</summary>
    public async Task<bool> TagAsync(string tag, CancellationToken cancellationToken)
    {
        if ((await RunAsync(cancellationToken, "rev-parse", "-q", "--verify", $"refs/tags/{tag}")).Succeeded)
        {
            return false;
        }

        await LocalAsync(cancellationToken, "tag", tag, "HEAD");
        return true;
    }

    /// <summary>Pushes the branch and the given tags.</summary>
    public async Task<(PushOutcome Outcome, GitOutput Output)> PushAsync(IEnumerable<string> tags, CancellationToken cancellationToken)
    {
        var output = await NetworkAsync(cancellationToken, ["push", "--porcelain", "origin", $"HEAD:refs/heads/{Branch}", .. tags.Select(t => $"refs/tags/{t}:refs/tags/{t}")]);
        if (output.Succeeded)
        {
            return (PushOutcome.Pushed, output);
        }

        var branchRejected = output.StandardOutput.Split('\n').Any(line =>
            line.StartsWith('!') && line.Contains($"refs/heads/{Branch}", StringComparison.Ordinal) && line.Contains("rejected", StringComparison.Ordinal));
        return (branchRejected ? PushOutcome.Rejected : PushOutcome.Failed, output);
    }

    /// <summary>Tags that exist here but not in the repository (after a fetch): made by a job whose push failed.</summary>
    public async Task<IReadOnlyList<string>> UnpushedTagsAsync(CancellationToken cancellationToken)
    {
        var local = await RunAsync(cancellationToken, "for-each-ref", "--format=%(refname:short)", "refs/tags");
        var listed = await NetworkAsync(cancellationToken, "ls-remote", "--tags", "--refs", "origin");
        if (!listed.Succeeded)
        {
            return [];
        }

        var remote = listed.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('\t')[^1].Replace("refs/tags/", "", StringComparison.Ordinal)).ToHashSet(StringComparer.Ordinal);
        return [.. local.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(t => !remote.Contains(t))];
    }

    /// <summary>The branch's last commits here, newest first; <see cref="GitCommitInfo.Pushed"/> says whether the repository has them.</summary>
    public async Task<IReadOnlyList<GitCommitInfo>> LogAsync(int count, CancellationToken cancellationToken)
    {
        if (!System.IO.Directory.Exists(Path.Combine(Directory, ".git")) || !(await RunAsync(cancellationToken, "rev-parse", "-q", "--verify", "HEAD")).Succeeded)
        {
            return [];
        }

        var unpushed = await HasRemoteBranchAsync(cancellationToken)
            ? (await RunAsync(cancellationToken, "rev-list", $"{RemoteBranch}..HEAD")).StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).ToHashSet()
            : (await RunAsync(cancellationToken, "rev-list", "HEAD")).StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).ToHashSet();
        var log = await LocalAsync(cancellationToken, "log", $"-n{count}", "--format=%H%x1f%an%x1f%ae%x1f%aI%x1f%s%x1e", "HEAD");
        return [.. log.StandardOutput.Split('\x1e', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(record => record.Split('\x1f'))
            .Select(f => new GitCommitInfo(f[0], f[1], f[2], DateTimeOffset.Parse(f[3], CultureInfo.InvariantCulture), f[4], !unpushed.Contains(f[0])))];
    }

    /// <summary>Every file of the fetched remote branch (empty when the branch does not exist yet), read in two git calls.</summary>
    public async Task<IReadOnlyDictionary<string, string>> ReadRemoteTreeAsync(CancellationToken cancellationToken)
    {
        if (!await HasRemoteBranchAsync(cancellationToken))
        {
            return new Dictionary<string, string>();
        }

        var listing = await LocalAsync(cancellationToken, "ls-tree", "-r", "-z", RemoteBranch);
        var blobs = listing.StandardOutput.Split('\0', StringSplitOptions.RemoveEmptyEntries)
            .Select(entry => (Meta: entry[..entry.IndexOf('\t')].Split(' '), Path: entry[(entry.IndexOf('\t') + 1)..]))
            .Where(e => e.Meta[1] == "blob" && e.Path.EndsWith(".json", StringComparison.Ordinal))
            .ToList();
        if (blobs.Count == 0)
        {
            return new Dictionary<string, string>();
        }

        var request = Encoding.ASCII.GetBytes(string.Concat(blobs.Select(b => b.Meta[2] + "\n")));
        var batch = await GitProcess.RunAsync(Directory, ["cat-file", "--batch"], new Dictionary<string, string>(), LocalTimeout, cancellationToken, request);
        Ensure(batch, "cat-file");
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        var bytes = batch.StandardOutputBytes;
        var position = 0;
        foreach (var blob in blobs)
        {
            var headerEnd = Array.IndexOf(bytes, (byte)'\n', position);
            var header = Encoding.ASCII.GetString(bytes, position, headerEnd - position).Split(' ');
            var size = int.Parse(header[2], CultureInfo.InvariantCulture);
            files[blob.Path] = Encoding.UTF8.GetString(bytes, headerEnd + 1, size);
            position = headerEnd + 1 + size + 1;
        }

        return files;
    }

    private string FullPath(string path)
    {
        var full = Path.GetFullPath(Path.Combine(Directory, path));
        // Paths come from RepositoryLayout, whose segments cannot climb; this keeps it that way.
        return full.StartsWith(Path.GetFullPath(Directory) + Path.DirectorySeparatorChar, StringComparison.Ordinal)
            ? full
            : throw new InvalidOperationException($"{path} is outside the working copy.");
    }

    private Task<GitOutput> RunAsync(CancellationToken cancellationToken, params string[] arguments) =>
        GitProcess.RunAsync(Directory, arguments, new Dictionary<string, string>(), LocalTimeout, cancellationToken);

    private async Task<GitOutput> LocalAsync(CancellationToken cancellationToken, params string[] arguments)
    {
        var output = await RunAsync(cancellationToken, arguments);
        Ensure(output, arguments[0]);
        return output;
    }

    private async Task<GitOutput> NetworkAsync(CancellationToken cancellationToken, params string[] arguments)
    {
        using var credentials = GitCredentialSession.Open(_remote, _credentialsDirectory);
        return await GitProcess.RunAsync(Directory, arguments, credentials.Environment, _networkTimeout, cancellationToken);
    }

    private static void Ensure(GitOutput output, string command)
    {
        if (!output.Succeeded)
        {
            throw new GitCommandException($"git {command} failed: {output.LastErrorLine}");
        }
    }
}

/// <summary>A local git command failed where it should not (a damaged working copy, a full disk): reported as the job's failure.</summary>
public sealed class GitCommandException(string message) : Exception(message);
