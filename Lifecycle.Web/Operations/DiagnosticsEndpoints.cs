using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace Lifecycle.Web.Operations;

/// <summary>
/// <c>GET /diagnostics/memory</c> for the load tool (decision 037) and the screen benchmark (decision 036): the process's
/// working set, its GC heap and how many circuits it holds (and how many are connected), optionally after full, compacting
/// collections (<c>?collect=true</c>), so that memory per circuit can be measured from outside. Off unless
/// <c>Diagnostics:MemoryEndpoint</c> is true, and then answered to loopback callers only: a forced collection stalls every
/// circuit of the instance, so it is never part of a deployment.
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
                for (var round = 0; round < 3; round++) // finalizers free more on the next round
                {
                    GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
                    GC.WaitForPendingFinalizers();
                }
            }

            using var process = Process.GetCurrentProcess();
            return Results.Ok(new
            {
                workingSetBytes = process.WorkingSet64,
                gcHeapBytes = GC.GetTotalMemory(forceFullCollection: false),
                gcCommittedBytes = GC.GetGCMemoryInfo().TotalCommittedBytes,
                circuits = circuits.Open,
                connectedCircuits = circuits.Connected,
                cpuSeconds = process.TotalProcessorTime.TotalSeconds,
            });
        }).ShortCircuit();
        endpoints.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DiagnosticsEndpoints))
            .LogWarning("{Setting} is on: {Path} can force full garbage collections. It is meant for measurements only.", SettingKey, MemoryPath);
    }
}

/// <summary>Counts the circuits this instance holds (opened and not yet closed, connected or not) and those connected now.</summary>
internal sealed class CircuitCounter : CircuitHandler
{
    private int _open;
    private int _connected;

    public int Open => Volatile.Read(ref _open);

    public int Connected => Volatile.Read(ref _connected);

    public override Task OnConnectionUpAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _connected);
        return Task.CompletedTask;
    }

    public override Task OnConnectionDownAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        Interlocked.Decrement(ref _connected);
        return Task.CompletedTask;
    }

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
