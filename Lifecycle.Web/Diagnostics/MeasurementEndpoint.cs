using System.Net;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace Lifecycle.Web.Diagnostics;

/// <summary>
/// What the screen measurement (<c>Lifecycle.Benchmarks --screens</c>, docs/performance.md) reads from the server: the
/// managed heap after a full, compacting collection and how many circuits are held. Off unless
/// <c>Diagnostics:MeasurementEndpoint</c> is true, and then answered to the loopback address only: a forced collection
/// stalls every user, so it is never part of a deployment.
/// </summary>
public static class MeasurementEndpoint
{
    public const string Path = "/internal/measurement";
    public const string Setting = "Diagnostics:MeasurementEndpoint";

    public static IServiceCollection AddMeasurementEndpoint(this IServiceCollection services, IConfiguration configuration)
    {
        if (configuration.GetValue<bool>(Setting))
        {
            services.AddSingleton<CircuitCounter>();
            services.AddSingleton<CircuitHandler>(provider => provider.GetRequiredService<CircuitCounter>());
        }

        return services;
    }

    public static void MapMeasurementEndpoint(this WebApplication app)
    {
        if (!app.Configuration.GetValue<bool>(Setting))
        {
            return;
        }

        app.MapGet(Path, (HttpContext http, CircuitCounter circuits) =>
        {
            if (http.Connection.RemoteIpAddress is not { } address || !IPAddress.IsLoopback(address))
            {
                return Results.NotFound();
            }

            for (var i = 0; i < 3; i++)
            {
                GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
                GC.WaitForPendingFinalizers();
            }

            return Results.Json(new Measurement(GC.GetTotalMemory(forceFullCollection: true), circuits.Open, circuits.Connected, Environment.WorkingSet));
        }).AllowAnonymous();
        app.Logger.LogWarning("{Setting} is on: {Path} forces full garbage collections. It is meant for the screen measurement only.", Setting, Path);
    }

    public sealed record Measurement(long HeapBytes, int Circuits, int ConnectedCircuits, long WorkingSetBytes);

    /// <summary>Counts circuits the server holds (connected, or disconnected and retained) and those connected now.</summary>
    public sealed class CircuitCounter : CircuitHandler
    {
        private int _open;
        private int _connected;

        public int Open => Volatile.Read(ref _open);
        public int Connected => Volatile.Read(ref _connected);

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
    }
}
