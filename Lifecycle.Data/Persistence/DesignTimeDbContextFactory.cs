using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.Extensions.DependencyInjection;

namespace Lifecycle.Data.Persistence;

/// <summary>
/// For `dotnet ef`: builds the context through the same DI setup as the app, so Identity's schema version
/// matches at design time and at run time (dotnet/aspnetcore#65449). SQLite's; Lifecycle.Data.Postgres has PostgreSQL's.
/// </summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<LifecycleDbContext>
{
    public LifecycleDbContext CreateDbContext(string[] args) => Create(DatabaseSettings.Sqlite("Data Source=design-time.db"));

    /// <summary>A context on <paramref name="database"/> from the app's DI setup. Adding a migration opens no database.</summary>
    internal static LifecycleDbContext Create(DatabaseSettings database)
    {
        var services = new ServiceCollection().AddLogging();
        services.AddLifecycleData(database);
        return services.BuildServiceProvider().GetRequiredService<IDbContextFactory<LifecycleDbContext>>().CreateDbContext();
    }
}
