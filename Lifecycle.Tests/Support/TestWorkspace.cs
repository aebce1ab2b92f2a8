using Lifecycle.Data;
using Lifecycle.Data.Access;
using Lifecycle.Data.Apps;
using Lifecycle.Data.Audit;
using Lifecycle.Data.Environments;
using Lifecycle.Data.Persistence;
using Lifecycle.Data.Releases;
using Lifecycle.Data.Setup;
using Lifecycle.Data.Versions;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Lifecycle.Tests.Support;

/// <summary>
/// A workspace on a database of its own, wired with the same container the web app builds
/// (<see cref="DataServiceCollectionExtensions.AddLifecycleData(IServiceCollection, DatabaseSettings, string?)"/>). One per test;
/// disposing it deletes the database. The database is a temporary SQLite file, or, when <c>LIFECYCLE_TEST_PROVIDER</c> is
/// <c>Postgres</c> (the test command's second run of the integration tests), a new database on the run's
/// <see cref="PostgresServer"/>.
/// </summary>
public sealed class TestWorkspace : IAsyncDisposable
{
    public const string Password = "correct horse battery";

    /// <summary>The first admin's email, "Ada Admin" (<see cref="StartAsync"/>).</summary>
    public const string AdminEmail = "ada@lifecycle.test";

    /// <summary>Sqlite (the default) or Postgres: the provider every workspace of this test run uses.</summary>
    public const string ProviderVariable = "LIFECYCLE_TEST_PROVIDER";

    private readonly string? _file;
    private readonly TestDatabase? _postgres;
    private readonly string _keysDirectory;
    private readonly Action<IServiceCollection>? _configure;
    private ServiceProvider _services;

    private TestWorkspace(DatabaseSettings database, string? file, TestDatabase? postgres, string keysDirectory, Action<IServiceCollection>? configure)
    {
        Database = database;
        _file = file;
        _postgres = postgres;
        _keysDirectory = keysDirectory;
        _configure = configure;
        _services = BuildServices();
    }

    /// <summary>The provider of this test run's workspaces.</summary>
    public static DatabaseProvider Provider =>
        string.Equals(Environment.GetEnvironmentVariable(ProviderVariable), nameof(DatabaseProvider.Postgres), StringComparison.OrdinalIgnoreCase)
            ? DatabaseProvider.Postgres
            : DatabaseProvider.Sqlite;

    /// <summary>The workspace's database, for a hosted app or a second instance that serves it.</summary>
    public DatabaseSettings Database { get; }

    private ServiceProvider BuildServices() => BuildInstance(_configure);

    /// <summary>
    /// Another container on the same database and keys: a second app instance of this workspace, as when several
    /// instances share one database (decision 030). The caller disposes it.
    /// </summary>
    public ServiceProvider BuildInstance(Action<IServiceCollection>? configure = null)
    {
        var services = new ServiceCollection().AddLogging();
        services.AddLifecycleData(Database, _keysDirectory);
        configure?.Invoke(services);
        return services.BuildServiceProvider(validateScopes: true);
    }

    /// <summary>Stops this "host" and starts a new one on the same database and Data Protection keys, as a server restart does.</summary>
    public async Task RestartAsync()
    {
        await _services.DisposeAsync();
        _services = BuildServices();
    }

    /// <summary>The SQLite file, for a hosted app that serves this workspace (<c>EndToEnd/AppServer</c>).</summary>
    public string DatabasePath => _file ?? throw new InvalidOperationException("This workspace is on PostgreSQL: use Database.");

    /// <summary>The Data Protection keys, shared with a hosted app on the same database.</summary>
    public string KeysDirectory => _keysDirectory;

    /// <summary>The email <see cref="AddUserAsync"/> gives a user: the display name, dotted and lowercase.</summary>
    public static string EmailOf(string displayName) => $"{displayName.Replace(" ", ".").ToLowerInvariant()}@lifecycle.test";

    /// <summary>The first admin, created by <see cref="StartAsync"/> through first-run setup.</summary>
    public Actor Admin { get; private set; } = new("", "");

    public AppService Apps => Get<AppService>();
    public VersionService Versions => Get<VersionService>();
    public ReleaseService Releases => Get<ReleaseService>();
    public ReleasedAppService ReleasedApps => Get<ReleasedAppService>();
    public SetupService Setup => Get<SetupService>();
    public UserAdminService UserAdmin => Get<UserAdminService>();
    public GroupAdminService GroupAdmin => Get<GroupAdminService>();
    public AuditService Audit => Get<AuditService>();
    public PromotionService Promotions => Get<PromotionService>();

