using Microsoft.AspNetCore.Components.Server.Circuits;

namespace Lifecycle.Web.Circuits;

/// <summary>
/// Tells a circuit's components that its connection to the browser is up again after a drop. The framework sends the
/// render batches the browser missed again, but not JavaScript calls: a component that keeps what the browser shows
/// through JS interop (the editor's canvas, decision 044) sends it again. One per circuit (a scoped circuit handler).
/// </summary>
public sealed class CircuitReconnections : CircuitHandler
{
    public event Action? ConnectionUp;

    public override Task OnConnectionUpAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        ConnectionUp?.Invoke(); // the first connection comes before any component exists, so only reconnections reach one
        return Task.CompletedTask;
    }

    public static IServiceCollection Register(IServiceCollection services)
    {
        services.AddScoped<CircuitReconnections>();
        services.AddScoped<CircuitHandler>(provider => provider.GetRequiredService<CircuitReconnections>());
        return services;
    }
}
