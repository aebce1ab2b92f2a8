using System.Diagnostics;
using System.Text;

namespace Lifecycle.Data.GitSync;

/// <summary>What a git command printed and how it ended.</summary>
public sealed record GitOutput(int ExitCode, byte[] StandardOutputBytes, string StandardError)
{
    public bool Succeeded => ExitCode == 0;

    public string StandardOutput => Encoding.UTF8.GetString(StandardOutputBytes);

    /// <summary>The last line git wrote to stderr that says something (its error), for messages to the user.</summary>
    public string LastErrorLine => StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .LastOrDefault(l => !l.StartsWith("hint:", StringComparison.Ordinal)) ?? $"git exited with {ExitCode}.";
}

/// <summary>
/// Runs the git command line (decision 021): arguments are passed as a list (no shell), prompts are off, messages are
/// in English (LC_ALL=C) so failures can be told apart, and credentials reach git only through its environment.
/// </summary>
internal static class GitProcess
{
    public static async Task<GitOutput> RunAsync(string? workingDirectory, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment, TimeSpan timeout, CancellationToken cancellationToken, byte[]? standardInput = null)
    {
        var start = new ProcessStartInfo("git")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        if (workingDirectory is not null)
        {
            start.WorkingDirectory = workingDirectory;
        }

        // No helper may store or offer credentials other than the ones we pass (a "store" helper would write them to disk).
        foreach (var argument in new[] { "-c", "credential.helper=", "-c", "core.quotePath=false" }.Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["GIT_TERMINAL_PROMPT"] = "0";
        start.Environment["LC_ALL"] = "C";
        start.Environment["LANGUAGE"] = "C";
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("git could not be started.");
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var output = new MemoryStream();
        var reading = process.StandardOutput.BaseStream.CopyToAsync(output, deadline.Token);
        var errors = process.StandardError.ReadToEndAsync(deadline.Token);
        try
        {
            if (standardInput is not null)
            {
                await process.StandardInput.BaseStream.WriteAsync(standardInput, deadline.Token);
            }

            process.StandardInput.Close();
            await Task.WhenAll(reading, errors);
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            process.Kill(entireProcessTree: true);
            return new GitOutput(-1, [], $"fatal: git did not finish within {timeout.TotalSeconds:0} seconds.");
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return new GitOutput(process.ExitCode, output.ToArray(), await errors);
    }
}