    /// <summary>A migrated, empty database: no users, not set up (SPEC A5). <paramref name="provider"/> overrides the run's provider.</summary>
    public static async Task<TestWorkspace> StartEmptyAsync(Action<IServiceCollection>? configure = null, DatabaseProvider? provider = null)
    {
        var workspace = await OnNewDatabaseAsync(configure, provider ?? Provider, migrated: true);
        await workspace._services.MigrateLifecycleDatabaseAsync();
        return workspace;
    }

    /// <summary>A migrated database whose first admin ("Ada Admin") is set up.</summary>
    public static async Task<TestWorkspace> StartAsync(Action<IServiceCollection>? configure = null, DatabaseProvider? provider = null) =>
        await SetUpFirstAdminAsync(await StartEmptyAsync(configure, provider));

    /// <summary>
    /// A workspace on a PostgreSQL database the caller created, which app instances serve as well (<c>ScaleOut/AppCluster</c>);
    /// migrated if they have not done it, its first admin set up. Disposing the workspace drops the database.
    /// </summary>
    public static async Task<TestWorkspace> StartOnAsync(TestDatabase database)
    {
        var workspace = new TestWorkspace(database.Settings, null, database, Path.Combine(Path.GetTempPath(), $"lifecycle-tests-{Guid.NewGuid():N}-keys"), null);
        await workspace._services.MigrateLifecycleDatabaseAsync();
        return await SetUpFirstAdminAsync(workspace);
    }

    /// <summary>
    /// A database made by the migrations up to <paramref name="migration"/>, holding what <paramref name="seed"/> writes in
    /// that older schema, then upgraded as the app does at start; its first admin is set up afterwards. SQLite unless
    /// <paramref name="provider"/> says otherwise: each provider has its own migrations, so <paramref name="migration"/>
    /// names one of that provider's.
    /// </summary>
    public static async Task<TestWorkspace> StartUpgradedFromAsync(string migration, Func<LifecycleDbContext, Task> seed, DatabaseProvider provider = DatabaseProvider.Sqlite)
    {
        var workspace = await OnNewDatabaseAsync(configure: null, provider, migrated: false);
        await using (var db = await workspace.DbAsync())
        {
            await db.GetService<Microsoft.EntityFrameworkCore.Migrations.IMigrator>().MigrateAsync(migration);
            await seed(db);
        }

        await workspace._services.MigrateLifecycleDatabaseAsync();
        return await SetUpFirstAdminAsync(workspace);
    }

    /// <summary>A workspace on a new database of <paramref name="provider"/>: a temporary SQLite file, or a PostgreSQL database copied from the migrated template (or empty).</summary>
    private static async Task<TestWorkspace> OnNewDatabaseAsync(Action<IServiceCollection>? configure, DatabaseProvider provider, bool migrated)
    {
        var name = $"lifecycle-tests-{Guid.NewGuid():N}";
        var keysDirectory = Path.Combine(Path.GetTempPath(), name + "-keys");
        if (provider == DatabaseProvider.Postgres)
        {
            var database = await (await PostgresServer.GetAsync()).CreateDatabaseAsync(migrated);
            return new TestWorkspace(database.Settings, null, database, keysDirectory, configure);
        }

        var file = Path.Combine(Path.GetTempPath(), name + ".db");
        return new TestWorkspace(DatabaseSettings.Sqlite($"Data Source={file}"), file, null, keysDirectory, configure);
    }

    private static async Task<TestWorkspace> SetUpFirstAdminAsync(TestWorkspace workspace)
    {
        ResultAssert.Ok(await workspace.Setup.CreateFirstAdminAsync(AdminEmail, "Ada Admin", Password));
        workspace.Admin = new Actor(await workspace.UserIdAsync(AdminEmail), "Ada Admin");
        return workspace;
    }

    public T Get<T>()
        where T : notnull => _services.GetRequiredService<T>();

    /// <summary>Creates a user in a group through the admin use case and returns them as an actor.</summary>
    public async Task<Actor> AddUserAsync(string displayName, int groupId)
    {
        var email = EmailOf(displayName);
        ResultAssert.Ok(await UserAdmin.CreateUserAsync(Admin, email, displayName, Password, groupId));
        return new Actor(await UserIdAsync(email), displayName);
    }

