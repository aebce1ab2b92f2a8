using System.Text;

namespace Lifecycle.Data.GitSync;

public enum GitCredentialKind
{
    None = 0,

    /// <summary>HTTPS: a username and a password or access token.</summary>
    UsernameAndPassword = 1,

    /// <summary>SSH: a private key (without a passphrase).</summary>
    SshKey = 2,
}

/// <summary>How to reach a repository: its address, branch and credentials (the secret in plain text, in memory only).</summary>
public sealed record GitRemote(string Url, string Branch, GitCredentialKind CredentialKind, string? Username, string? Secret)
{
    public override string ToString() => $"{Url} ({Branch})"; // never the secret
}

/// <summary>
/// Hands credentials to git for one command without writing them to the repository's configuration or a command
/// line: HTTPS passwords through an askpass script that reads them from the process environment, SSH keys through a
/// key file readable by this account only that exists while the command runs.
/// </summary>
internal sealed class GitCredentialSession : IDisposable
{
    private const string UsernameVariable = "LIFECYCLE_GIT_USERNAME";
    private const string PasswordVariable = "LIFECYCLE_GIT_PASSWORD";
    private readonly string? _keyFile;

    private GitCredentialSession(Dictionary<string, string> environment, string? keyFile)
    {
        Environment = environment;
        _keyFile = keyFile;
    }

    public IReadOnlyDictionary<string, string> Environment { get; }

    public static GitCredentialSession Open(GitRemote remote, string workDirectory)
    {
        Directory.CreateDirectory(workDirectory);
        var environment = new Dictionary<string, string>();
        string? keyFile = null;
        switch (remote.CredentialKind)
        {
            case GitCredentialKind.UsernameAndPassword:
                environment["GIT_ASKPASS"] = AskPassScript(workDirectory);
                environment[UsernameVariable] = remote.Username ?? "";
                environment[PasswordVariable] = remote.Secret ?? "";
                break;
            case GitCredentialKind.SshKey:
                keyFile = Path.Combine(workDirectory, $"key-{Guid.NewGuid():N}");
                File.WriteAllText(keyFile, "", Encoding.ASCII);
                if (!OperatingSystem.IsWindows())
                {
                    File.SetUnixFileMode(keyFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
                }

                File.WriteAllText(keyFile, (remote.Secret ?? "").ReplaceLineEndings("\n").TrimEnd() + "\n", Encoding.ASCII);
                var knownHosts = Path.Combine(workDirectory, "known_hosts");
                environment["GIT_SSH_COMMAND"] = $"ssh -i '{keyFile}' -o IdentitiesOnly=yes -o BatchMode=yes -o StrictHostKeyChecking=accept-new -o UserKnownHostsFile='{knownHosts}'";
                break;
        }

        return new GitCredentialSession(environment, keyFile);
    }

    public void Dispose()
    {
        if (_keyFile is not null && File.Exists(_keyFile))
        {
            File.Delete(_keyFile);
        }
    }

    private static string AskPassScript(string workDirectory)
    {
        var script = Path.Combine(workDirectory, "askpass.sh");
        const string text = $$"""
            #!/bin/sh
            # Answers git's credential prompts from the environment of the one git command that runs it.
            case "$1" in
              Username*) printf '%s\n' "${{{UsernameVariable}}}" ;;
              *) printf '%s\n' "${{{PasswordVariable}}}" ;;
            esac

            """;
        if (!File.Exists(script) || File.ReadAllText(script) != text)
        {
            File.WriteAllText(script, text);
        }

        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        return script;
    }
}

/// <summary>Clear messages for git's failures (SPEC G7): bad credentials, an unreachable repository, anything else.</summary>
public static class GitFailures
{
    private static readonly string[] CredentialSigns =
    [
        "Authentication failed", "could not read Username", "could not read Password", "returned error: 401", "returned error: 403",
        "Permission denied (publickey", "Invalid username or password",
    ];

    private static readonly string[] UnreachableSigns =
    [
        "Could not resolve host", "Failed to connect", "Connection refused", "Connection timed out", "unable to access",
        "does not appear to be a git repository", "not found", "Could not read from remote repository", "did not finish within",
        "No such file or directory", "unable to connect", "Network is unreachable",
    ];

    public static bool IsCredentialFailure(GitOutput output) => CredentialSigns.Any(s => output.StandardError.Contains(s, StringComparison.OrdinalIgnoreCase));

    public static string Describe(GitRemote remote, GitOutput output)
    {
        if (IsCredentialFailure(output))
        {
            return $"The repository {remote.Url} refused the credentials. Check the username and password or token (or the SSH key) in the connection settings.";
        }

        return UnreachableSigns.Any(s => output.StandardError.Contains(s, StringComparison.OrdinalIgnoreCase))
            ? $"Could not reach the repository {remote.Url}: {output.LastErrorLine}"
            : $"git failed: {output.LastErrorLine}";
    }
}
