using System.Net;
using Lifecycle.Data.GitSync;
using Lifecycle.Tests.EndToEnd;
using Lifecycle.Tests.Http;
using Lifecycle.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Lifecycle.Tests.ScaleOut;

/// <summary>Two instances of the app on one PostgreSQL database, behind nginx, and Debian's Chromium. One per test class.</summary>
public sealed class TwoInstancesFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;

    public AppCluster Cluster { get; private set; } = default!;
    public IBrowser Browser { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        Cluster = await AppCluster.StartAsync(instances: 2);
        _playwright = await Playwright.CreateAsync();
        Browser = await BrowserFixture.LaunchChromiumAsync(_playwright);
    }

    /// <summary>A browser context (its own cookies) on <paramref name="baseAddress"/>, signed in as the first admin.</summary>
    public async Task<IPage> SignedInPageAsync(Uri baseAddress)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseAddress.ToString() });
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        await Journeys.SignInAsync(page, TestWorkspace.AdminEmail, TestWorkspace.Password);
        return page;
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        await Cluster.DisposeAsync();
    }
}

/// <summary>
/// Issue 12: several instances on one database (decisions 030-033). A sign-in made on one instance holds on the other; a
/// release made on one reaches an editor open on the other within two seconds (SPEC V10); a background job runs once; a
/// browser works through the reverse proxy, its circuit over a WebSocket.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class TwoInstancesTests(TwoInstancesFixture fixture) : IClassFixture<TwoInstancesFixture>
{
    private AppCluster Cluster => fixture.Cluster;
    private TestWorkspace Workspace => fixture.Cluster.Workspace;

    [Fact]
    public async Task ASignInCookieFromOneInstanceWorksOnTheOther()
    {
        using var first = new AppClient(Cluster.Instances[0]);
        using var signedIn = await first.SignInAsync(TestWorkspace.AdminEmail, TestWorkspace.Password);
        Assert.EndsWith("/apps", signedIn.Headers.Location?.OriginalString); // signed in
        using var second = new HttpClient(new HttpClientHandler { CookieContainer = first.Cookies, AllowAutoRedirect = false }) { BaseAddress = Cluster.Instances[1].BaseAddress };
        using var stranger = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = Cluster.Instances[1].BaseAddress };

        using var withCookie = await second.GetAsync("/admin/users");
        using var withoutCookie = await stranger.GetAsync("/admin/users");

        // The cookie was encrypted by the first instance and decrypted by the second (one key ring in the database), and
        // its server-side session (decision 017) is a row both read.
        Assert.Equal(HttpStatusCode.OK, withCookie.StatusCode);
        Assert.Contains("Ada Admin", await withCookie.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, withoutCookie.StatusCode);
    }

    [Fact]
    public async Task V10_AReleaseOnOneInstanceReachesAnEditorOnTheOtherWithinTwoSeconds()
    {
        // SPEC V10 across instances: LISTEN/NOTIFY carries the change (decision 031)
        var app = await Workspace.CreateAppAsync(Workspace.Admin, "Orders", "orders");
        var v2 = await Workspace.CreateProductionVersionAsync(Workspace.Admin, app.Id, "v2", await Workspace.FirstVersionIdAsync(app.Id));
        var watcher = await fixture.SignedInPageAsync(Cluster.Instances[1].BaseAddress);
        var releaser = await fixture.SignedInPageAsync(Cluster.Instances[0].BaseAddress);
        try
        {
            await watcher.GotoAsync($"/apps/orders/edit?version={v2}");
            await EditorPageObject.WaitUntilInteractiveAsync(watcher);
            await Expect(watcher.GetByTestId("version-state")).ToHaveTextAsync("Saved");
            await releaser.GotoAsync($"/apps/orders/edit?version={v2}");
            await EditorPageObject.WaitUntilInteractiveAsync(releaser);

            await new EditorPageObject(releaser).ReleaseAsync();

            await Expect(watcher.GetByTestId("version-state")).ToHaveTextAsync("Released", new() { Timeout = 2_000 });
            await Expect(watcher.GetByTestId("blocked-edit-prompt")).ToContainTextAsync("This version is released.", new() { Timeout = 2_000 });
        }
        catch (Exception failure)
        {
            throw new InvalidOperationException($"{failure.Message}{Environment.NewLine}{Cluster.Logs}", failure);
        }
        finally
        {
            await watcher.Context.CloseAsync();
            await releaser.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task AReleaseCommitsToGitOnceThoughBothInstancesHearOfIt()
    {
        // Decision 032: the instance where the change was made queues the commit; one instance at a time runs jobs
        using var repositories = new GitRepositories();
        var bare = repositories.CreateBare();
        ResultAssert.Ok(await Workspace.Get<GitSyncService>().ConnectAsync(Workspace.Admin, GitSyncInstance.LocalConnection(bare)));
        var app = await Workspace.CreateAppAsync(Workspace.Admin, "Stock", "stock");
        var v2 = await Workspace.CreateProductionVersionAsync(Workspace.Admin, app.Id, "v2", await Workspace.FirstVersionIdAsync(app.Id));
        var releaser = await fixture.SignedInPageAsync(Cluster.Instances[0].BaseAddress);
        try
        {
            await releaser.GotoAsync($"/apps/stock/edit?version={v2}");
            await EditorPageObject.WaitUntilInteractiveAsync(releaser);
            await new EditorPageObject(releaser).ReleaseAsync();

            var finished = await Poll.UntilAsync(async () =>
            {
                await using var db = await Workspace.DbAsync();
                var jobs = await db.GitSyncJobs.AsNoTracking().Where(j => j.Message == "Release stock v2").ToListAsync();
                return jobs.Any(j => j.State is GitSyncJobState.Succeeded or GitSyncJobState.Failed) ? jobs : null;
            }, TimeSpan.FromSeconds(30));

            var job = Assert.Single(finished);
            Assert.Equal(GitSyncJobState.Succeeded, job.State);
            Assert.Single(GitRepositories.Git(bare, "log", "--format=%s", "main").Split('\n'), subject => subject == "Release stock v2");
        }
        catch (Exception failure) when (failure is not Xunit.Sdk.XunitException)
        {
            throw new InvalidOperationException($"{failure.Message}{Environment.NewLine}{Cluster.Logs}", failure);
        }
        finally
        {
            await releaser.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task ThroughTheProxyABrowserSignsInAndEditsOverAWebSocket()
    {
        await Workspace.CreateAppAsync(Workspace.Admin, "Proxied", "proxied");
        var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = Cluster.Proxy.BaseAddress.ToString() });
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        var sockets = new List<string>();
        page.WebSocket += (_, socket) => sockets.Add(socket.Url);
        try
        {
            await Journeys.SignInAsync(page, TestWorkspace.AdminEmail, TestWorkspace.Password);
            await page.GotoAsync("/apps/proxied/edit");
            await EditorPageObject.WaitUntilInteractiveAsync(page);
            await new EditorPageObject(page).AddComponentAsync("Text", "text1");
            await Expect(page.GetByTestId("save-status")).ToHaveTextAsync(EditorPageObject.StoredText);

            Assert.Contains(sockets, url => url.StartsWith($"ws://{Cluster.Proxy.BaseAddress.Authority}/_blazor", StringComparison.Ordinal));
            Assert.Contains(await context.CookiesAsync(), cookie => cookie.Name == "lifecycle_node"); // the sticky-session key
        }
        catch (Exception failure)
        {
            throw new InvalidOperationException($"{failure.Message}{Environment.NewLine}{Cluster.Logs}", failure);
        }
        finally
        {
            await context.CloseAsync();
        }
    }
}