    /// <summary>A custom group holding exactly the given permissions (SPEC A1, A2), created through the admin use cases.</summary>
    public async Task<int> CreateGroupAsync(string name, params (Permission Permission, int? AppId)[] grants)
    {
        var groupId = ResultAssert.Ok(await GroupAdmin.CreateAsync(Admin, name));
        foreach (var (permission, appId) in grants)
        {
            ResultAssert.Ok(await GroupAdmin.SetPermissionAsync(Admin, groupId, permission, appId, granted: true));
        }

        return groupId;
    }

    /// <summary>Every audit entry, oldest first, read past the use cases.</summary>
    public async Task<IReadOnlyList<AuditEntry>> AuditEntriesAsync()
    {
        await using var db = await DbAsync();
        return await db.AuditEntries.AsNoTracking().OrderBy(e => e.Id).ToListAsync();
    }

    public Task<Actor> AddBuilderAsync(string displayName) => AddUserAsync(displayName, Group.BuildersId);

    public Task<Actor> AddEndUserAsync(string displayName) => AddUserAsync(displayName, Group.EndUsersId);

    public async Task<string> UserIdAsync(string email)
    {
        await using var scope = _services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<LifecycleUser>>();
        var user = await users.FindByEmailAsync(email);
        Assert.NotNull(user);
        return user.Id;
    }

    /// <summary>A context of its own, for arranging and checking what the use cases cannot show.</summary>
    public Task<LifecycleDbContext> DbAsync() =>
        _services.GetRequiredService<IDbContextFactory<LifecycleDbContext>>().CreateDbContextAsync();

    public async Task<AppSummary> CreateAppAsync(Actor actor, string name = "Orders", string? slug = null) =>
        ResultAssert.Ok(await Apps.CreateAsync(actor, name, slug ?? SlugRules.Derive(name)));

    /// <summary>The id of the app's first version, v1 (SPEC V1).</summary>
    public async Task<int> FirstVersionIdAsync(int appId) =>
        ResultAssert.Ok(await Versions.ListAsync(Admin, appId)).Single(v => v.Name == AppVersion.FirstVersionName).Id;

    public async Task<VersionSummary> CreateVersionAsync(Actor actor, int appId, string name, int fromVersionId) =>
        ResultAssert.Ok(await Versions.CreateAsync(actor, appId, name, fromVersionId));

    /// <summary>A new draft created from <paramref name="fromVersionId"/> and saved at once.</summary>
    public async Task<int> CreateSavedVersionAsync(Actor actor, int appId, string name, int fromVersionId)
    {
        var version = await CreateVersionAsync(actor, appId, name, fromVersionId);
        ResultAssert.Ok(await Versions.SaveAsync(actor, version.Id, null));
        return version.Id;
    }

    /// <summary>Promotes a saved version to production, step by step (SPEC E2), as the admin.</summary>
    public async Task PromoteToProductionAsync(int versionId)
    {
        var promotions = Get<PromotionService>();
        ResultAssert.Ok(await promotions.PromoteAsync(Admin, versionId, DeploymentEnvironment.Staging));
        ResultAssert.Ok(await promotions.PromoteAsync(Admin, versionId, DeploymentEnvironment.Production));
    }

    /// <summary>Saves a draft, promotes it to production and releases it, as the admin: the arrange step of many tests.</summary>
    public async Task SaveAndReleaseAsync(int versionId)
    {
        ResultAssert.Ok(await Versions.SaveAsync(Admin, versionId, null));
        await PromoteToProductionAsync(versionId);
        ResultAssert.Ok(await Releases.ReleaseAsync(Admin, versionId, null));
    }

    /// <summary>A new saved version promoted to production: ready to release (SPEC V6).</summary>
    public async Task<int> CreateProductionVersionAsync(Actor actor, int appId, string name, int fromVersionId)
    {
        var versionId = await CreateSavedVersionAsync(actor, appId, name, fromVersionId);
        await PromoteToProductionAsync(versionId);
        return versionId;
    }

    /// <summary>The stored row of a version, read past the use cases.</summary>
    public async Task<AppVersion> VersionRowAsync(int versionId)
    {
        await using var db = await DbAsync();
        return await db.Versions.AsNoTracking().SingleAsync(v => v.Id == versionId);
    }

    public async Task<App> AppRowAsync(int appId)
    {
        await using var db = await DbAsync();
        return await db.Apps.AsNoTracking().SingleAsync(a => a.Id == appId);
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }

        if (_file is not null)
        {
            SqliteConnection.ClearAllPools();
            foreach (var path in new[] { _file, _file + "-journal", _file + "-wal", _file + "-shm" })
            {
                File.Delete(path);
            }
        }

        if (Directory.Exists(_keysDirectory))
        {
            Directory.Delete(_keysDirectory, recursive: true);
        }
    }
}
