using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Lifecycle.Web.Circuits;

/// <summary>
/// How long the server holds what an idle page holds (decision 036), from the <c>Circuits</c> section. The defaults are
/// the figures the decision gives its reasons for; tests and the screen measurement shorten the pause delay.
/// </summary>
public sealed class IdleCircuitSettings
{
    public const string SectionName = "Circuits";

    /// <summary>A tab hidden this long pauses its circuit (the server lets it go; the tab resumes when shown). 0: never.</summary>
    public int PauseHiddenAfterSeconds { get; set; } = 120;

    /// <summary>A circuit whose connection dropped is kept this long for the tab to reconnect to (the framework's default is 3 minutes).</summary>
    public int DisconnectedRetentionSeconds { get; set; } = 60;

    /// <summary>At most this many dropped circuits are kept for reconnection; beyond, the oldest goes (the framework's default is 100).</summary>
    public int DisconnectedMaxRetained { get; set; } = 50;

    /// <summary>What a dropped circuit persisted (its pages' [PersistentState]) is kept this long for a later resume (the framework's default is 2 hours).</summary>
    public int PersistedRetentionMinutes { get; set; } = 30;

    /// <summary>At most this many persisted circuit states are kept (the framework's default is 1,000).</summary>
    public int PersistedMaxRetained { get; set; } = 250;

    /// <summary>
    /// An HTTP connection with no request in flight is closed after this long (Kestrel's default is 130 s). An open page
    /// talks over its circuit's WebSocket; the connection that loaded the page would otherwise sit idle next to it.
    /// </summary>
    public int IdleConnectionSeconds { get; set; } = 15;
}

public static class IdleCircuits
{
    /// <summary>The circuit options, set deliberately (decision 036) rather than left at the framework's defaults.</summary>
    public static IServiceCollection AddIdleCircuits(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = configuration.GetSection(IdleCircuitSettings.SectionName).Get<IdleCircuitSettings>() ?? new IdleCircuitSettings();
        services.AddSingleton(settings);
        services.Configure<CircuitOptions>(options =>
        {
            options.DisconnectedCircuitRetentionPeriod = TimeSpan.FromSeconds(settings.DisconnectedRetentionSeconds);
            options.DisconnectedCircuitMaxRetained = settings.DisconnectedMaxRetained;
            options.PersistedCircuitInMemoryRetentionPeriod = TimeSpan.FromMinutes(settings.PersistedRetentionMinutes);
            options.PersistedCircuitInMemoryMaxRetained = settings.PersistedMaxRetained;
            options.MaxBufferedUnacknowledgedRenderBatches = 10; // the default, kept: fewer stalls a slow client's rendering
            options.DetailedErrors = false;
        });
        services.Configure<KestrelServerOptions>(options => options.Limits.KeepAliveTimeout = TimeSpan.FromSeconds(settings.IdleConnectionSeconds));
        return services;
    }
}
