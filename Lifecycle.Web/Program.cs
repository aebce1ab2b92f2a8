using Lifecycle.Data;
using Lifecycle.Data.Instances;
using Lifecycle.Data.Persistence;
using Lifecycle.Data.Queries;
using Lifecycle.Web;
using Lifecycle.Web.Components;
using Lifecycle.Web.Components.Account;
using Lifecycle.Web.Features.Admin;
using Lifecycle.Web.Features.GitSync;
using Lifecycle.Web.Operations;
using Lifecycle.Web.Features.Sharing;
using Lifecycle.Web.Security;
using Microsoft.Extensions.Options;

var builder = WebApplication.CreateBuilder(args);

// Running from build output outside Development still needs the static web assets manifest (MudBlazor, blazor.web.js).
builder.WebHost.UseStaticWebAssets();
builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false); // no "Server: Kestrel" to fingerprint

// Static assets are fingerprinted at build time and never change while the app runs. Run from build output rather than
// a publish, ASP.NET Core would treat them as editable (no-cache, every page revalidating each one) unless told
// otherwise; outside Development they keep their year-long cache headers, as a published app's do (decision 038).
if (!builder.Environment.IsDevelopment() && builder.Configuration[Program.StaticAssetsReload] is null)
{
    builder.Configuration[Program.StaticAssetsReload] = "false";
}

builder.Services.AddLifecycleWeb(builder.Configuration);

var app = builder.Build();

// Behind a listed reverse proxy, the browser's address and scheme come from its forwarded headers (decision 033).
if (ReverseProxy.IsConfigured(app.Configuration))
{
    app.UseForwardedHeaders();
}

// First, so that every response (errors, status pages, static files) carries the headers.
app.UseMiddleware<SecurityHeaders>();
app.UseMiddleware<EmbeddingHeaders>(); // SPEC S3: only /embed/{slug} may be framed, by the sites an admin listed
app.UseHsts(); // only on HTTPS requests, and never for localhost

if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/Error", createScopeForErrors: true);
}

app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
// Before authentication: a new instance sends every page to /setup rather than to sign-in.
app.UseMiddleware<FirstRunSetupRedirect>();
app.UseRateLimiter();
app.UseAuthentication();
app.UseAuthorization();
app.UseMiddleware<PasswordChangeRedirect>();
app.UseAntiforgery();

app.MapLifecycleHealthChecks(); // answered at routing, before the redirects and sign-in below run
app.MapLifecycleDiagnostics(app.Configuration); // the load tool's and the screen benchmark's memory endpoint, when configured (decisions 036, 037)
app.MapStaticAssets();
app.MapRazorComponents<App>()
    .AddInteractiveServerRenderMode();
app.MapAccountEndpoints();
app.MapAdminEndpoints();
app.MapGitSyncEndpoints();

if (app.Services.GetRequiredService<IOptions<QuerySettings>>().Value.AllowPrivateNetworks)
{
    app.Logger.LogWarning("Queries:AllowPrivateNetworks is on: queries may call any address, this server's own included. It is meant for automated tests; list internal APIs at /admin/network instead.");
}

await app.Services.MigrateLifecycleDatabaseAsync();
var database = app.Services.GetRequiredService<DatabaseSettings>();
var instance = app.Services.GetRequiredService<ThisInstance>();
app.Lifetime.ApplicationStarted.Register(() =>
    app.Logger.LogInformation("Lifecycle is running on {Provider} as instance {Instance}. Open {Urls} in a browser.", database.Provider, instance.Id, string.Join(", ", app.Urls)));

await app.RunAsync();

/// <summary>Entry point, visible to the tests that host the app.</summary>
public partial class Program
{
    /// <summary>ASP.NET Core's setting that serves static assets as files that may change while the app runs.</summary>
    internal const string StaticAssetsReload = "ReloadStaticAssetsAtRuntime";
}
