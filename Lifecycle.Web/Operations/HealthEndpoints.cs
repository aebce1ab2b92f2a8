using Lifecycle.Data.Persistence;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Lifecycle.Web.Operations;

/// <summary>
/// Health endpoints for a load balancer or an orchestrator (decision 033): <c>/healthz</c> says the process answers;
/// <c>/readyz</c> says it can serve, meaning the database answers and every migration is applied. Both answer before
/// anything else of the pipeline (no first-run or password-change redirect, no sign-in) and say no more than a status.
/// </summary>
public static class HealthEndpoints
{
    public const string LivePath = "/healthz";
    public const string ReadyPath = "/readyz";
    private const string ReadyTag = "ready";

    public static IServiceCollection AddLifecycleHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddDbContextCheck<LifecycleDbContext>("database", tags: [ReadyTag])
            .AddCheck<MigrationsAppliedCheck>("migrations", tags: [ReadyTag]);
        return services;
    }

    public static void MapLifecycleHealthChecks(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks(LivePath, new HealthCheckOptions { Predicate = _ => false }).ShortCircuit();
        endpoints.MapHealthChecks(ReadyPath, new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag) }).ShortCircuit();
    }
}

/// <summary>Unhealthy while the database lacks a migration this build has, e.g. a database restored from an older backup.</summary>
internal sealed class MigrationsAppliedCheck(IDbContextFactory<LifecycleDbContext> dbFactory) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).Count();
        return pending == 0 ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy($"{pending} migrations are not applied.");
    }
}
