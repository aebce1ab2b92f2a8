using System.Diagnostics;
using Lifecycle.Data.Persistence;
using Lifecycle.Load.Hosting;
using Lifecycle.Load.Seeding;
using Lifecycle.Load.Users;

namespace Lifecycle.Load;

/// <summary>
/// One run: start (or reach) the server, seed the workspace, sign the accounts in, read the server's memory, open every
/// circuit, let them idle and read memory again, let every user edit for the duration, read memory a third time, close.
/// </summary>
public static class LoadRun
{
    public static async Task<LoadReport> RunAsync(LoadOptions options, string repositoryRoot, Action<string> log, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var cpuAtStart = Process.GetCurrentProcess().TotalProcessorTime;
        var loadAtStart = Machine.LoadAverage();
        var directory = options.DataDirectory ?? Path.Combine(Path.GetTempPath(), $"lifecycle-load-{Guid.NewGuid():N}");
        Directory.CreateDirectory(directory);
        IReadOnlyList<LoadAccount> accounts = [];
        IReadOnlyList<LoadApp> apps = [];
        async Task SeedAsync(DatabaseSettings database, string? keys)
        {
            log($"Seeding {options.Accounts} accounts and {options.Circuits + 1} apps of {options.Components} components...");
            (accounts, apps) = await LoadWorkspace.SeedAsync(database, keys, options.Accounts, options.Circuits + 1, options.Components, log, cancellationToken);
        }

        LoadTarget target;
        switch (options.Target)
        {
            case TargetKind.Sqlite:
                target = await LoadTarget.StartSqliteAsync(repositoryRoot, options.Configuration, directory, SeedAsync, options.Settings);
                break;
            case TargetKind.Cluster:
                target = await LoadTarget.StartClusterAsync(repositoryRoot, options.Configuration, directory, options.Instances, options.Circuits, SeedAsync, options.Settings);
                break;
            default:
                target = LoadTarget.Existing(options.Url!, options.InstanceUrls, options.Database);
                if (target.Database is { } database)
                {
                    await SeedAsync(database, null);
                }
                else
                {
                    // Seeded beforehand by an earlier run with --database: the same names.
                    accounts = Enumerable.Range(1, options.Accounts).Select(i => new LoadAccount($"load-{i:D4}@load.test", LoadWorkspace.Password)).ToList();
                    apps = Enumerable.Range(1, options.Circuits + 1).Select(i => new LoadApp($"load-{i:D4}", LoadWorkspace.EditedComponentName(options.Components))).ToList();
                }

                break;
        }

        log($"Target: {target.Description} at {target.Address}.");
        if (options.SeedOnly)
        {
            await target.DisposeAsync();
            return new LoadReport(target.Description, options, 0, 0, null, new LoadMetrics(), null, null, null, loadAtStart, double.NaN, 0, clock.Elapsed);
        }

        var metrics = new LoadMetrics();
        var browsers = new List<BrowserSession>();
        var editors = new List<SimulatedEditor>();
        try
        {
            foreach (var account in accounts)
            {
                var browser = new BrowserSession(target.Address);
                browsers.Add(browser);
            }

            await ForEachAsync(Enumerable.Range(0, accounts.Count), 4, i => browsers[i].SignInAsync(accounts[i], cancellationToken));
            log($"{accounts.Count} accounts signed in.");

            // Warm-up: an editor opened, edited and closed on an app of its own by a few accounts in turn (so that every
            // instance behind the proxy serves one), so that the baseline includes JIT and caches.
            foreach (var browser in browsers.Take(Math.Max(1, target.Instances.Count * 2)))
            {
                await using var warmUp = new SimulatedEditor(0, browser, apps[^1], new LoadMetrics());
                await warmUp.OpenAsync(cancellationToken);
                await warmUp.EditAsync(cancellationToken);
            }

            await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
            var baseline = await ServerMemory.ReadAsync(target.Instances, collect: true, cancellationToken);
            log(baseline is null ? "No memory endpoint: memory is not measured." : $"Baseline: working set {baseline.WorkingSetBytes / 1048576} MB, GC heap {baseline.GcHeapBytes / 1048576} MB.");

            var perAccount = Math.Max(1, options.CircuitsPerAccount);
            editors.AddRange(Enumerable.Range(0, options.Circuits).Select(i => new SimulatedEditor(i + 1, browsers[Math.Min(i / perAccount, browsers.Count - 1)], apps[i], metrics)));
            var opened = 0;
            await ForEachAsync(editors, options.ConnectConcurrency, async editor =>
            {
                try
                {
                    await editor.OpenAsync(cancellationToken);
                    if (Interlocked.Increment(ref opened) % 100 == 0)
                    {
                        log($"{opened} circuits open.");
                    }
                }
                catch (Exception failure) when (failure is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    metrics.Error($"Opening the editor failed: {failure.Message}");
                }
            });
            var circuitsOpened = editors.Count(e => e.IsHealthy);
            log($"{circuitsOpened} of {options.Circuits} circuits open; idle for {options.Settle.TotalSeconds:0} s.");
            await Task.Delay(options.Settle, cancellationToken);
            var idle = await ServerMemory.ReadAsync(target.Instances, collect: true, cancellationToken);

            log($"Editing for {options.Duration.TotalSeconds:0} s, one edit per user every {options.Interval.TotalSeconds:0.#} s...");
            var loadSamples = new List<double>();
            using var editing = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            editing.CancelAfter(options.Duration);
            var sampler = SampleLoadAsync(loadSamples, editing.Token);
            await Task.WhenAll(editors.Where(e => e.IsHealthy).Select((editor, i) => EditLoopAsync(editor, options.Interval, metrics, editing.Token)));
            await sampler;
            var afterEdits = await ServerMemory.ReadAsync(target.Instances, collect: true, cancellationToken);
            var held = editors.Count(e => e.IsHealthy);
            log($"{held} circuits held to the end.");

            var report = new LoadReport(target.Description, options, circuitsOpened, held, afterEdits?.Circuits, metrics, baseline, idle, afterEdits,
                loadAtStart, loadSamples.Count == 0 ? double.NaN : loadSamples.Average(),
                (Process.GetCurrentProcess().TotalProcessorTime - cpuAtStart).TotalSeconds, clock.Elapsed);
            log($"Closing the circuits. The figures:{Environment.NewLine}{Environment.NewLine}{report.ToMarkdown()}"); // before the slow part
            if (metrics.ErrorCount > 0)
            {
                // The circuit reports only that an event failed (detailed errors are off); the server's log says why.
                log($"The servers' warnings and errors:{Environment.NewLine}{target.Logs}");
            }

            return report;
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            throw new InvalidOperationException($"The load run failed: {failure.Message}{Environment.NewLine}{target.Logs}", failure);
        }
        finally
        {
            await ForEachAsync(editors, 32, async editor => await editor.DisposeAsync());
            foreach (var browser in browsers)
            {
                browser.Dispose();
            }

            await target.DisposeAsync();
            if (options.DataDirectory is null)
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }

    /// <summary>A user's edits: the first at a random point of the first interval (so users do not edit in step), then one per interval.</summary>
    private static async Task EditLoopAsync(SimulatedEditor editor, TimeSpan interval, LoadMetrics metrics, CancellationToken stop)
    {
        try
        {
            await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * interval.TotalMilliseconds), stop);
            var next = Stopwatch.GetTimestamp();
            while (!stop.IsCancellationRequested && editor.IsHealthy)
            {
                next += (long)(interval.TotalSeconds * Stopwatch.Frequency);
                await editor.EditAsync(stop);
                var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), next);
                if (wait < TimeSpan.Zero)
                {
                    metrics.EditLate();
                    next = Stopwatch.GetTimestamp();
                    continue;
                }

                await Task.Delay(wait, stop);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The editing phase is over; an edit in flight is not counted as lost.
        }
        catch (Exception failure)
        {
            metrics.Error($"Editing failed: {failure.Message}");
        }
    }

    private static async Task SampleLoadAsync(List<double> samples, CancellationToken stop)
    {
        try
        {
            while (!stop.IsCancellationRequested)
            {
                samples.Add(Machine.LoadAverage());
                await Task.Delay(TimeSpan.FromSeconds(5), stop);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static Task ForEachAsync<T>(IEnumerable<T> items, int concurrency, Func<T, Task> action) =>
        Parallel.ForEachAsync(items, new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (item, _) => await action(item));
}
