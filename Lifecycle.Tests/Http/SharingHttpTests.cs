using System.Net;
using Lifecycle.Data.Access;
using Lifecycle.Data.Sharing;
using Lifecycle.Tests.EndToEnd;
using Lifecycle.Tests.Support;

namespace Lifecycle.Tests.Http;

/// <summary>
/// The real app on 127.0.0.1 serving a workspace arranged through the use cases (issue 10): a public app, a private
/// one, an unreleased one, two apps that moved (one public, one private), one site allowed to embed apps, and users
/// with and without View. <paramref name="https"/> serves it over HTTPS with private embedding allowed.
/// </summary>
public abstract class SharedAppsFixture(bool https) : IAsyncLifetime
{
    public const string AllowedOrigin = "http://127.0.0.1:5555";

    private string? _certificatePath;

    public TestWorkspace Workspace { get; private set; } = default!;
    public AppServer Server { get; private set; } = default!;
    public int PublicV1 { get; private set; }
    public int PublicDraft { get; private set; }

    public static string EndUserEmail => TestWorkspace.EmailOf("Eve Viewer");
    public static string NobodyEmail => TestWorkspace.EmailOf("Nora Nobody");
    public static string BuilderEmail => TestWorkspace.EmailOf("Bea Builder");

    public async Task InitializeAsync()
    {
        Workspace = await TestWorkspace.StartAsync();
        await Workspace.AddStockSourceAsync();
        var sharing = Workspace.Get<SharingService>();
        var (publicApp, publicV1) = await Workspace.ReleasedAppAsync("Public app", "public-app");
        await Workspace.MakePublicAsync(publicApp);
        PublicV1 = publicV1;
        PublicDraft = (await Workspace.CreateVersionAsync(Workspace.Admin, publicApp, "next", publicV1)).Id;
        await Workspace.ReleasedAppAsync("Private app", "private-app");
        await Workspace.CreateAppAsync(Workspace.Admin, "Unreleased", "unreleased");
        var (movedPublic, _) = await Workspace.ReleasedAppAsync("Moved public", "old-public");
        await Workspace.MakePublicAsync(movedPublic);
        ResultAssert.Ok(await sharing.ChangeSlugAsync(Workspace.Admin, movedPublic, "new-public"));
        var (movedPrivate, _) = await Workspace.ReleasedAppAsync("Moved private", "old-private");
        ResultAssert.Ok(await sharing.ChangeSlugAsync(Workspace.Admin, movedPrivate, "new-private"));
        ResultAssert.Ok(await Workspace.Get<EmbeddingService>().AddOriginAsync(Workspace.Admin, AllowedOrigin));
        await Workspace.AddEndUserAsync("Eve Viewer");
        await Workspace.AddBuilderAsync("Bea Builder");
        await Workspace.AddUserAsync("Nora Nobody", await Workspace.CreateGroupAsync("Nothing"));
        if (https)
        {
            ResultAssert.Ok(await Workspace.Get<EmbeddingService>().SetPrivateAppsAsync(Workspace.Admin, true));
            _certificatePath = await TestCertificate.WriteAsync();
        }

        Server = await AppServer.StartOnAsync(Workspace.DatabasePath, Workspace.KeysDirectory, new Dictionary<string, string> { ["SignIn__AttemptsPerMinutePerIp"] = "1000" }, _certificatePath);
    }

    /// <summary>Signs the end user in and answers the Set-Cookie line of the sign-in cookie, attributes included.</summary>
    public static async Task<string> SignInCookieAsync(AppClient client)
    {
        using var signedIn = await client.SignInAsync(EndUserEmail, TestWorkspace.Password);
        return signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(".AspNetCore.Identity.Application=", StringComparison.Ordinal));
    }

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        await Workspace.DisposeAsync();
        if (_certificatePath is not null)
        {
            File.Delete(_certificatePath);
        }
    }
}

public sealed class SharedAppsOverHttpFixture() : SharedAppsFixture(https: false);

