using System.Collections.Immutable;
using Lifecycle.Data;
using Lifecycle.Data.Access;
using Lifecycle.Data.Apps;
using Lifecycle.Data.Common;
using Lifecycle.Data.Definitions;
using Lifecycle.Data.Persistence;
using Lifecycle.Data.Setup;
using Lifecycle.Data.Versions;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Lifecycle.Load.Seeding;

/// <summary>An account the simulated users sign in with (Builders: may edit every app).</summary>
public sealed record LoadAccount(string Email, string Password);

/// <summary>One simulated user's app: its slug and the Text component whose "text" the user edits.</summary>
public sealed record LoadApp(string Slug, string ComponentName);

/// <summary>
/// Arranges the workspace the simulated users work in, through the app's own use cases on its database (the container
/// the web app builds, <see cref="DataServiceCollectionExtensions.AddLifecycleData(IServiceCollection, DatabaseSettings, string?)"/>):
/// an admin, Builders accounts, and one app of a given size per circuit, each with different text so that no two apps
/// share definition objects. What exists already is kept, so a database seeded once serves later runs.
/// </summary>
public static class LoadWorkspace
{
    public const string Password = "load-test-password";
    private const string AdminEmail = "load-admin@load.test";

    public static async Task<(IReadOnlyList<LoadAccount> Accounts, IReadOnlyList<LoadApp> Apps)> SeedAsync(
        DatabaseSettings database, string? keysDirectory, int accounts, int apps, int components, Action<string> log, CancellationToken cancellationToken)
    {
        var services = new ServiceCollection().AddLogging();
        services.AddLifecycleData(database, keysDirectory);
        await using var provider = services.BuildServiceProvider();
        await provider.MigrateLifecycleDatabaseAsync(cancellationToken);

        var setup = provider.GetRequiredService<SetupService>();
        if (!await setup.IsSetUpAsync(cancellationToken))
        {
            Must(await setup.CreateFirstAdminAsync(AdminEmail, "Load admin", Password, cancellationToken));
        }

        Actor admin;
        await using (var scope = provider.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<LifecycleUser>>();
            var user = await users.FindByEmailAsync(AdminEmail) ?? throw new InvalidOperationException($"The workspace was set up by someone else: {AdminEmail} is not its admin.");
            admin = new Actor(user.Id, "Load admin");
        }

        var seededAccounts = new List<LoadAccount>();
        var admins = provider.GetRequiredService<UserAdminService>();
        for (var i = 1; i <= accounts; i++)
        {
            var email = $"load-{i:D4}@load.test";
            await using var scope = provider.CreateAsyncScope();
            if (await scope.ServiceProvider.GetRequiredService<UserManager<LifecycleUser>>().FindByEmailAsync(email) is null)
            {
                Must(await admins.CreateUserAsync(admin, email, $"Load user {i}", Password, Group.BuildersId, cancellationToken));
            }

            seededAccounts.Add(new LoadAccount(email, Password));
        }

        log($"{accounts} accounts ready.");
        var appService = provider.GetRequiredService<AppService>();
        var versions = provider.GetRequiredService<VersionService>();
        var seededApps = new List<LoadApp>();
        var created = 0;
        for (var i = 1; i <= apps; i++)
        {
            var slug = $"load-{i:D4}";
            seededApps.Add(new LoadApp(slug, EditedComponentName(components)));
            if ((await appService.FindBySlugAsync(admin, slug, cancellationToken)).IsSuccess)
            {
                continue;
            }

            var app = Must(await appService.CreateAsync(admin, $"Load {i}", slug, cancellationToken));
            var draft = Must(await versions.ListAsync(admin, app.Id, cancellationToken)).Single().Id;
            var opened = Must(await versions.GetAsync(admin, draft, cancellationToken));
            Must(await versions.UpdateDefinitionAsync(admin, draft, opened.Revision, Definition(i, components), cancellationToken));
            if (++created % 100 == 0)
            {
                log($"{created} apps created.");
            }
        }

        log($"{apps} apps of {components} components ready.");
        return (seededAccounts, seededApps);
    }

    /// <summary>One page of <paramref name="components"/> components of every type (cycling Text, Button, Text input, Table, Image), two to a row.</summary>
    public static AppDefinition Definition(int app, int components)
    {
        var list = ImmutableArray.CreateBuilder<ComponentDefinition>(components);
        for (var i = 0; i < components; i++)
        {
            var type = ComponentCatalog.All[i % ComponentCatalog.All.Count];
            var properties = ComponentCatalog.DefaultProperties(type);
            properties = type switch
            {
                ComponentType.Text => properties.SetItem("text", $"Line {i} of app {app}'s report"),
                ComponentType.Button => properties.SetItem("label", $"Action {i}"),
                ComponentType.TextInput => properties.SetItem("label", $"Field {i}"),
                ComponentType.Table => properties.SetItem("data", $$"""[{"id":1,"name":"Row one of {{app}}"},{"id":2,"name":"Row two"},{"id":3,"name":"Row three"}]"""),
                _ => properties,
            };
            var width = Math.Min(ComponentCatalog.DefaultWidth(type), 6);
            list.Add(new ComponentDefinition($"c{i:D11}", ComponentName(type, i), type, properties, i, new GridPlacement(i / 2, i % 2 * 6, width)));
        }

        var page = new PageDefinition("home000000000", "Home", "home", 0, list.MoveToImmutable());
        return new AppDefinition(AppDefinition.CurrentSchemaVersion, [page], [], new AppSettings($"Load {app}", AppTheme.Light));
    }

    /// <summary>The Text component in the middle of the page, whose "text" each simulated user changes.</summary>
    public static string EditedComponentName(int components)
    {
        var middle = components / 2;
        return ComponentName(ComponentType.Text, middle - middle % ComponentCatalog.All.Count);
    }

    private static string ComponentName(ComponentType type, int index) => $"{ComponentCatalog.NamePrefix(type)}{index + 1}";

    private static T Must<T>(Result<T> result) => result.IsSuccess ? result.Value! : throw new InvalidOperationException(result.Error);

    private static void Must(Result result)
    {
        if (!result.IsSuccess)
        {
            throw new InvalidOperationException(result.Error);
        }
    }
}
