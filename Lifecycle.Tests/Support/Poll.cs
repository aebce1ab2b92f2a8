namespace Lifecycle.Tests.Support;

/// <summary>
/// Waits for a background effect (a log line, an exported span, a job's outcome) by asking again until it is there or a
/// deadline passes. For what a browser shows, Playwright's own waiting is used instead.
/// </summary>
public static class Poll
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    /// <summary>The first non-null answer of <paramref name="probe"/>; fails when there is none within <paramref name="within"/>.</summary>
    public static Task<T> UntilAsync<T>(Func<T?> probe, TimeSpan within)
        where T : class => UntilAsync(() => Task.FromResult(probe()), within);

    /// <inheritdoc cref="UntilAsync{T}(Func{T}, TimeSpan)"/>
    public static async Task<T> UntilAsync<T>(Func<Task<T?>> probe, TimeSpan within)
        where T : class
    {
        var deadline = DateTime.UtcNow + within;
        while (true)
        {
            if (await probe() is { } found)
            {
                return found;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Not there after {within.TotalSeconds} s.");
            }

            await Task.Delay(Interval);
        }
    }
}
