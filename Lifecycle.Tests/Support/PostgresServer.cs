using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Lifecycle.Data;
using Lifecycle.Data.Persistence;
using Lifecycle.Tests.EndToEnd;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Lifecycle.Tests.Support;

/// <summary>
/// The PostgreSQL server of a test run (decision 030). <c>LIFECYCLE_TEST_POSTGRES</c> names one (a connection string of a
/// user who may create databases; scripts/test.sh starts one and sets it); without it, the first test that needs one starts
/// a throwaway server from Debian's packages (<c>scripts/postgres.sh</c>, installing them when missing) and this process
/// stops it when it exits. A test that needs PostgreSQL never skips: it gets one or fails.
/// Each test gets a database of its own (<see cref="CreateDatabaseAsync"/>), copied from a migrated template.
/// </summary>
public sealed class PostgresServer
{
    public const string ServerVariable = "LIFECYCLE_TEST_POSTGRES";

    private static readonly Lazy<Task<PostgresServer>> Shared = new(StartOrConnectAsync);
    private readonly SemaphoreSlim _templateGate = new(1, 1);
    private string? _template;

    private PostgresServer(string connectionString) => ConnectionString = connectionString;

    /// <summary>The server's administrative connection (database <c>postgres</c>).</summary>
    public string ConnectionString { get; }

    /// <summary>The run's server: the one <see cref="ServerVariable"/> names, or a throwaway one started now.</summary>
    public static Task<PostgresServer> GetAsync() => Shared.Value;

    /// <summary>A new database on this server; <paramref name="migrated"/> copies it from the migrated template (fast), else it is empty.</summary>
    public async Task<TestDatabase> CreateDatabaseAsync(bool migrated = true)
    {
        var name = $"lifecycle_test_{Guid.NewGuid():N}";
        var template = migrated ? await TemplateAsync() : "template0";
        await ExecuteAsync($"CREATE DATABASE \"{name}\" TEMPLATE \"{template}\"");
        return new TestDatabase(this, name, ConnectionStringFor(name));
    }

    internal string ConnectionStringFor(string database) =>
        new NpgsqlConnectionStringBuilder(ConnectionString) { Database = database }.ConnectionString;

    internal async Task DropDatabaseAsync(string name, string connectionString)
    {
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            NpgsqlConnection.ClearPool(connection);
        }

        await ExecuteAsync($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>A database migrated once per set of migrations (its name carries their hash), which new test databases copy.</summary>
    private async Task<string> TemplateAsync()
    {
        await _templateGate.WaitAsync();
        try
        {
            if (_template is not null)
            {
                return _template;
            }

            var services = new ServiceCollection().AddLogging();
            services.AddLifecycleData(DatabaseSettings.Postgres(ConnectionStringFor("unused")));
            await using var provider = services.BuildServiceProvider();
            string[] migrations;
            await using (var db = await provider.GetRequiredService<IDbContextFactory<LifecycleDbContext>>().CreateDbContextAsync())
            {
                migrations = [.. db.Database.GetMigrations()];
            }

            var name = "lifecycle_template_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join("\n", migrations))))[..16];
            await using (var connection = new NpgsqlConnection(ConnectionString))
            {
                await connection.OpenAsync();
                await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", connection);
                exists.Parameters.AddWithValue("name", name);
                if (await exists.ExecuteScalarAsync() is null)
                {
                    await BuildTemplateAsync(name);
                }
            }

            _template = name;
            return name;
        }
        finally
        {
            _templateGate.Release();
        }
    }

    private async Task BuildTemplateAsync(string name)
    {
        var building = name + "_building";
        await ExecuteAsync($"DROP DATABASE IF EXISTS \"{building}\" WITH (FORCE)");
        await ExecuteAsync($"CREATE DATABASE \"{building}\" TEMPLATE template0");
        var connectionString = ConnectionStringFor(building);
        var services = new ServiceCollection().AddLogging();
        services.AddLifecycleData(DatabaseSettings.Postgres(connectionString));
        await using (var provider = services.BuildServiceProvider())
        {
            await provider.MigrateLifecycleDatabaseAsync();
        }

        // The template holds the schema only: no Data Protection key, so that every test database makes its own key ring.
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync();
            await using var clear = new NpgsqlCommand("DELETE FROM \"DataProtectionKeys\"", connection);
            await clear.ExecuteNonQueryAsync();
            NpgsqlConnection.ClearPool(connection);
        }

        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync($"ALTER DATABASE \"{building}\" RENAME TO \"{name}\"");
    }

    private static async Task<PostgresServer> StartOrConnectAsync()
    {
        if (Environment.GetEnvironmentVariable(ServerVariable) is { Length: > 0 } given)
        {
            return new PostgresServer(given);
        }

        var directory = Path.Combine(Path.GetTempPath(), $"lifecycle-pg-{Guid.NewGuid():N}");
        var script = Path.Combine(AppServer.RepositoryRoot(), "scripts", "postgres.sh");
        var connectionString = await RunScriptAsync(script, "start", directory, FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture));
        AppDomain.CurrentDomain.ProcessExit += (_, _) => RunScriptAsync(script, "stop", directory).GetAwaiter().GetResult();
        return new PostgresServer(connectionString.Trim());
    }

    private static async Task<string> RunScriptAsync(string script, params string[] arguments)
    {
        var start = new ProcessStartInfo("bash", [script, .. arguments]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("bash did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return process.ExitCode == 0
            ? await output
            : throw new InvalidOperationException($"scripts/postgres.sh {string.Join(' ', arguments)} failed:{Environment.NewLine}{await errors}");
    }

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>One test's database on the run's <see cref="PostgresServer"/>; disposing drops it.</summary>
public sealed class TestDatabase(PostgresServer server, string name, string connectionString) : IAsyncDisposable
{
    public string Name { get; } = name;

    public string ConnectionString { get; } = connectionString;

    public DatabaseSettings Settings => DatabaseSettings.Postgres(ConnectionString);

    public ValueTask DisposeAsync() => new(server.DropDatabaseAsync(Name, ConnectionString));
}
