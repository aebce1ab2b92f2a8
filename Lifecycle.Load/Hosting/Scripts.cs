using System.Diagnostics;

namespace Lifecycle.Load.Hosting;

/// <summary>Runs the repository's scripts (scripts/postgres.sh, scripts/nginx.sh), which the test command uses as well.</summary>
internal static class Scripts
{
    public static async Task<string> RunAsync(string repositoryRoot, string script, params string[] arguments)
    {
        var start = new ProcessStartInfo("bash", [Path.Combine(repositoryRoot, "scripts", script), .. arguments])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = repositoryRoot,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{script} did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"scripts/{script} {string.Join(' ', arguments)} failed: {await errors}");
        }

        return (await output).Trim();
    }
}
