using Lifecycle.Data.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.Extensions.DependencyInjection;

namespace Lifecycle.Data.Postgres;

/// <summary>
/// For `dotnet ef` with this project as the startup project (scripts/add-migration.sh): the context on PostgreSQL, built
/// through the app's own DI setup like SQLite's design-time factory. Adding a migration opens no database.
/// </summary>
internal sealed class PostgresDesignTimeDbContextFactory : IDesignTimeDbContextFactory<LifecycleDbContext>
{
    public LifecycleDbContext CreateDbContext(string[] args)
    {
        var services = new ServiceCollection().AddLogging();
        services.AddLifecycleData(DatabaseSettings.Postgres("Host=localhost;Database=lifecycle_design_time"));
        return services.BuildServiceProvider().GetRequiredService<IDbContextFactory<LifecycleDbContext>>().CreateDbContext();
    }
}
