using System.Diagnostics;
using System.Text;
using Lifecycle.Benchmarks;
using Lifecycle.Benchmarks.Screens;
using Lifecycle.Data.Definitions;

if (args.Contains("screens") || args.Contains("--screens"))
{
    await ScreenBenchmark.RunAsync(args); // the screens in Chromium (docs/performance.md, "Screens")
    return;
}

// The performance figures of issue 9, side by side for Lifecycle and the row-per-component baseline.
// Usage: dotnet run -c Release --project Lifecycle.Benchmarks -- [--smoke] [--sizes 100,1000,10000] [--iterations 15]
//        [--versions 100] [--autosaves 20] [--placement together|scattered] [--keep-databases DIR] [--skip-storage] [--skip-operations] [--lifecycle-only] [--out docs/figures.md]
//        screens [--runs 5] [--tabs 10] [--skip-memory] [--smoke] [--out FILE]: the screens in Chromium instead (Screens/ScreenBenchmark.cs)
// --smoke alone runs both smokes: the storage scenarios on tiny sizes, then the screens (skipped, with the reason, without Chromium).
var options = BenchmarkOptions.Parse(args);
var report = new StringBuilder();
void Print(string line)
{
    Console.WriteLine(line);
    report.AppendLine(line);
}

Print($"# Lifecycle benchmark ({(options.Smoke ? "smoke run: proves the scenarios run, the timings mean nothing" : "full run")})");
Print($"Machine: {Environment.ProcessorCount} cores, {Machine.CpuModel()}, {Machine.MemoryGiB()} GiB RAM, load average {Machine.LoadAverage()} at start; {DateTime.UtcNow:u}");
Print($"Medians of {options.Iterations} runs after {options.Warmup} warm-up runs. ms: elapsed milliseconds; CPU: milliseconds of CPU the process used meanwhile (all its threads), which a loaded machine disturbs less; bytes: what the operation sent to the database in INSERT/UPDATE/DELETE values; SQL: commands sent to the database.");
Print("");
var subjects = options.LifecycleOnly ? Subjects.All.Take(1).ToList() : Subjects.All;
Print("| components | operation | " + string.Join(" | ", Subjects.Names.Take(subjects.Count).Select(n => $"{n} ms | CPU | bytes | SQL")) + " |");
Print("|---:|---|" + string.Concat(Subjects.Names.Take(subjects.Count).Select(_ => "---:|---:|---:|---:|")));
foreach (var size in options.SkipOperations ? [] : options.Sizes)
{
    var figures = new List<IReadOnlyDictionary<string, Figure>>();
    foreach (var start in subjects)
    {
        await using var subject = await start();
        figures.Add(await OperationScenario.RunAsync(subject, size, options));
    }

    foreach (var operation in OperationScenario.Operations)
    {
        Print($"| {size:N0} | {operation} | " + string.Join(" | ", figures.Select(f => f[operation].Cells())) + " |");
    }
}

if (!options.SkipStorage)
{
    Print("");
    Print($"Storage: {options.Versions} versions of a ~{options.StorageAppBytes / 1_000_000.0:F1} MB app, each version changing 1% of its components in {options.Autosaves} autosaves, then saved; collected where the subject collects.");
    Print($"Cold open: each of the last {StorageScenario.ColdOpenVersions} saved versions opened {StorageScenario.ColdOpenRounds} times, with what the subject keeps in memory forgotten before each open (a fresh server); median and 90th percentile.");
    Print("| where the changes fall | subject | one copy (JSON) | stored (after VACUUM) | × one copy | cold open median ms | cold open p90 ms | time |");
    Print("|---|---|---:|---:|---:|---:|---:|---:|");
    foreach (var placement in options.Placements)
    {
        foreach (var start in subjects)
        {
            await using var subject = await start();
            var result = await StorageScenario.RunAsync(subject, placement, options);
            Print($"| {placement} | {subject.Name} | {result.OneCopyBytes:N0} | {result.StoredBytes:N0} | {result.Ratio:F2} | {result.ColdOpenMedianMs:F1} | {result.ColdOpenP90Ms:F1} | {result.Elapsed.TotalSeconds:F0} s |");
            if (options.KeepDatabases is { } folder)
            {
                // To look into: sqlite3 FILE "SELECT name, SUM(pgsize) FROM dbstat GROUP BY name ORDER BY 2 DESC"
                Directory.CreateDirectory(folder);
                subject.CopyDatabaseTo(Path.Combine(folder, $"{placement}-{subject.Name.Replace(' ', '-')}.db".ToLowerInvariant()));
            }
        }
    }
}

