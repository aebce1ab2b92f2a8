using System.Security.Claims;
using Bunit;
using Bunit.TestDoubles;
using Lifecycle.Data;
using Lifecycle.Data.Access;
using Lifecycle.Data.Apps;
using Lifecycle.Data.Environments;
using Lifecycle.Data.Persistence;
using Lifecycle.Data.Releases;
using Lifecycle.Data.Setup;
using Lifecycle.Data.Versions;
using Lifecycle.Web.Components.Account;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;

namespace Lifecycle.Tests.Components;

/// <summary>
/// A bUnit context wired like the web app for the version components: MudBlazor, the real use cases over a
/// temporary SQLite file (migrated), and a signed-in first admin as the current actor. Owns and deletes the file.
/// </summary>
internal sealed class ComponentHarness : IAsyncDisposable
{
    private readonly string _databaseFile;

    private readonly BunitAuthorizationContext _authorization;

    private ComponentHarness(BunitContext context, string databaseFile, Actor admin, BunitAuthorizationContext authorization)
    {
        Context = context;
        _databaseFile = databaseFile;
        Admin = admin;
        _authorization = authorization;
    }

    public BunitContext Context { get; }

    public Actor Admin { get; }

    public VersionService Versions => Context.Services.GetRequiredService<VersionService>();

    public ReleaseService Releases => Context.Services.GetRequiredService<ReleaseService>();

    public AppService Apps => Context.Services.GetRequiredService<AppService>();

    public IDialogService Dialogs => Context.Services.GetRequiredService<IDialogService>();

    public ISnackbar Snackbar => Context.Services.GetRequiredService<ISnackbar>();

    public static async Task<ComponentHarness> CreateAsync()
    {
        var databaseFile = Path.Combine(Path.GetTempPath(), $"lifecycle-bunit-{Guid.NewGuid():N}.db");
        var context = new BunitContext();
        try
        {
            context.JSInterop.Mode = JSRuntimeMode.Loose;
            context.Services.AddMudServices();
            context.Services.AddLogging();
            context.Services.AddLifecycleData($"Data Source={databaseFile}");
            context.Services.AddScoped<CurrentActor>();
            Lifecycle.Web.Circuits.CircuitReconnections.Register(context.Services); // the canvas's, for pages that draw one
            context.Services.AddSingleton<Microsoft.AspNetCore.Components.Forms.AntiforgeryStateProvider, FixedAntiforgery>(); // the layout's sign-out form
            var authorization = context.AddAuthorization();

            await context.Services.MigrateLifecycleDatabaseAsync();
            var setup = await context.Services.GetRequiredService<SetupService>().CreateFirstAdminAsync("admin@example.com", "Admin", "password123");
            Assert.True(setup.IsSuccess, setup.Error);

            string adminId;
            await using (var scope = context.Services.CreateAsyncScope())
            {
                var users = scope.ServiceProvider.GetRequiredService<UserManager<LifecycleUser>>();
                var admin = await users.FindByEmailAsync("admin@example.com");
                adminId = admin!.Id;
            }

            authorization.SetAuthorized("Admin");
            authorization.SetClaims(new Claim(ClaimTypes.NameIdentifier, adminId));
            return new ComponentHarness(context, databaseFile, new Actor(adminId, "Admin"), authorization);
        }
        catch
        {
            await context.DisposeAsync();
            DeleteDatabase(databaseFile);
            throw;
        }
    }

    /// <summary>A new user in <paramref name="groupId"/>, created by the admin; <see cref="SignInAs"/> makes them the current user.</summary>
    public async Task<Actor> AddUserAsync(string name, int groupId)
    {
        var email = $"{name.Replace(" ", ".").ToLowerInvariant()}@example.com";
        var created = await Context.Services.GetRequiredService<UserAdminService>().CreateUserAsync(Admin, email, name, "password123", groupId);
        Assert.True(created.IsSuccess, created.Error);
        await using var scope = Context.Services.CreateAsyncScope();
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<LifecycleUser>>().FindByEmailAsync(email);
        return new Actor(user!.Id, name);
    }

    /// <summary>Components rendered from now on act as <paramref name="actor"/>.</summary>
    public void SignInAs(Actor actor)
    {
        _authorization.SetAuthorized(actor.Name);
        _authorization.SetClaims(new Claim(ClaimTypes.NameIdentifier, actor.UserId));
    }

    /// <summary>Components rendered from now on have no signed-in user, as a public app's visitor (SPEC S2).</summary>
    public void SignOut() => _authorization.SetNotAuthorized();

