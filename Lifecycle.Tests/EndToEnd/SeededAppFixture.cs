using Lifecycle.Tests.Support;
using Microsoft.Playwright;

namespace Lifecycle.Tests.EndToEnd;

/// <summary>
/// The real app on 127.0.0.1 serving a workspace arranged through the use cases: the permission matrix's world (Alpha
/// released, Beta, Newcomers) with one member of every column of <see cref="PermissionMatrix"/>, all signing in with
/// <see cref="TestWorkspace.Password"/>, and Debian's Chromium for the browser tests. One per test class.
/// </summary>
public sealed class SeededAppFixture : IAsyncLifetime
{
    private readonly Dictionary<string, string> _emails = [];
    private IPlaywright? _playwright;

    public TestWorkspace Workspace { get; private set; } = default!;
    public MatrixWorld World { get; private set; } = default!;
    public AppServer Server { get; private set; } = default!;
    public IBrowser Browser { get; private set; } = default!;

    /// <summary>The email of the member of a column of the matrix.</summary>
    public string EmailOf(string column) => _emails[column];

    /// <summary>A user in Newcomers, whom a user manager may change (SPEC A7).</summary>
    public string NewcomerEmail { get; private set; } = "";

    public async Task InitializeAsync()
    {
        Workspace = await TestWorkspace.StartAsync();
        World = await MatrixWorld.ArrangeAsync(Workspace);
        foreach (var column in PermissionMatrix.Columns)
        {
            _emails[column] = TestWorkspace.EmailOf((await World.MemberOfAsync(column)).Name);
        }

        NewcomerEmail = TestWorkspace.EmailOf((await World.NewcomerAsync()).Name);
        // Every principal signs in from 127.0.0.1: lift the per-IP sign-in limit (issue 4) for this instance only.
        Server = await AppServer.StartOnAsync(Workspace.DatabasePath, Workspace.KeysDirectory, new Dictionary<string, string> { ["SignIn__AttemptsPerMinutePerIp"] = "1000" });
        _playwright = await Playwright.CreateAsync();
        Browser = await BrowserFixture.LaunchChromiumAsync(_playwright);
    }

    /// <summary>A new browser context (its own cookies) signed in as the member of <paramref name="column"/>.</summary>
    public async Task<IPage> SignedInPageAsync(string column, int width = 1280, int height = 900)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Server.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
        });
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        await Journeys.SignInAsync(page, EmailOf(column), TestWorkspace.Password);
        return page;
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright?.Dispose();
        await Server.DisposeAsync();
        await Workspace.DisposeAsync();
    }
}
