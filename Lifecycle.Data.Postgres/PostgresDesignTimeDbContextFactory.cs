using Lifecycle.Data.Persistence;
using Microsoft.EntityFrameworkCore.Design;

namespace Lifecycle.Data.Postgres;

/// <summary>For `dotnet ef` with this project as the startup project (scripts/add-migration.sh): the context on PostgreSQL.</summary>
internal sealed class PostgresDesignTimeDbContextFactory : IDesignTimeDbContextFactory<LifecycleDbContext>
{
    public LifecycleDbContext CreateDbContext(string[] args) =>
        DesignTimeDbContextFactory.Create(DatabaseSettings.Postgres("Host=localhost;Database=lifecycle_design_time"));
}