if (options.Out is not null)
{
    await File.WriteAllTextAsync(options.Out, report.ToString());
}

if (options.Smoke)
{
    await ScreenBenchmark.SmokeAsync(args);
}

public sealed record Figure(double MedianMs, double MedianCpuMs, long MedianBytes, long MedianCommands)
{
    public string Cells() => $"{MedianMs:F2} | {MedianCpuMs:F2} | {MedianBytes:N0} | {MedianCommands}";
}

public static class Subjects
{
    public static readonly IReadOnlyList<Func<Task<ISubject>>> All =
    [
        async () => await LifecycleSubject.StartAsync(),
        async () => await RowCopySubject.StartAsync(),
    ];

    public static readonly IReadOnlyList<string> Names = ["Lifecycle", "Row copy"];
}

/// <summary>Create, edit, save, promote, release, roll back and open, each timed on an app of a given size.</summary>
public static class OperationScenario
{
    public static readonly IReadOnlyList<string> Operations = ["create version", "one-property edit", "save", "promote", "release", "rollback", "open version"];

    public static async Task<IReadOnlyDictionary<string, Figure>> RunAsync(ISubject subject, int size, BenchmarkOptions options)
    {
        var v1 = await subject.PrepareAsync(AppFactory.WithComponents(size));
        var names = 0;
        string NextName() => $"b{++names}";
        var runs = options.Warmup + options.Iterations;
        var figures = new Dictionary<string, Figure>
        {
            ["create version"] = await MeasureAsync(subject, options, _ => Task.FromResult(0), _ => subject.CreateVersionAsync(v1, NextName())),
        };

        // An edit of one property of a component in the middle of the page (a Text component: every fifth one), in a draft
        // made from a saved version, as every draft after an app's first is (its nodes become deltas of that version's).
        var target = AppFactory.ComponentId(size / 2 - size / 2 % 5);
        var pageId = AppFactory.WithComponents(1).Pages[0].Id;
        var saved = await subject.CreateVersionAsync(v1, NextName());
        await subject.SaveAsync(saved);
        var draft = await subject.CreateVersionAsync(saved, NextName());
        var edits = 0;
        figures["one-property edit"] = await MeasureAsync(subject, options, _ => Task.FromResult(0),
            _ => subject.EditAsync(draft, [new PropertyChange(pageId, target, "text", $"Edited {++edits}")]));

        figures["save"] = await MeasureAsync(subject, options, _ => subject.CreateVersionAsync(v1, NextName()), subject.SaveAsync);
        figures["promote"] = await MeasureAsync(subject, options, async _ =>
        {
            var version = await subject.CreateVersionAsync(v1, NextName());
            await subject.SaveAsync(version);
            return version;
        }, subject.PromoteAsync);

        var released = new List<int>();
        async Task<int> ProductionVersionAsync(int run)
        {
            var version = await subject.CreateVersionAsync(v1, NextName());
            await subject.SaveAsync(version);
            await subject.PromoteAsync(version);
            await subject.PromoteAsync(version);
            released.Add(version);
            return version;
        }

        await subject.ReleaseAsync(await ProductionVersionAsync(-1)); // so that every measured release has one to roll back to
        figures["release"] = await MeasureAsync(subject, options, ProductionVersionAsync, subject.ReleaseAsync);

        // Each rollback goes one release further back: a version released before and still in production (SPEC V8).
        figures["rollback"] = await MeasureAsync(subject, options, run => Task.FromResult(released[runs - 1 - run]), subject.RollbackAsync);
        figures["open version"] = await MeasureAsync(subject, options, _ => Task.FromResult(v1), subject.OpenAsync);
        return figures;
    }

