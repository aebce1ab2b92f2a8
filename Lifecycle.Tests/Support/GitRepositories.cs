using System.Diagnostics;
using System.Text;

namespace Lifecycle.Tests.Support;

/// <summary>
/// Real git repositories made by the tests with the git command line: bare "remotes" on disk and scratch clones that
/// play another instance or a person. Every git process of the test run (the app's too) reads a global configuration
/// of its own (safe.directory for CI, which runs as root), never the machine's identity or credential helpers.
/// </summary>
public sealed class GitRepositories : IDisposable
{
    private static readonly string GlobalConfig = Path.Combine(Path.GetTempPath(), $"lifecycle-tests-gitconfig-{Environment.ProcessId}");

    static GitRepositories()
    {
        File.WriteAllText(GlobalConfig, "[safe]\n\tdirectory = *\n[init]\n\tdefaultBranch = main\n");
        Environment.SetEnvironmentVariable("GIT_CONFIG_GLOBAL", GlobalConfig);
        Environment.SetEnvironmentVariable("GIT_CONFIG_NOSYSTEM", "1");
    }

    public GitRepositories()
    {
        Root = Path.Combine(Path.GetTempPath(), $"lifecycle-git-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    /// <summary>A new empty bare repository under <see cref="Root"/>, as a team's remote.</summary>
    public string CreateBare(string name = "apps.git")
    {
        var path = Path.Combine(Root, name);
        Git(Root, "init", "-q", "--bare", "-b", "main", path);
        return path;
    }

    /// <summary>A clone of <paramref name="remote"/> (its branch main), to read what was pushed.</summary>
    public string Clone(string remote)
    {
        var path = Path.Combine(Root, "clone-" + Guid.NewGuid().ToString("N")[..8]);
        Git(Root, "clone", "-q", remote, path);
        return path;
    }

    /// <summary>Commits a file straight into the bare repository's main, as another instance pushing meanwhile.</summary>
    public void PushForeignCommit(string bare, string file, string text)
    {
        var clone = Clone(bare);
        File.WriteAllText(Path.Combine(clone, file), text);
        Git(clone, "add", "-A");
        Git(clone, "-c", "user.name=Other Instance", "-c", "user.email=other@example.com", "commit", "-q", "-m", $"Other instance writes {file}");
        Git(clone, "push", "-q", "origin", "HEAD:refs/heads/main");
    }

    /// <summary>Every object ever stored in the repository, whatever refers to it: what a secret must never be part of.</summary>
    public string EveryObject(string bare) => Git(bare, "cat-file", "--batch-all-objects", "--batch");

    public static string Git(string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"git {string.Join(' ', arguments)} failed: {errors}");
        }

        return output.Result;
    }

    public void Dispose()
    {
        if (Directory.Exists(Root))
        {
            foreach (var file in Directory.EnumerateFiles(Root, "*", SearchOption.AllDirectories))
            {
                File.SetAttributes(file, FileAttributes.Normal);
            }

            Directory.Delete(Root, recursive: true);
        }
    }
}