    /// <summary>Renders the popover and dialog providers that MudBlazor's menus, selects and dialogs render into.</summary>
    public (IRenderedComponent<MudPopoverProvider> Popovers, IRenderedComponent<MudDialogProvider> Dialogs) RenderProviders() =>
        (Context.Render<MudPopoverProvider>(), Context.Render<MudDialogProvider>());

    /// <summary>An app (with its first draft v1, SPEC V1) created by the admin.</summary>
    public async Task<AppSummary> CreateAppAsync(string name = "Orders", string slug = "orders")
    {
        var created = await Apps.CreateAsync(Admin, name, slug);
        Assert.True(created.IsSuccess, created.Error);
        return created.Value!;
    }

    public async Task<VersionSummary> CreateVersionAsync(int appId, string name, int fromVersionId)
    {
        var created = await Versions.CreateAsync(Admin, appId, name, fromVersionId);
        Assert.True(created.IsSuccess, created.Error);
        return created.Value!;
    }

    public async Task SaveVersionAsync(int versionId)
    {
        var saved = await Versions.SaveAsync(Admin, versionId, description: null);
        Assert.True(saved.IsSuccess, saved.Error);
    }

    /// <summary>Promotes to production (SPEC E2) and releases (SPEC V6), as the admin.</summary>
    public async Task ReleaseVersionAsync(int versionId)
    {
        var promotions = Context.Services.GetRequiredService<PromotionService>();
        foreach (var target in new[] { DeploymentEnvironment.Staging, DeploymentEnvironment.Production })
        {
            var promoted = await promotions.PromoteAsync(Admin, versionId, target);
            Assert.True(promoted.IsSuccess, promoted.Error);
        }

        var released = await Releases.ReleaseAsync(Admin, versionId, notes: null);
        Assert.True(released.IsSuccess, released.Error);
    }

    /// <summary>
    /// An app with one version in each displayed state: v1 draft, v2 released (from v1), v3 saved (from v2).
    /// </summary>
    public async Task<SeededApp> SeedAppWithEveryStateAsync()
    {
        var app = await CreateAppAsync();
        var v1 = (await ListVersionsAsync(app.Id)).Single();
        var v2 = await CreateVersionAsync(app.Id, "v2", v1.Id);
        await SaveVersionAsync(v2.Id);
        await ReleaseVersionAsync(v2.Id);
        var v3 = await CreateVersionAsync(app.Id, "v3", v2.Id);
        await SaveVersionAsync(v3.Id);

        var versions = await ListVersionsAsync(app.Id);
        Assert.Equal(
            [("v1", DisplayedVersionState.Draft), ("v2", DisplayedVersionState.Released), ("v3", DisplayedVersionState.Saved)],
            versions.Select(v => (v.Name, v.State)));
        return new SeededApp(app.Id, versions);
    }

    public async Task<IReadOnlyList<VersionSummary>> ListVersionsAsync(int appId)
    {
        var listed = await Versions.ListAsync(Admin, appId);
        Assert.True(listed.IsSuccess, listed.Error);
        return listed.Value!;
    }

    /// <summary>A version's stored row, read straight from the database.</summary>
    public async Task<AppVersion> LoadVersionRowAsync(int versionId)
    {
        var factory = Context.Services.GetRequiredService<IDbContextFactory<LifecycleDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        return await db.Versions.AsNoTracking().SingleAsync(v => v.Id == versionId);
    }

    public async ValueTask DisposeAsync()
    {
        await Context.DisposeAsync();
        DeleteDatabase(_databaseFile);
    }

    private static void DeleteDatabase(string databaseFile)
    {
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { databaseFile, databaseFile + "-shm", databaseFile + "-wal" })
        {
            File.Delete(file);
        }
    }
}

/// <summary>An app and its versions as the editor lists them.</summary>
internal sealed record SeededApp(int AppId, IReadOnlyList<VersionSummary> Versions)
{
    public VersionSummary Named(string name) => Versions.Single(v => v.Name == name);

    public VersionSummary InState(DisplayedVersionState state) => Versions.First(v => v.State == state);
}

/// <summary>The antiforgery token a prerendered page would have handed its circuit.</summary>
internal sealed class FixedAntiforgery : Microsoft.AspNetCore.Components.Forms.AntiforgeryStateProvider
{
    public override Microsoft.AspNetCore.Components.Forms.AntiforgeryRequestToken? GetAntiforgeryToken() => new("token-value", "__RequestVerificationToken");
}
