using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;

namespace Lifecycle.Data.Persistence;

/// <summary>Which database engine holds the workspace (decision 030).</summary>
public enum DatabaseProvider
{
    /// <summary>One file, one machine, nothing to install: the default.</summary>
    Sqlite,

    /// <summary>A PostgreSQL server that several app instances can share.</summary>
    Postgres,
}

/// <summary>
/// The one choice of database: <c>Database:Provider</c> (<see cref="DatabaseProvider"/>) with the connection string
/// <c>ConnectionStrings:Lifecycle</c>. Each provider has its own migrations: SQLite's live in this assembly, PostgreSQL's in
/// <see cref="PostgresMigrationsAssembly"/>, which every host references (decision 030).
/// </summary>
public sealed record DatabaseSettings(DatabaseProvider Provider, string ConnectionString)
{
    public const string ProviderKey = "Database:Provider";
    public const string ConnectionStringName = "Lifecycle";
    public const string PostgresMigrationsAssembly = "Lifecycle.Data.Postgres";

    public static DatabaseSettings Sqlite(string connectionString) => new(DatabaseProvider.Sqlite, connectionString);

    public static DatabaseSettings Postgres(string connectionString) => new(DatabaseProvider.Postgres, connectionString);

    public bool IsPostgres => Provider == DatabaseProvider.Postgres;

    /// <summary>Reads <c>Database:Provider</c> (default Sqlite) and <c>ConnectionStrings:Lifecycle</c>; says what is wrong when they do not fit.</summary>
    public static DatabaseSettings From(IConfiguration configuration)
    {
        var connectionString = configuration.GetConnectionString(ConnectionStringName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException($"Connection string '{ConnectionStringName}' is missing (ConnectionStrings:{ConnectionStringName} in appsettings.json, or the environment variable ConnectionStrings__{ConnectionStringName}).");
        }

        var provider = configuration[ProviderKey];
        if (string.IsNullOrWhiteSpace(provider))
        {
            return Sqlite(connectionString);
        }

        return Enum.TryParse<DatabaseProvider>(provider, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed)
            ? new DatabaseSettings(parsed, connectionString)
            : throw new InvalidOperationException($"{ProviderKey} is '{provider}'; use Sqlite or Postgres.");
    }

    /// <summary>Points EF Core at this database, with the migrations of its provider.</summary>
    public void Configure(DbContextOptionsBuilder options)
    {
        if (IsPostgres)
        {
            options.UseNpgsql(ConnectionString, npgsql => npgsql.MigrationsAssembly(PostgresMigrationsAssembly));
        }
        else
        {
            options.UseSqlite(ConnectionString);
        }
    }
}