    private static async Task<Figure> MeasureAsync(ISubject subject, BenchmarkOptions options, Func<int, Task<int>> arrange, Func<int, Task> act)
    {
        var times = new List<double>();
        var cpu = new List<double>();
        var bytes = new List<long>();
        var commands = new List<long>();
        for (var run = 0; run < options.Warmup + options.Iterations; run++)
        {
            var argument = await arrange(run);
            var (bytesBefore, commandsBefore) = (subject.Meter.Bytes, subject.Meter.Commands);
            var cpuBefore = ProcessCpu.Now();
            var clock = Stopwatch.StartNew();
            await act(argument);
            clock.Stop();
            var cpuAfter = ProcessCpu.Now();
            if (run >= options.Warmup)
            {
                times.Add(clock.Elapsed.TotalMilliseconds);
                cpu.Add((cpuAfter - cpuBefore).TotalMilliseconds);
                bytes.Add(subject.Meter.Bytes - bytesBefore);
                commands.Add(subject.Meter.Commands - commandsBefore);
            }
        }

        static T Median<T>(List<T> values)
        {
            values.Sort();
            return values[values.Count / 2];
        }

        return new Figure(Median(times), Median(cpu), Median(bytes), Median(commands));
    }
}

public enum ChangePlacement
{
    /// <summary>The changed components sit together, as when a builder works on one part of a screen.</summary>
    Together,

    /// <summary>The changed components are spread at random over the page.</summary>
    Scattered,
}

public sealed record StorageResult(long OneCopyBytes, long StoredBytes, double ColdOpenMedianMs, double ColdOpenP90Ms, TimeSpan Elapsed)
{
    public double Ratio => (double)StoredBytes / OneCopyBytes;
}

/// <summary>Many versions with small changes and many autosaves: what storage grows to (after collection, where there is one).</summary>
public static class StorageScenario
{
    public const int ColdOpenVersions = 20;
    public const int ColdOpenRounds = 3;

    public static async Task<StorageResult> RunAsync(ISubject subject, ChangePlacement placement, BenchmarkOptions options)
    {
        var clock = Stopwatch.StartNew();
        var empty = await subject.StoredBytesAsync();
        var size = ComponentsFor(options.StorageAppBytes);
        var definition = AppFactory.WithComponents(size);
        var oneCopy = System.Text.Encoding.UTF8.GetByteCount(DefinitionJson.Serialize(definition));
        var pageId = definition.Pages[0].Id;
        var random = new Random(9);
        var changedPerVersion = Math.Max(1, size / 100);
        var perAutosave = (int)Math.Ceiling(changedPerVersion / (double)options.Autosaves);
        var previous = await subject.PrepareAsync(definition);
        await subject.SaveAsync(previous);
        var saved = new List<int> { previous };
        for (var version = 1; version <= options.Versions; version++)
        {
            var draft = await subject.CreateVersionAsync(previous, $"s{version}");
            var positions = Positions(placement, random, size, changedPerVersion);
            for (var autosave = 0; autosave < options.Autosaves; autosave++)
            {
                var changes = positions.Skip(autosave * perAutosave).Take(perAutosave)
                    .Select(p => new PropertyChange(pageId, AppFactory.ComponentId(p), "tooltip", $"v{version}.{autosave}"))
                    .ToList();
                if (changes.Count == 0)
                {
                    changes = [new PropertyChange(pageId, AppFactory.ComponentId(positions[^1]), "tooltip", $"v{version}.{autosave}")];
                }

                await subject.EditAsync(draft, changes);
            }

            await subject.SaveAsync(draft);
            saved.Add(draft);
            previous = draft;
        }

        await subject.CollectAsync();
        var stored = await subject.StoredBytesAsync() - empty;
        var coldOpens = await ColdOpensAsync(subject, saved.TakeLast(ColdOpenVersions).ToList(), size);
        return new StorageResult(oneCopy, stored, Percentile(coldOpens, 0.5), Percentile(coldOpens, 0.9), clock.Elapsed);
    }

