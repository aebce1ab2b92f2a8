using System.Collections.Concurrent;
using System.Diagnostics;

namespace Lifecycle.Load;

/// <summary>What the simulated users measured, collected from every user's task.</summary>
public sealed class LoadMetrics
{
    private readonly ConcurrentBag<double> _connectMs = [];
    private readonly ConcurrentBag<double> _visibleMs = [];
    private readonly ConcurrentBag<double> _storedMs = [];
    private readonly ConcurrentDictionary<string, int> _errors = new();
    private int _editsSent;
    private int _editsLate;

    public int EditsSent => _editsSent;

    /// <summary>Edits that were due while the user's previous edit had not come back yet (so were sent late).</summary>
    public int EditsLate => _editsLate;

    public IReadOnlyCollection<double> ConnectMs => _connectMs;

    public IReadOnlyCollection<double> VisibleMs => _visibleMs;

    public IReadOnlyCollection<double> StoredMs => _storedMs;

    public int ErrorCount => _errors.Values.Sum();

    public IReadOnlyDictionary<string, int> Errors => _errors;

    public void Connected(TimeSpan elapsed) => _connectMs.Add(elapsed.TotalMilliseconds);

    public void EditSent() => Interlocked.Increment(ref _editsSent);

    public void EditLate() => Interlocked.Increment(ref _editsLate);

    public void EditVisible(long sentAt, long arrivedAt) => _visibleMs.Add(Stopwatch.GetElapsedTime(sentAt, arrivedAt).TotalMilliseconds);

    public void EditStored(long sentAt, long arrivedAt) => _storedMs.Add(Stopwatch.GetElapsedTime(sentAt, arrivedAt).TotalMilliseconds);

    /// <summary>Counts an error; messages are grouped by their first line, with numbers (ids, edit counters) taken out.</summary>
    public void Error(string message)
    {
        var firstLine = message.Split('\n')[0].Trim();
        var grouped = System.Text.RegularExpressions.Regex.Replace(firstLine, "[0-9]+", "N");
        _errors.AddOrUpdate(grouped.Length > 300 ? grouped[..300] : grouped, 1, (_, count) => count + 1);
    }

    public static double Percentile(IReadOnlyCollection<double> values, double percentile)
    {
        if (values.Count == 0)
        {
            return double.NaN;
        }

        var sorted = values.Order().ToArray();
        var rank = (int)Math.Ceiling(percentile / 100 * sorted.Length) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Length - 1)];
    }
}
