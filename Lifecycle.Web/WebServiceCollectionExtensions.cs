using System.Security.Claims;
using Lifecycle.Data;
using Lifecycle.Data.Access;
using Lifecycle.Data.Definitions;
using Lifecycle.Data.Queries;
using Lifecycle.Data.GitSync;
using Lifecycle.Data.Instances;
using Lifecycle.Data.Persistence;
using Lifecycle.Data.SignIn;
using Lifecycle.Web.Circuits;
using Lifecycle.Web.Components.Account;
using Lifecycle.Web.Operations;
using Lifecycle.Web.Features.Sharing;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using MudBlazor.Services;

namespace Lifecycle.Web;

public static class WebServiceCollectionExtensions
{
    /// <summary>DI wiring of the web app: data and use cases, Identity's cookies and sign-in, Blazor and MudBlazor.</summary>
    public static IServiceCollection AddLifecycleWeb(this IServiceCollection services, IConfiguration configuration)
    {
        var database = DatabaseSettings.From(configuration);

        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddLeanInteropMetadata();
        services.AddIdleCircuits(configuration);
        CircuitReconnections.Register(services);
        // Outcome toasts sit in the bottom corner, away from the header's buttons and the dialogs that come next.
        services.AddMudServices(options =>
        {
            options.SnackbarConfiguration.PositionClass = MudBlazor.Defaults.Classes.Position.BottomLeft;
            options.SnackbarConfiguration.MaxDisplayedSnackbars = 3;
        });

        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, IdentityRevalidatingAuthenticationStateProvider>();
        services.AddScoped<CurrentActor>();
        services.AddAuthorization();
        services.AddAuthentication(options =>
            {
                options.DefaultScheme = IdentityConstants.ApplicationScheme;
                options.DefaultSignInScheme = IdentityConstants.ExternalScheme;
            })
            .AddIdentityCookies(cookies => cookies.ApplicationCookie?.Configure(options =>
            {
                options.LoginPath = "/Account/Login";
                options.AccessDeniedPath = "/Account/Login";
                options.Cookie.HttpOnly = true;
                options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest; // Secure whenever served over HTTPS
                options.Events.OnValidatePrincipal = ServerSessions.ValidatePrincipal(options.Events.OnValidatePrincipal);
                options.CookieManager = new CrossSiteSignInCookies(new ChunkingCookieManager()); // decision 029: embedded private apps
            }));
        services.AddAntiforgery(options => options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);
        services.AddHsts(options => options.MaxAge = TimeSpan.FromDays(365));
        // A changed security stamp (password reset, disabled account) ends cookie sessions within a minute.
        services.Configure<SecurityStampValidatorOptions>(options =>
        {
            options.ValidationInterval = TimeSpan.FromMinutes(1);
            options.OnRefreshingPrincipal = ServerSessions.KeepSessionClaim;
        });
        services.AddSignInRateLimit(configuration);

        // Data Protection keys (cookies, encrypted secrets) live next to the database, so a restart still decrypts: in the
        // keys directory beside a SQLite file, in the database itself on PostgreSQL (decision 031).
        var keysDirectory = Path.GetFullPath(configuration["DataProtection:KeysDirectory"] ?? "data/keys");
        services.Configure<QuerySettings>(configuration.GetSection(QuerySettings.SectionName));
        services.Configure<GitSyncOptions>(configuration.GetSection(GitSyncOptions.SectionName));
        services.Configure<SignInThrottleSettings>(configuration.GetSection(SignInThrottleSettings.SectionName));
        var instance = ThisInstance.Named(configuration[ThisInstance.NameKey]);
        services.AddSingleton(instance);
        services.Configure<Lifecycle.Data.Sharing.SharingSettings>(configuration.GetSection(Lifecycle.Data.Sharing.SharingSettings.SectionName));
        services.AddSingleton<PrivateEmbeddingSwitch>();
        services.AddLifecycleData(database, keysDirectory)
            .AddSignInManager()
            .AddClaimsPrincipalFactory<DisplayNameClaimsFactory>()
            .AddDefaultTokenProviders();

        // Definition objects no version reaches any more are collected in the background (decision 020).
        services.Configure<DefinitionCollectionOptions>(configuration.GetSection(DefinitionCollectionOptions.SectionName));
        services.AddHostedService<DefinitionCollectionService>();

        // Operations (decision 033): health endpoints, a reverse proxy's forwarded headers, telemetry when configured.
        services.AddLifecycleHealthChecks();
        services.AddLifecycleForwardedHeaders(configuration);
        services.AddLifecycleTelemetry(configuration, instance);
        services.AddLifecycleDiagnostics(configuration); // off unless Diagnostics:MemoryEndpoint is true (decision 037)

        return services;
    }
}

/// <summary>Puts the user's display name into the sign-in cookie, so pages can name the actor without a query.</summary>
internal sealed class DisplayNameClaimsFactory(UserManager<LifecycleUser> users, Microsoft.Extensions.Options.IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<LifecycleUser>(users, options)
{
    public const string DisplayNameClaim = "lifecycle:display_name";

    /// <summary>Present while the user still signs in with a one-time password (<see cref="PasswordChangeRedirect"/>).</summary>
    public const string MustChangePasswordClaim = "lifecycle:must_change_password";

    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(LifecycleUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(DisplayNameClaim, string.IsNullOrWhiteSpace(user.DisplayName) ? user.UserName ?? "" : user.DisplayName));
        if (user.MustChangePassword)
        {
            identity.AddClaim(new Claim(MustChangePasswordClaim, "true"));
        }

        return identity;
    }
}
