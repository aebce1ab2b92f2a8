using System.Collections.Concurrent;

namespace Lifecycle.Data.GitSync;

/// <summary>
/// One user of this instance's clone at a time. A job changes the clone (init, fetch, reset, rebase, commit, push), and
/// a read of its history or files in the middle of that can see it half done: a CI run once saw the GitSync page's
/// `git log HEAD` fail right after `rev-parse HEAD` had succeeded, while a commit job ran. Jobs already run one at a
/// time (SPEC G7); a read waits for the running job, which on the admin's GitSync page is a short wait.
/// </summary>
internal static class WorkingCopyGate
{
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Gates = new(StringComparer.Ordinal);

    /// <summary>Waits until nobody else uses the clone in <paramref name="directory"/>; disposing the result lets the next one in.</summary>
    public static async Task<IDisposable> EnterAsync(string directory, CancellationToken cancellationToken)
    {
        var gate = Gates.GetOrAdd(Path.GetFullPath(directory), static _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        return new Exit(gate);
    }

    private sealed class Exit(SemaphoreSlim gate) : IDisposable
    {
        private int _done;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0)
            {
                gate.Release();
            }
        }
    }
}
