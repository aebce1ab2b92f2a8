using Lifecycle.Data.Access;
using Lifecycle.Data.Constants;
using Lifecycle.Data.DataSources;
using Lifecycle.Data.Queries;
using Microsoft.AspNetCore.DataProtection;
using Lifecycle.Data.Apps;
using Lifecycle.Data.Audit;
using Lifecycle.Data.Definitions;
using Lifecycle.Data.Environments;
using Lifecycle.Data.GitSync;
using Lifecycle.Data.Network;
using Lifecycle.Data.Events;
using Lifecycle.Data.Persistence;
using Lifecycle.Data.Releases;
using Lifecycle.Data.Setup;
using Lifecycle.Data.Sharing;
using Lifecycle.Data.SignIn;
using Lifecycle.Data.Versions;
using Lifecycle.Data.Instances;
using Lifecycle.Data.Persistence.Postgres;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Lifecycle.Data;

public static class DataServiceCollectionExtensions
{
    /// <summary>Registers the workspace on a SQLite file: see <see cref="AddLifecycleData(IServiceCollection, DatabaseSettings, string?)"/>.</summary>
    public static IdentityBuilder AddLifecycleData(this IServiceCollection services, string sqliteConnectionString, string? keysDirectory = null) =>
        services.AddLifecycleData(DatabaseSettings.Sqlite(sqliteConnectionString), keysDirectory);

