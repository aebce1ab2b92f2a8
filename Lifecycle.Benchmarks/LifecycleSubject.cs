using Lifecycle.Data;
using Lifecycle.Data.Access;
using Lifecycle.Data.Apps;
using Lifecycle.Data.Constants;
using Lifecycle.Data.Definitions;
using Lifecycle.Data.Environments;
using Lifecycle.Data.Persistence;
using Lifecycle.Data.Releases;
using Lifecycle.Data.Setup;
using Lifecycle.Data.Versions;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Lifecycle.Benchmarks;

/// <summary>Lifecycle's own use cases, wired as the web app wires them, on a temporary SQLite file.</summary>
public sealed class LifecycleSubject : ISubject
{
    private readonly string _file;
    private readonly string _keys;
    private readonly ServiceProvider _services;
    private readonly Dictionary<int, DeploymentEnvironment> _environments = [];
    private readonly Dictionary<int, int> _revisions = [];
    private Actor _admin = new("", "");
    private int _appId;

    private LifecycleSubject(string file, string keys)
    {
        _file = file;
        _keys = keys;
        var services = new ServiceCollection().AddLogging();
        services.AddLifecycleData($"Data Source={file}", keys);
        services.ConfigureDbContext<LifecycleDbContext>(options => options.AddInterceptors(Meter));
        _services = services.BuildServiceProvider();
    }

    public string Name => "Lifecycle";

    public WriteMeter Meter { get; } = new();

    private VersionService Versions => _services.GetRequiredService<VersionService>();

    public static async Task<LifecycleSubject> StartAsync()
    {
        var name = Path.Combine(Path.GetTempPath(), $"lifecycle-bench-{Guid.NewGuid():N}");
        var subject = new LifecycleSubject(name + ".db", name + "-keys");
        await subject._services.MigrateLifecycleDatabaseAsync();
        Must(await subject._services.GetRequiredService<SetupService>().CreateFirstAdminAsync("ada@bench.test", "Ada", "correct horse battery"));
        await using (var scope = subject._services.CreateAsyncScope())
        {
            var user = await scope.ServiceProvider.GetRequiredService<UserManager<LifecycleUser>>().FindByEmailAsync("ada@bench.test");
            subject._admin = new Actor(user!.Id, "Ada");
        }

        // SPEC E3: the definition binds a constant, so promotion has a reference to check in every environment.
        var constants = subject._services.GetRequiredService<ConstantService>();
        var constantId = Must(await constants.CreateAsync(subject._admin, AppFactory.ConstantName, isSecret: false));
        foreach (var environment in Enum.GetValues<DeploymentEnvironment>())
        {
            Must(await constants.SetValueAsync(subject._admin, constantId, environment, "https://api.example.test"));
        }

        return subject;
    }

    public async Task<int> PrepareAsync(AppDefinition definition)
    {
        var app = Must(await _services.GetRequiredService<AppService>().CreateAsync(_admin, "Bench", "bench"));
        _appId = app.Id;
        var v1 = Must(await Versions.ListAsync(_admin, app.Id)).Single().Id;
        var opened = Must(await Versions.GetAsync(_admin, v1));
        _revisions[v1] = Must(await Versions.UpdateDefinitionAsync(_admin, v1, opened.Revision, definition));
        _environments[v1] = DeploymentEnvironment.Development;
        return v1;
    }

    public async Task<int> CreateVersionAsync(int fromVersionId, string name)
    {
        var created = Must(await Versions.CreateAsync(_admin, _appId, name, fromVersionId));
        _environments[created.Id] = DeploymentEnvironment.Development;
        return created.Id;
    }

    /// <summary>Autosave as the editor sends it: the operations, based on the revision the editor holds (decision 019).</summary>
    public async Task EditAsync(int versionId, IReadOnlyList<PropertyChange> changes)
    {
        if (!_revisions.TryGetValue(versionId, out var revision))
        {
            revision = Must(await Versions.GetAsync(_admin, versionId)).Revision;
        }

        var operations = changes.Select(c => (DefinitionOperation)new SetComponentProperty(c.PageId, c.ComponentId, c.Property, c.Value)).ToList();
        _revisions[versionId] = Must(await Versions.ApplyAsync(_admin, versionId, revision, operations));
    }

    public async Task SaveAsync(int versionId) => Must(await Versions.SaveAsync(_admin, versionId, null));

    public async Task PromoteAsync(int versionId)
    {
        var target = EnvironmentOrder.Next(_environments[versionId]) ?? throw new InvalidOperationException("Already in production.");
        Must(await _services.GetRequiredService<PromotionService>().PromoteAsync(_admin, versionId, target));
        _environments[versionId] = target;
    }

    public async Task ReleaseAsync(int versionId) => Must(await _services.GetRequiredService<ReleaseService>().ReleaseAsync(_admin, versionId, null));

    public async Task RollbackAsync(int versionId) => Must(await _services.GetRequiredService<ReleaseService>().RollbackAsync(_admin, versionId, null));

    public async Task<AppDefinition> OpenAsync(int versionId) => Must(await Versions.GetAsync(_admin, versionId)).Definition;

    /// <summary>Collects with no grace period: everything no version reaches goes (decision 020).</summary>
    public void ForgetCachedReads() => _services.GetRequiredService<DefinitionObjectCache>().Clear();

    public async Task CollectAsync() => await _services.GetRequiredService<DefinitionCollector>().CollectAsync(TimeSpan.Zero);

    public async Task<long> StoredBytesAsync() => await Sqlite.VacuumedSizeAsync(_file);

    public void CopyDatabaseTo(string path) => File.Copy(_file, path, overwrite: true);

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        Sqlite.Delete(_file);
        if (Directory.Exists(_keys))
        {
            Directory.Delete(_keys, recursive: true);
        }
    }

    private static void Must(Lifecycle.Data.Common.Result result)
    {
        if (!result.IsSuccess)
        {
            throw new InvalidOperationException(result.Error);
        }
    }

    private static T Must<T>(Lifecycle.Data.Common.Result<T> result)
    {
        Must((Lifecycle.Data.Common.Result)result);
        return result.Value!;
    }
}

/// <summary>File helpers shared by the subjects.</summary>
public static class Sqlite
{
    public static async Task<long> VacuumedSizeAsync(string file)
    {
        SqliteConnection.ClearAllPools();
        await using (var connection = new SqliteConnection($"Data Source={file}"))
        {
            await connection.OpenAsync();
            await using var vacuum = connection.CreateCommand();
            vacuum.CommandText = "VACUUM";
            await vacuum.ExecuteNonQueryAsync();
        }

        SqliteConnection.ClearAllPools();
        return new FileInfo(file).Length;
    }

    public static void Delete(string file)
    {
        SqliteConnection.ClearAllPools();
        foreach (var path in new[] { file, file + "-journal", file + "-wal", file + "-shm" })
        {
            File.Delete(path);
        }
    }
}
