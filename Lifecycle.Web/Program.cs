using Lifecycle.Data;
using Lifecycle.Web;
using Lifecycle.Web.Components;
using Lifecycle.Web.Components.Account;
using Lifecycle.Web.Features.Admin;
using Lifecycle.Web.Features.GitSync;

var builder = WebApplication.CreateBuilder(args);

// Running from build output outside Development still needs the static web assets manifest (MudBlazor, blazor.web.js).
builder.WebHost.UseStaticWebAssets();

builder.Services.AddLifecycleWeb(builder.Configuration);

var app = builder.Build();

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

app.MapStaticAssets();
app.MapRazorComponents<App>()
    .AddInteractiveServerRenderMode();
app.MapAccountEndpoints();
app.MapAdminEndpoints();
app.MapGitSyncEndpoints();

await app.Services.MigrateLifecycleDatabaseAsync();
app.Lifetime.ApplicationStarted.Register(() =>
    app.Logger.LogInformation("Lifecycle is running. Open {Urls} in a browser.", string.Join(", ", app.Urls)));

await app.RunAsync();

/// <summary>Entry point, visible to the tests that host the app.</summary>
public partial class Program;
