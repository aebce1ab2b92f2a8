using System.Globalization;
using System.Text;

namespace Lifecycle.Load;

/// <summary>What one run measured, and the run's conditions.</summary>
public sealed record LoadReport(
    string Target,
    LoadOptions Options,
    int CircuitsOpened,
    int CircuitsHeld,
    int? ServerCircuits,
    LoadMetrics Metrics,
    MemorySnapshot? Baseline,
    MemorySnapshot? Idle,
    MemorySnapshot? AfterEdits,
    double LoadAverageAtStart,
    double LoadAverageDuringEdits,
    double ClientCpuSeconds,
    TimeSpan Elapsed)
{
    public int Errors => Metrics.ErrorCount;

    public double EditP(double percentile) => LoadMetrics.Percentile(Metrics.VisibleMs, percentile);

    public double StoredP(double percentile) => LoadMetrics.Percentile(Metrics.StoredMs, percentile);

    /// <summary>(idle − baseline) / circuits: what each idle circuit costs the server(s).</summary>
    public double? IdleKbPerCircuit(Func<MemorySnapshot, long> measure) =>
        Baseline is null || Idle is null || CircuitsOpened == 0 ? null : (measure(Idle) - measure(Baseline)) / 1024.0 / CircuitsOpened;

    public double? AfterEditsKbPerCircuit(Func<MemorySnapshot, long> measure) =>
        Baseline is null || AfterEdits is null || CircuitsOpened == 0 ? null : (measure(AfterEdits) - measure(Baseline)) / 1024.0 / CircuitsOpened;

    public string ToMarkdown()
    {
        var text = new StringBuilder();
        string Ms(double value) => double.IsNaN(value) ? "–" : value.ToString("N0", CultureInfo.InvariantCulture);
        string Kb(double? value) => value is null ? "–" : value.Value.ToString("N0", CultureInfo.InvariantCulture);
        string Mb(long bytes) => (bytes / 1024.0 / 1024.0).ToString("N1", CultureInfo.InvariantCulture);
        text.AppendLine(CultureInfo.InvariantCulture, $"# Load: {Options.Circuits:N0} circuits against {Target}");
        text.AppendLine(CultureInfo.InvariantCulture, $"Machine: {Environment.ProcessorCount} cores, {Machine.CpuModel()}, {Machine.MemoryGiB()} GiB; load average {LoadAverageAtStart:F1} at start, {LoadAverageDuringEdits:F1} on average while editing; {DateTime.UtcNow:u}.");
        text.AppendLine(CultureInfo.InvariantCulture, $"Each user's app: {Options.Components} components; an edit every {Options.Interval.TotalSeconds:0.#} s for {Options.Duration.TotalSeconds:0} s; {Options.Accounts} accounts ({Options.CircuitsPerAccount} circuits each); the tool used {ClientCpuSeconds:F0} s of CPU on the same machine; {Elapsed.TotalSeconds:F0} s in all.");
        text.AppendLine();
        text.AppendLine("| measure | value |");
        text.AppendLine("|---|---:|");
        text.AppendLine(CultureInfo.InvariantCulture, $"| circuits opened / held to the end | {CircuitsOpened:N0} / {CircuitsHeld:N0} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| circuits the server(s) counted at the end | {(ServerCircuits?.ToString("N0", CultureInfo.InvariantCulture) ?? "–")} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| open the editor (sign-in excluded) p50 / p95 ms | {Ms(LoadMetrics.Percentile(Metrics.ConnectMs, 50))} / {Ms(LoadMetrics.Percentile(Metrics.ConnectMs, 95))} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| edits sent / shown / stored (late) | {Metrics.EditsSent:N0} / {Metrics.VisibleMs.Count:N0} / {Metrics.StoredMs.Count:N0} ({Metrics.EditsLate:N0}) |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| **edit round trip p50 / p95 / p99 ms** (change event → the canvas showing it) | **{Ms(EditP(50))} / {Ms(EditP(95))} / {Ms(EditP(99))}** |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| edit stored p50 / p95 / p99 ms (→ autosave chip \"All changes stored\") | {Ms(StoredP(50))} / {Ms(StoredP(95))} / {Ms(StoredP(99))} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| **server memory per idle circuit, KB** (working set / GC heap) | **{Kb(IdleKbPerCircuit(m => m.WorkingSetBytes))} / {Kb(IdleKbPerCircuit(m => m.GcHeapBytes))}** |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| server memory per circuit after the edits, KB (working set / GC heap) | {Kb(AfterEditsKbPerCircuit(m => m.WorkingSetBytes))} / {Kb(AfterEditsKbPerCircuit(m => m.GcHeapBytes))} |");
        if (Baseline is not null && Idle is not null)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| server working set MB: before / idle / after edits | {Mb(Baseline.WorkingSetBytes)} / {Mb(Idle.WorkingSetBytes)} / {(AfterEdits is null ? "–" : Mb(AfterEdits.WorkingSetBytes))} |");
            text.AppendLine(CultureInfo.InvariantCulture, $"| server GC heap MB: before / idle / after edits | {Mb(Baseline.GcHeapBytes)} / {Mb(Idle.GcHeapBytes)} / {(AfterEdits is null ? "–" : Mb(AfterEdits.GcHeapBytes))} |");
            if (AfterEdits is not null)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"| server CPU s while editing | {AfterEdits.CpuSeconds - Idle.CpuSeconds:F0} |");
            }
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"| **errors** | **{Errors:N0}** |");
        foreach (var (message, count) in Metrics.Errors.OrderByDescending(e => e.Value))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| error ×{count} | {message.Replace("|", "\\|", StringComparison.Ordinal)} |");
        }

        return text.ToString();
    }
}

/// <summary>What the machine is, read from /proc where it exists.</summary>
internal static class Machine
{
    public static string CpuModel()
    {
        try
        {
            return File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown CPU";
        }
        catch (IOException)
        {
            return "unknown CPU";
        }
    }

    public static int MemoryGiB() => (int)Math.Round(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 1024.0 / 1024 / 1024);

    public static double LoadAverage()
    {
        try
        {
            return double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return double.NaN;
        }
    }
}
