using Lifecycle.Load.Hosting;
using Lifecycle.Tests.EndToEnd;
using Lifecycle.Tests.Support;

namespace Lifecycle.Tests.ScaleOut;

/// <summary>
/// Several instances of the real app (child processes, <see cref="AppServer"/>) on one new PostgreSQL database of the run's
/// <see cref="PostgresServer"/>, behind nginx with the compose file's proxy configuration (<see cref="NginxProxy"/>), and a
/// <see cref="TestWorkspace"/> on the same database to arrange and check through the use cases (decision 030). The
/// instances start together on an empty database, so they also race to migrate it. The seam for load and crash tests:
/// each instance can be stopped on its own (<see cref="AppServer.DisposeAsync"/>).
/// </summary>
public sealed class AppCluster : IAsyncDisposable
{
    private readonly List<string> _workDirectories;

    private AppCluster(TestWorkspace workspace, IReadOnlyList<AppServer> instances, NginxProxy proxy, List<string> workDirectories)
    {
        Workspace = workspace;
        Instances = instances;
        Proxy = proxy;
        _workDirectories = workDirectories;
    }

    public TestWorkspace Workspace { get; }

    public IReadOnlyList<AppServer> Instances { get; }

    public NginxProxy Proxy { get; }

    /// <param name="settings">Configuration of every instance on top of the defaults (environment variable names).</param>
    public static async Task<AppCluster> StartAsync(int instances = 2, IReadOnlyDictionary<string, string>? settings = null)
    {
        var database = await (await PostgresServer.GetAsync()).CreateDatabaseAsync(migrated: false);
        var workDirectories = Enumerable.Range(1, instances).Select(i => Path.Combine(Path.GetTempPath(), $"lifecycle-gitsync-app{i}-{Guid.NewGuid():N}")).ToList();
        var starting = Enumerable.Range(1, instances).Select(i => AppServer.StartOnAsync(database.Settings, workDirectories[i - 1] + "-keys", new Dictionary<string, string>(settings ?? new Dictionary<string, string>())
        {
            ["Instance__Name"] = $"app{i}",
            ["GitSync__WorkDirectory"] = workDirectories[i - 1], // each instance has its own clone, as in the compose file
            ["SignIn__AttemptsPerMinutePerIp"] = "1000",
            ["ForwardedHeaders__KnownProxies"] = "127.0.0.1",
        })).ToList();
        var started = new List<AppServer>();
        try
        {
            foreach (var instance in starting)
            {
                started.Add(await instance);
            }

            var workspace = await TestWorkspace.StartOnAsync(database);
            var proxy = await NginxProxy.StartAsync(AppServer.RepositoryRoot(), started.Select(s => s.BaseAddress), connections: 100); // the load tool's, with the same configuration
            return new AppCluster(workspace, started, proxy, workDirectories);
        }
        catch
        {
            foreach (var instance in starting.Where(t => t.IsCompletedSuccessfully).Select(t => t.Result))
            {
                await instance.DisposeAsync();
            }

            await database.DisposeAsync();
            throw;
        }
    }

    /// <summary>Everything the instances and the proxy logged, for a failing test's message.</summary>
    public string Logs => string.Join(Environment.NewLine, Instances.Select((instance, i) => $"--- app{i + 1}{Environment.NewLine}{instance.Output}").Append($"--- nginx{Environment.NewLine}{Proxy.ErrorLog}"));

    public async ValueTask DisposeAsync()
    {
        await Proxy.DisposeAsync();
        foreach (var instance in Instances)
        {
            await instance.DisposeAsync();
        }

        await Workspace.DisposeAsync();
        foreach (var directory in _workDirectories.Where(Directory.Exists))
        {
            foreach (var file in Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories))
            {
                File.SetAttributes(file, FileAttributes.Normal);
            }

            Directory.Delete(directory, recursive: true);
        }
    }
}
