using Lifecycle.Data;
using Lifecycle.Data.Access;
using Lifecycle.Data.Apps;
using Lifecycle.Data.Common;
using Lifecycle.Data.Constants;
using Lifecycle.Data.Definitions;
using Lifecycle.Data.Environments;
using Lifecycle.Data.Persistence;
using Lifecycle.Data.Releases;
using Lifecycle.Data.Setup;
using Lifecycle.Data.Versions;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Lifecycle.Benchmarks.Screens;

/// <summary>
/// The workspace the screens are measured on, arranged through the use cases on a temporary SQLite file: a big app
/// (released, with a draft on top for the editor), a small one (the same, 10 components), an app with many versions,
/// and enough other apps to fill the apps page.
/// </summary>
public sealed class ScreenWorkspace : IAsyncDisposable
{
    public const string AdminEmail = "ada@screens.test";
    public const string Password = "correct horse battery";
    public const string BigSlug = "big";
    public const string SmallSlug = "small";
    public const string HistorySlug = "history";

    private readonly string _name = Path.Combine(Path.GetTempPath(), $"lifecycle-screens-{Guid.NewGuid():N}");

    public string DatabasePath => _name + ".db";
    public string KeysDirectory => _name + "-keys";

    /// <summary>The name of the big app's last component: the last thing its page shows.</summary>
    public string BigLastComponent { get; private set; } = "";

    /// <summary>The Text component in the middle of the big app whose property the measurement changes.</summary>
    public string BigEditedComponent { get; private set; } = "";

    public string SmallLastComponent { get; private set; } = "";

    public static async Task<ScreenWorkspace> SeedAsync(ScreenOptions options, Action<string> log)
    {
        var workspace = new ScreenWorkspace();
        var services = new ServiceCollection().AddLogging();
        services.AddLifecycleData($"Data Source={workspace.DatabasePath}", workspace.KeysDirectory);
        await using var provider = services.BuildServiceProvider();
        await provider.MigrateLifecycleDatabaseAsync();
        Must(await provider.GetRequiredService<SetupService>().CreateFirstAdminAsync(AdminEmail, "Ada Admin", Password));
        Actor admin;
        await using (var scope = provider.CreateAsyncScope())
        {
            var user = await scope.ServiceProvider.GetRequiredService<UserManager<LifecycleUser>>().FindByEmailAsync(AdminEmail);
            admin = new Actor(user!.Id, "Ada Admin");
        }

        var seed = new Seeder(provider, admin);
        await seed.ConstantAsync();
        log($"Seeding: {BigSlug} ({options.Components} components), {SmallSlug} ({options.SmallComponents}), {HistorySlug} ({options.Versions} versions), {options.Apps} apps in all");
        workspace.BigLastComponent = await seed.ReleasedWithDraftAsync("Big", BigSlug, options.Components);
        workspace.BigEditedComponent = EditedComponentName(options.Components);
        workspace.SmallLastComponent = await seed.ReleasedWithDraftAsync("Small", SmallSlug, options.SmallComponents);
        await seed.ManyVersionsAsync("History", HistorySlug, options.Versions);
        for (var i = 3; i < options.Apps; i++)
        {
            Must(await provider.GetRequiredService<AppService>().CreateAsync(admin, $"App {i:D4}", $"app-{i:D4}"));
        }

        return workspace;
    }

    /// <summary>A Text component (every fifth one, <see cref="AppFactory"/>) near the middle of the page.</summary>
    private static string EditedComponentName(int components)
    {
        var index = components / 2 - components / 2 % ComponentCatalog.All.Count;
        return $"{ComponentCatalog.NamePrefix(ComponentType.Text)}{index + 1}";
    }

    public ValueTask DisposeAsync()
    {
        Sqlite.Delete(DatabasePath);
        if (Directory.Exists(KeysDirectory))
        {
            Directory.Delete(KeysDirectory, recursive: true);
        }

        return ValueTask.CompletedTask;
    }

    private static void Must(Result result)
    {
        if (!result.IsSuccess)
        {
            throw new InvalidOperationException(result.Error);
        }
    }

    private static T Must<T>(Result<T> result)
    {
        Must((Result)result);
        return result.Value!;
    }

    private sealed class Seeder(IServiceProvider services, Actor admin)
    {
        private VersionService Versions => services.GetRequiredService<VersionService>();

        /// <summary>SPEC E3: the factory's definitions bind a constant, which needs a value in every environment to be promoted.</summary>
        public async Task ConstantAsync()
        {
            var constants = services.GetRequiredService<ConstantService>();
            var id = Must(await constants.CreateAsync(admin, AppFactory.ConstantName, isSecret: false));
            foreach (var environment in Enum.GetValues<DeploymentEnvironment>())
            {
                Must(await constants.SetValueAsync(admin, id, environment, "https://api.example.test"));
            }
        }

        /// <summary>v1 with the components, saved, promoted and released; v2, a draft from it, is what the editor opens.</summary>
        public async Task<string> ReleasedWithDraftAsync(string name, string slug, int components)
        {
            var definition = AppFactory.WithComponents(components);
            var (appId, v1) = await AppWithDefinitionAsync(name, slug, definition);
            Must(await Versions.SaveAsync(admin, v1, null));
            var promotions = services.GetRequiredService<PromotionService>();
            Must(await promotions.PromoteAsync(admin, v1, DeploymentEnvironment.Staging));
            Must(await promotions.PromoteAsync(admin, v1, DeploymentEnvironment.Production));
            Must(await services.GetRequiredService<ReleaseService>().ReleaseAsync(admin, v1, null));
            Must(await Versions.CreateAsync(admin, appId, "v2", v1));
            return definition.Pages[0].Components[^1].Name;
        }

        /// <summary>v1 saved, then drafts v2 … vN created from it: the version list holds N versions.</summary>
        public async Task ManyVersionsAsync(string name, string slug, int versions)
        {
            var (appId, v1) = await AppWithDefinitionAsync(name, slug, AppFactory.WithComponents(5));
            Must(await Versions.SaveAsync(admin, v1, null));
            for (var i = 2; i <= versions; i++)
            {
                Must(await Versions.CreateAsync(admin, appId, $"v{i}", v1));
            }
        }

        private async Task<(int AppId, int V1)> AppWithDefinitionAsync(string name, string slug, AppDefinition definition)
        {
            var app = Must(await services.GetRequiredService<AppService>().CreateAsync(admin, name, slug));
            var v1 = Must(await Versions.ListAsync(admin, app.Id)).Single().Id;
            var opened = Must(await Versions.GetAsync(admin, v1));
            Must(await Versions.UpdateDefinitionAsync(admin, v1, opened.Revision, definition));
            return (app.Id, v1);
        }
    }
}
