using System.Diagnostics;
using System.Globalization;
using Lifecycle.CrashWorker;
using Lifecycle.Data.Access;
using Lifecycle.Data.Persistence;
using Lifecycle.Tests.EndToEnd;

namespace Lifecycle.Tests.Integration.Reliability;

/// <summary>What a killed worker had said: the writes it reported done, the one it had announced and not reported, and any refusal.</summary>
public sealed record WorkerReport(IReadOnlyList<CrashStep> Done, CrashStep? InFlight, string? Failure, string Output);

/// <summary>
/// <c>Lifecycle.CrashWorker</c> (built with the tests) as a child process, <c>dotnet Lifecycle.CrashWorker.dll</c>, on the
/// test's database; <see cref="KillAsync"/> ends it with SIGKILL (<see cref="Process.Kill()"/>), wherever it is.
/// </summary>
public sealed class CrashWorkerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<string> _lines = [];
    private readonly Task _reading;
    private readonly StringWriter _errors = new();
    private (int Count, TaskCompletionSource Reached)? _waiting;
    private bool _ready;
    private int _done;

    private CrashWorkerProcess(Process process)
    {
        _process = process;
        _reading = ReadAsync();
        _process.ErrorDataReceived += (_, e) =>
        {
            lock (_errors)
            {
                _errors.WriteLine(e.Data);
            }
        };
        _process.BeginErrorReadLine();
    }

    public static CrashWorkerProcess Start(DatabaseSettings database, Actor actor, int seed, string prefix)
    {
        var root = AppServer.RepositoryRoot();
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}") ? "Release" : "Debug";
        var dll = Path.Combine(root, "Lifecycle.CrashWorker", "bin", configuration, "net10.0", "Lifecycle.CrashWorker.dll");
        var start = new ProcessStartInfo("dotnet",
        [
            dll, "--provider", database.Provider.ToString(), "--connection", database.ConnectionString, "--actor-id", actor.UserId,
            "--actor-name", actor.Name, "--seed", seed.ToString(CultureInfo.InvariantCulture), "--prefix", prefix,
        ])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        return new CrashWorkerProcess(Process.Start(start) ?? throw new InvalidOperationException("The crash worker did not start."));
    }

    /// <summary>Waits until the worker has reported <paramref name="count"/> writes done (0: until it is ready), or has stopped.</summary>
    public async Task WaitForDoneAsync(int count, TimeSpan within)
    {
        var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lines)
        {
            _waiting = (count, reached);
            Check();
        }

        var first = await Task.WhenAny(reached.Task, _reading, Task.Delay(within));
        if (first != reached.Task && first != _reading)
        {
            throw new TimeoutException($"The crash worker did not report {count} writes within {within.TotalSeconds} s:{Environment.NewLine}{Output()}");
        }
    }

    /// <summary>SIGKILL now, then everything the worker had written to its output before it died.</summary>
    public async Task<WorkerReport> KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
        }

        await _process.WaitForExitAsync();
        await _reading;
        List<(string Phase, CrashStep Step)> steps;
        lock (_lines)
        {
            steps = [.. _lines.Select(CrashProtocol.Parse).OfType<(string Phase, CrashStep Step)>()];
        }

        var done = steps.Where(s => s.Phase == CrashProtocol.Done).Select(s => s.Step).ToList();
        var started = steps.Where(s => s.Phase == CrashProtocol.Start).Select(s => s.Step).LastOrDefault();
        var failure = _lines.FirstOrDefault(line => line.StartsWith(CrashProtocol.Failed, StringComparison.Ordinal));
        return new WorkerReport(done, started is not null && done.LastOrDefault()?.Number != started.Number ? started : null, failure, Output());
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private async Task ReadAsync()
    {
        while (await _process.StandardOutput.ReadLineAsync() is { } line)
        {
            lock (_lines)
            {
                _lines.Add(line);
                _ready |= line == CrashProtocol.Ready;
                _done += line.StartsWith(CrashProtocol.Done + " ", StringComparison.Ordinal) ? 1 : 0;
                Check();
            }
        }
    }

    private void Check()
    {
        if (_waiting is var (count, reached) && _ready && _done >= count)
        {
            reached.TrySetResult();
        }
    }

    private string Output()
    {
        lock (_lines)
        lock (_errors)
        {
            return string.Join(Environment.NewLine, _lines.TakeLast(40)) + Environment.NewLine + _errors;
        }
    }
}