public sealed class SharedAppsOverHttpsFixture() : SharedAppsFixture(https: true);

/// <summary>Issue 10 at the HTTP level: who gets which app at which address, redirects, framing headers, previews.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class SharingHttpTests(SharedAppsOverHttpFixture app) : IClassFixture<SharedAppsOverHttpFixture>
{
    [Fact]
    public async Task S2_APrivateAppSendsASignedOutVisitorToSignInAndRefusesASignedInUserWithoutView()
    {
        // SPEC S2
        using var visitor = new AppClient(app.Server);
        using var signedOut = await visitor.GetAsync("/apps/private-app");
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.EndsWith("/Account/Login?returnUrl=%2Fapps%2Fprivate-app", signedOut.Headers.Location!.OriginalString);

        Assert.Contains("data-testid=\"not-allowed\"", await PageAsync(SharedAppsFixture.NobodyEmail, "/apps/private-app"));
        Assert.Contains("data-testid=\"released-app\" data-version=\"v1\"", await PageAsync(SharedAppsFixture.EndUserEmail, "/apps/private-app"));
    }

    [Fact]
    public async Task S2_APublicAppIsServedWithoutSignInAndItsQueriesWaitForTheLivePage()
    {
        // SPEC S2, S6: the prerendered page of a signed-out visitor runs no query (decision 027)
        using var visitor = new AppClient(app.Server);
        using var response = await visitor.GetAsync("/apps/public-app");
        var page = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("data-testid=\"released-app\" data-version=\"v1\"", page);
        Assert.Contains("data-testid=\"sign-in-link\"", page);
        Assert.DoesNotContain("Query items", app.Server.Output); // a query run that failed would be logged; none ran
    }

    [Fact]
    public async Task S2_AnUnreleasedAppSaysItIsNotReleasedYet()
    {
        // SPEC S2
        Assert.Contains("data-testid=\"not-released\"", await PageAsync(SharedAppsFixture.EndUserEmail, "/apps/unreleased"));
    }

    [Fact]
    public async Task S1_AnOldAddressRedirectsWhoMayOpenTheAppAndNamesNothingToWhoMayNot()
    {
        // SPEC S1, decision 028
        using var visitor = new AppClient(app.Server);
        Assert.EndsWith("/apps/new-public", await RedirectOfAsync(visitor, "/apps/old-public"));
        Assert.EndsWith("/embed/new-public", await RedirectOfAsync(visitor, "/embed/old-public"));

        var toSignIn = await RedirectOfAsync(visitor, "/apps/old-private");
        Assert.EndsWith("/Account/Login?returnUrl=%2Fapps%2Fold-private", toSignIn);
        Assert.DoesNotContain("new-private", toSignIn);
        var refused = await PageAsync(SharedAppsFixture.NobodyEmail, "/apps/old-private");
        Assert.Contains("data-testid=\"not-allowed\"", refused);
        Assert.DoesNotContain("new-private", refused);

        using var viewer = await SignedInAsync(SharedAppsFixture.EndUserEmail);
        Assert.EndsWith("/apps/new-private", await RedirectOfAsync(viewer, "/apps/old-private"));
    }

    [Theory]
    [InlineData("/embed/public-app", true)]
    [InlineData("/embed/old-public", true)] // the redirect to the new address
    [InlineData("/embed/private-app", false)]
    [InlineData("/embed/unreleased", false)]
    [InlineData("/embed/no-such-app", false)]
    [InlineData("/apps/public-app", false)]
    [InlineData("/Account/Login", false)]
    [InlineData("/embed/public-app/preview", false)]
    public async Task S3_OnlyAPublicAppsEmbeddedViewMayBeFramedAndOnlyByTheListedSite(string path, bool framedByTheListedSite)
    {
        // SPEC S3
        using var visitor = new AppClient(app.Server);
        using var response = await visitor.GetAsync(path);

        var frameAncestors = string.Join(";", response.Headers.GetValues("Content-Security-Policy")).Split(';').Select(d => d.Trim()).Single(d => d.StartsWith("frame-ancestors", StringComparison.Ordinal));
        if (framedByTheListedSite)
        {
            Assert.Equal($"frame-ancestors {SharedAppsFixture.AllowedOrigin}", frameAncestors);
            Assert.False(response.Headers.Contains("X-Frame-Options"));
        }
        else
        {
            Assert.Equal("frame-ancestors 'none'", frameAncestors);
            Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        }
    }

    [Fact]
    public async Task S4_APreviewIsRefusedWithoutAccessToItsEnvironment()
    {
        // SPEC S4, decision 027: a builder previews a draft with staging values, never with production's
        var staging = $"/apps/public-app/preview?version={app.PublicDraft}&environment=staging";
        var production = $"/apps/public-app/preview?version={app.PublicDraft}&environment=production";

        var allowed = await PageAsync(SharedAppsFixture.BuilderEmail, staging);
        Assert.Contains("data-testid=\"preview-bar\"", allowed);
        Assert.Contains("data-testid=\"preview-environment\">Staging<", allowed);
        Assert.Contains("data-testid=\"not-allowed\"", await PageAsync(SharedAppsFixture.BuilderEmail, production));
        Assert.Contains("data-testid=\"not-allowed\"", await PageAsync(SharedAppsFixture.EndUserEmail, staging));
        using var visitor = new AppClient(app.Server);
        Assert.Contains("/Account/Login", await RedirectOfAsync(visitor, staging));
        using var malformed = await (await SignedInAsync(SharedAppsFixture.BuilderEmail)).GetAsync($"/apps/public-app/preview?version={app.PublicDraft}&environment=qa");
        Assert.Equal(HttpStatusCode.NotFound, malformed.StatusCode);
    }

    [Fact]
    public async Task S3_OverPlainHttpTheSignInCookieKeepsSameSiteLax()
    {
        // Decision 029: private embedding is off here, and over HTTP it would change nothing anyway
        using var client = new AppClient(app.Server);

        Assert.Contains("samesite=lax", await SharedAppsFixture.SignInCookieAsync(client), StringComparison.OrdinalIgnoreCase);
    }

    private async Task<AppClient> SignedInAsync(string email)
    {
        var client = new AppClient(app.Server);
        using var signedIn = await client.SignInAsync(email, TestWorkspace.Password);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        return client;
    }

    private async Task<string> PageAsync(string email, string path)
    {
        using var client = await SignedInAsync(email);
        using var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    private async Task<string> RedirectOfAsync(AppClient client, string path)
    {
        using var response = await client.GetAsync(path);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"GET {path} answered {(int)response.StatusCode}.{Environment.NewLine}{app.Server.Output}");
        return response.Headers.Location!.OriginalString;
    }
}

/// <summary>Decision 029 over HTTPS with private embedding allowed: the sign-in cookie crosses sites, and private apps may be framed.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class PrivateEmbeddingHttpsTests(SharedAppsOverHttpsFixture app) : IClassFixture<SharedAppsOverHttpsFixture>
{
    [Fact]
    public async Task S3_WithPrivateEmbeddingAllowedTheSignInCookieIsSameSiteNoneAndSecureAndPrivateAppsMayBeFramed()
    {
        // SPEC S3, decision 029
        using var client = new AppClient(app.Server);
        var cookie = await SharedAppsFixture.SignInCookieAsync(client);

        Assert.Contains("samesite=none", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);

        using var framed = await client.GetAsync("/embed/private-app");
        Assert.Contains($"frame-ancestors {SharedAppsFixture.AllowedOrigin}", string.Join(";", framed.Headers.GetValues("Content-Security-Policy")));
        Assert.Contains("data-testid=\"released-app\"", await framed.Content.ReadAsStringAsync());
        using var page = await client.GetAsync("/apps/private-app"); // the full page is never framed
        Assert.Contains("frame-ancestors 'none'", string.Join(";", page.Headers.GetValues("Content-Security-Policy")));
    }
}