    /// <summary>
    /// Opens each version as a freshly started server would, nothing cached: where nodes are stored as deltas
    /// (decision 039), this is what a chain of bases costs. Rounds go over all versions in turn, so no version is read
    /// twice in a row.
    /// </summary>
    private static async Task<List<double>> ColdOpensAsync(ISubject subject, IReadOnlyList<int> versionIds, int components)
    {
        var times = new List<double>();
        for (var round = 0; round < ColdOpenRounds; round++)
        {
            foreach (var versionId in versionIds)
            {
                subject.ForgetCachedReads();
                var clock = Stopwatch.StartNew();
                var definition = await subject.OpenAsync(versionId);
                times.Add(clock.Elapsed.TotalMilliseconds);
                if (definition.Pages[0].Components.Length != components)
                {
                    throw new InvalidOperationException($"{subject.Name}: version {versionId} opened with {definition.Pages[0].Components.Length} components, {components} expected");
                }
            }
        }

        return times;
    }

    private static double Percentile(List<double> values, double fraction)
    {
        var sorted = values.Order().ToList();
        return sorted[(int)Math.Min(sorted.Count - 1, Math.Floor(fraction * sorted.Count))];
    }

    private static int ComponentsFor(int appBytes)
    {
        var sample = AppFactory.WithComponents(1000);
        var perComponent = System.Text.Encoding.UTF8.GetByteCount(DefinitionJson.Serialize(sample)) / 1000.0;
        return (int)(appBytes / perComponent);
    }

    private static List<int> Positions(ChangePlacement placement, Random random, int size, int count)
    {
        if (placement == ChangePlacement.Together)
        {
            var start = random.Next(0, size - count);
            return [.. Enumerable.Range(start, count)];
        }

        return [.. Enumerable.Range(0, size).OrderBy(_ => random.Next()).Take(count)];
    }
}

public sealed record BenchmarkOptions(bool Smoke, IReadOnlyList<int> Sizes, int Warmup, int Iterations, int Versions, int Autosaves, int StorageAppBytes, IReadOnlyList<ChangePlacement> Placements, string? KeepDatabases, bool SkipStorage, bool SkipOperations, bool LifecycleOnly, string? Out)
{
    public static BenchmarkOptions Parse(string[] args)
    {
        string? Value(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        var smoke = args.Contains("--smoke");
        var sizes = Value("--sizes")?.Split(',').Select(int.Parse).ToList() ?? (smoke ? [100] : [100, 1_000, 10_000]);
        return new BenchmarkOptions(
            smoke,
            sizes,
            Warmup: smoke ? 0 : 2,
            Iterations: int.Parse(Value("--iterations") ?? (smoke ? "1" : "15")),
            Versions: int.Parse(Value("--versions") ?? (smoke ? "2" : "100")),
            Autosaves: int.Parse(Value("--autosaves") ?? (smoke ? "2" : "20")),
            StorageAppBytes: int.Parse(Value("--app-bytes") ?? (smoke ? "20000" : "1000000")),
            Placements: Value("--placement") is { } placement ? [Enum.Parse<ChangePlacement>(placement, ignoreCase: true)] : Enum.GetValues<ChangePlacement>(),
            KeepDatabases: Value("--keep-databases"),
            SkipStorage: args.Contains("--skip-storage"),
            SkipOperations: args.Contains("--skip-operations"),
            LifecycleOnly: args.Contains("--lifecycle-only"),
            Out: Value("--out"));
    }
}

public static class Machine
{
    public static string CpuModel() =>
        File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown CPU"
            : "unknown CPU";

    public static string MemoryGiB() =>
        File.Exists("/proc/meminfo")
            ? (long.Parse(File.ReadLines("/proc/meminfo").First().Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024.0 / 1024.0).ToString("F0")
            : "?";

    public static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";
}
