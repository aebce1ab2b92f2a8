using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace Lifecycle.Web.Operations;

/// <summary>
/// <c>GET /diagnostics/memory</c> for the load tool (decision 037): the process's working set, its GC heap and how many
/// circuits are open, optionally after a full blocking collection (<c>?collect=true</c>), so that memory per circuit can be
/// measured from outside. Off unless <c>Diagnostics:MemoryEndpoint</c> is true, and then answered to loopback callers only:
/// a forced collection stalls every circuit of the instance.
/// </summary>
public static class DiagnosticsEndpoints
{
    public const string SettingKey = "Diagnostics:MemoryEndpoint";
    public const string MemoryPath = "/diagnostics/memory";

    public static bool IsEnabled(IConfiguration configuration) => configuration.GetValue<bool>(SettingKey);

    public static IServiceCollection AddLifecycleDiagnostics(this IServiceCollection services, IConfiguration configuration)
    {
        if (IsEnabled(configuration))
        {
            services.AddSingleton<CircuitCounter>();
            services.AddSingleton<CircuitHandler>(provider => provider.GetRequiredService<CircuitCounter>());
        }

        return services;
    }

    public static void MapLifecycleDiagnostics(this IEndpointRouteBuilder endpoints, IConfiguration configuration)
    {
        if (!IsEnabled(configuration))
        {
            return;
        }

        endpoints.MapGet(MemoryPath, (HttpContext context, CircuitCounter circuits, bool? collect) =>
        {
            if (context.Connection.RemoteIpAddress is not { } caller || !IPAddress.IsLoopback(caller))
            {
                return Results.NotFound();
            }

            if (collect == true)
            {
                GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
                GC.WaitForPendingFinalizers();
                GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            }

            using var process = Process.GetCurrentProcess();
            return Results.Ok(new
            {
                workingSetBytes = process.WorkingSet64,
                gcHeapBytes = GC.GetTotalMemory(forceFullCollection: false),
                gcCommittedBytes = GC.GetGCMemoryInfo().TotalCommittedBytes,
                circuits = circuits.Open,
                cpuSeconds = process.TotalProcessorTime.TotalSeconds,
            });
        }).ShortCircuit();
    }
}

/// <summary>Counts the circuits this instance holds (opened and not yet closed, connected or not).</summary>
internal sealed class CircuitCounter : CircuitHandler
{
    private int _open;

    public int Open => Volatile.Read(ref _open);

    public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _open);
        return Task.CompletedTask;
    }

    public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        Interlocked.Decrement(ref _open);
        return Task.CompletedTask;
    }
}
