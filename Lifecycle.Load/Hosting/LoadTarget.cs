using Lifecycle.Data.Persistence;

namespace Lifecycle.Load.Hosting;

/// <summary>
/// What the simulated users talk to: one instance on SQLite started from the Release build, two instances on one PostgreSQL
/// database behind nginx (scripts/postgres.sh, scripts/nginx.sh, deploy/nginx/lifecycle.conf), or a server already running.
/// <see cref="Instances"/> are asked for their memory (<c>/diagnostics/memory</c>); <see cref="Database"/> is where the tool
/// seeds the workspace.
/// </summary>
public sealed class LoadTarget : IAsyncDisposable
{
    private readonly List<IAsyncDisposable> _owned;
    private readonly Func<Task>? _cleanUp;

    private LoadTarget(string description, Uri address, IReadOnlyList<Uri> instances, DatabaseSettings? database, string? keysDirectory, List<IAsyncDisposable> owned, Func<Task>? cleanUp)
    {
        Description = description;
        Address = address;
        Instances = instances;
        Database = database;
        KeysDirectory = keysDirectory;
        _owned = owned;
        _cleanUp = cleanUp;
    }

    public string Description { get; }

    public Uri Address { get; }

    public IReadOnlyList<Uri> Instances { get; }

    public DatabaseSettings? Database { get; }

    public string? KeysDirectory { get; }

    /// <summary>Seeds through <paramref name="seed"/> first, then starts one instance on a SQLite file in <paramref name="directory"/>.</summary>
    public static async Task<LoadTarget> StartSqliteAsync(string repositoryRoot, string configuration, string directory, Func<DatabaseSettings, string, Task> seed,
        IReadOnlyDictionary<string, string> settings)
    {
        var database = DatabaseSettings.Sqlite($"Data Source={Path.Combine(directory, "lifecycle.db")}");
        var keys = Path.Combine(directory, "keys");
        await seed(database, keys);
        var instance = await AppInstance.StartAsync(repositoryRoot, configuration, database, directory, "load1", settings);
        return new LoadTarget($"one instance on SQLite ({configuration} build)", instance.BaseAddress, [instance.BaseAddress], database, keys, [instance], null);
    }

    /// <summary>A throwaway PostgreSQL, seeded, then <paramref name="instanceCount"/> instances on it behind nginx.</summary>
    public static async Task<LoadTarget> StartClusterAsync(string repositoryRoot, string configuration, string directory, int instanceCount, int circuits,
        Func<DatabaseSettings, string, Task> seed, IReadOnlyDictionary<string, string> settings)
    {
        var postgresDirectory = Path.Combine(Path.GetTempPath(), $"lifecycle-load-postgres-{Guid.NewGuid():N}");
        var server = await Scripts.RunAsync(repositoryRoot, "postgres.sh", "start", postgresDirectory, AppInstance.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture));
        Task StopPostgres() => Scripts.RunAsync(repositoryRoot, "postgres.sh", "stop", postgresDirectory);
        var owned = new List<IAsyncDisposable>();
        try
        {
            await using (var connection = new Npgsql.NpgsqlConnection(server))
            {
                await connection.OpenAsync();
                await using var create = new Npgsql.NpgsqlCommand("CREATE DATABASE lifecycle_load", connection);
                await create.ExecuteNonQueryAsync();
            }

            var database = DatabaseSettings.Postgres(new Npgsql.NpgsqlConnectionStringBuilder(server) { Database = "lifecycle_load", MaxPoolSize = 100 }.ConnectionString);
            var keys = Path.Combine(directory, "keys");
            await seed(database, keys);
            var clusterSettings = new Dictionary<string, string>(settings) { ["ForwardedHeaders__KnownProxies"] = "127.0.0.1" };
            var starting = Enumerable.Range(1, instanceCount)
                .Select(i => AppInstance.StartAsync(repositoryRoot, configuration, database, Path.Combine(directory, $"app{i}"), $"load{i}", clusterSettings)).ToList();
            foreach (var instance in starting)
            {
                owned.Add(await instance);
            }

            var instances = owned.Cast<AppInstance>().Select(i => i.BaseAddress).ToList();
            var proxy = await NginxProxy.StartAsync(repositoryRoot, instances, circuits);
            owned.Insert(0, proxy);
            return new LoadTarget($"{instanceCount} instances on PostgreSQL behind nginx ({configuration} build)", proxy.BaseAddress, instances, database, keys, owned, StopPostgres);
        }
        catch
        {
            foreach (var disposable in owned)
            {
                await disposable.DisposeAsync();
            }

            await StopPostgres();
            throw;
        }
    }

    /// <summary>A server someone else runs; the tool seeds <paramref name="database"/> when one is given.</summary>
    public static LoadTarget Existing(Uri address, IReadOnlyList<Uri> instances, DatabaseSettings? database) =>
        new($"the server at {address}", address, instances.Count == 0 ? [address] : instances, database, null, [], null);

    /// <summary>The instances' recent output, for a failure's message.</summary>
    public string Logs => string.Join(Environment.NewLine, _owned.OfType<AppInstance>().Select(i => $"--- {i.BaseAddress}{Environment.NewLine}{i.Output}")
        .Concat(_owned.OfType<NginxProxy>().Select(p => $"--- nginx{Environment.NewLine}{p.ErrorLog}")));

    public async ValueTask DisposeAsync()
    {
        foreach (var disposable in _owned)
        {
            await disposable.DisposeAsync();
        }

        if (_cleanUp is not null)
        {
            await _cleanUp();
        }
    }
}
