using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Lifecycle.Data.GitSync;

public static class GitSyncServiceCollectionExtensions
{
    /// <summary>GitSync's use cases, its job queue and the background worker (a hosted service where a host runs them).</summary>
    public static IServiceCollection AddGitSync(this IServiceCollection services)
    {
        services.AddOptions<GitSyncOptions>();
        services.AddSingleton<GitSyncDefinitions>();
        services.AddSingleton<GitSyncImporter>();
        services.AddSingleton<GitSyncActivity>();
        services.AddSingleton<IGitSyncJobQueue, DatabaseGitSyncJobQueue>();
        services.AddSingleton<GitSyncJobRunner>();
        services.AddSingleton<GitSyncWorker>();
        services.AddHostedService(provider => provider.GetRequiredService<GitSyncWorker>());
        services.AddSingleton<GitSyncService>();
        services.AddSingleton<AppTransferService>();
        return services;
    }
}