    /// <summary>
    /// Registers persistence, Identity's stores and the use cases. The web app and the tests build the same
    /// container, so the rules run the same way for every caller. The database (<see cref="DatabaseSettings"/>) decides
    /// what differs between one instance and several (decisions 030-032): where Data Protection keeps its keys and how
    /// change notices travel. A <see cref="ThisInstance"/> registered before this call names the instance.
    /// </summary>
    /// <param name="keysDirectory">On SQLite, where Data Protection keys are kept, so secrets stay readable after a restart
    /// (SPEC E5); null keeps the framework's default location (the user profile). On PostgreSQL the keys are in the
    /// database, shared by every instance, and this is not used.</param>
    public static IdentityBuilder AddLifecycleData(this IServiceCollection services, DatabaseSettings database, string? keysDirectory = null)
    {
        services.AddSingleton(database);
        services.TryAddSingleton(_ => ThisInstance.Named(null));
        var dataProtection = services.AddDataProtection().SetApplicationName("Lifecycle");
        if (database.IsPostgres)
        {
            dataProtection.PersistKeysToDbContext<LifecycleDbContext>();
        }
        else if (keysDirectory is not null)
        {
            dataProtection.PersistKeysToFileSystem(new DirectoryInfo(keysDirectory));
        }

        services.AddOptions<QuerySettings>();
        services.AddSingleton<IHostAddresses, SystemHostAddresses>();
        services.AddSingleton<OutboundAllowlistService>();
        services.AddSingleton<OutboundAddressGuard>();
        services.AddHttpClient(QueryRunner.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(provider => new SocketsHttpHandler
            {
                AllowAutoRedirect = false, // a redirect could lead to an address the guard never saw
                ConnectCallback = provider.GetRequiredService<OutboundAddressGuard>().ConnectAsync,
                PooledConnectionLifetime = TimeSpan.FromMinutes(1), // a connection opened before an allowlist entry was removed does not outlive it by much
            })
            // The factory's own logging writes every failed call with its stack trace; QueryRunner logs one line instead.
            .RemoveAllLoggers();

        services.AddDbContextFactory<LifecycleDbContext>(database.Configure);
        services.AddSingleton(TimeProvider.System);
        if (database.IsPostgres)
        {
            services.AddSingleton<IAppChangeNotifier>(provider => new PostgresAppChangeNotifier(
                database.ConnectionString, provider.GetRequiredService<ThisInstance>(), provider.GetRequiredService<ILogger<PostgresAppChangeNotifier>>()));
        }
        else
        {
            services.AddSingleton<IAppChangeNotifier, InProcessAppChangeNotifier>();
        }

        services.AddSingleton<Leases>();
        services.AddSingleton<DefinitionObjectCache>();
        services.AddSingleton<DefinitionStore>();
        services.AddSingleton<DefinitionCollector>();
        if (database.IsPostgres)
        {
            services.AddSingleton<IDefinitionCollectionLease, DatabaseCollectionLease>(); // one collection per interval across instances (decision 032)
        }
        else
        {
            services.AddSingleton<IDefinitionCollectionLease, InProcessCollectionLease>();
        }

        services.AddSingleton<LegacyDefinitionConverter>();
        services.AddSingleton<AuditWriter>();
        services.AddSingleton<UseCaseRunner>();
        services.AddSingleton<AuditService>();
        services.AddSingleton<AccessService>();
        services.AddSingleton<GroupAdminService>();
        services.AddSingleton<AppService>();
        services.AddSingleton<VersionService>();
        services.AddSingleton<ReleaseService>();
        services.AddSingleton<PromotionService>();
        services.AddSingleton<SecretProtector>();
        services.AddSingleton<ConstantService>();
        services.AddSingleton<DataSourceService>();
        services.AddSingleton<QueryRunner>();
        services.AddSingleton<ReleasedAppService>();
        services.AddOptions<SharingSettings>();
        services.AddSingleton<AnonymousQueryLimit>();
        services.AddSingleton<SharingService>();
        services.AddSingleton<EmbeddingService>();
        services.AddSingleton<PreviewService>();
        services.AddSingleton<SetupService>();
        services.AddSingleton<UserAdminService>();
        services.AddGitSync();
        services.AddSingleton<SignInSessions>();
        services.AddOptions<SignInThrottleSettings>();
        services.AddSingleton<SignInThrottle>();
        services.AddSingleton<PasswordSignIn>();

        // SPEC/issue 4: PBKDF2 with at least 210,000 iterations; older hashes are upgraded at the next sign-in.
        services.Configure<PasswordHasherOptions>(options => options.IterationCount = 210_000);

        return services
            .AddIdentityCore<LifecycleUser>(options =>
            {
                // Identity schema version must be set here too (dotnet/aspnetcore#65449), not only by the web host.
                options.Stores.SchemaVersion = IdentitySchemaVersions.Version3;
                options.SignIn.RequireConfirmedAccount = false;
                options.User.RequireUniqueEmail = true;
                options.Password.RequiredLength = 8;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequiredUniqueChars = 1;
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(5);
            })
            .AddEntityFrameworkStores<LifecycleDbContext>();
    }

    /// <summary>
    /// Creates or upgrades the database schema, then converts data that an upgrade left in an older form (definitions
    /// stored whole become trees, decision 018); the app calls it at start. On PostgreSQL, instances starting together
    /// take turns (an advisory lock), and the first one also creates the Data Protection key that all of them then share.
    /// </summary>
    public static async Task MigrateLifecycleDatabaseAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        var database = services.GetRequiredService<DatabaseSettings>();
        await using var turn = database.IsPostgres ? await PostgresLocks.HoldStartupGateAsync(database.ConnectionString, cancellationToken) : null;
        if (!database.IsPostgres)
        {
            await SqliteNewDatabase.PrepareAsync(database.ConnectionString, cancellationToken);
        }

        var factory = services.GetRequiredService<IDbContextFactory<LifecycleDbContext>>();
        await using (var db = await factory.CreateDbContextAsync(cancellationToken))
        {
            await db.Database.MigrateAsync(cancellationToken);
        }

        if (database.IsPostgres)
        {
            // Creates the key ring's first key now, in turn, rather than at two instances' first requests at once.
            services.GetRequiredService<Microsoft.AspNetCore.DataProtection.IDataProtectionProvider>().CreateProtector("Lifecycle.Startup").Protect("ready");
        }

        await services.GetRequiredService<LegacyDefinitionConverter>().ConvertAsync(cancellationToken);
    }
}
