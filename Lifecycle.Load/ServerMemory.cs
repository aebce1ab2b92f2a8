using System.Net.Http.Json;

namespace Lifecycle.Load;

/// <summary>One instance's answer from <c>/diagnostics/memory</c> (Lifecycle.Web's DiagnosticsEndpoints), after a full collection.</summary>
public sealed record MemorySnapshot(long WorkingSetBytes, long GcHeapBytes, long GcCommittedBytes, int Circuits, double CpuSeconds)
{
    public static MemorySnapshot Sum(IEnumerable<MemorySnapshot> snapshots) => snapshots.Aggregate(new MemorySnapshot(0, 0, 0, 0, 0), (a, b) =>
        new MemorySnapshot(a.WorkingSetBytes + b.WorkingSetBytes, a.GcHeapBytes + b.GcHeapBytes, a.GcCommittedBytes + b.GcCommittedBytes, a.Circuits + b.Circuits, a.CpuSeconds + b.CpuSeconds));
}

/// <summary>Reads the instances' memory through their diagnostic endpoint, which is off unless <c>Diagnostics:MemoryEndpoint</c> is true.</summary>
internal static class ServerMemory
{
    public const string Path = "/diagnostics/memory";

    public static async Task<MemorySnapshot?> ReadAsync(IReadOnlyList<Uri> instances, bool collect, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(120) };
        var snapshots = new List<MemorySnapshot>();
        foreach (var instance in instances)
        {
            try
            {
                var snapshot = await http.GetFromJsonAsync<MemorySnapshot>(new Uri(instance, $"{Path}?collect={(collect ? "true" : "false")}"), cancellationToken);
                if (snapshot is null)
                {
                    return null;
                }

                snapshots.Add(snapshot);
            }
            catch (HttpRequestException)
            {
                return null; // the endpoint is off (404) or the instance is gone
            }
        }

        return MemorySnapshot.Sum(snapshots);
    }
}
