using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Lifecycle.Tests.EndToEnd;

/// <summary>Steps several journeys share: first-run setup, signing in, creating an app.</summary>
public static class Journeys
{
    public const string AdminEmail = "admin@example.com";
    public const string AdminPassword = "correct horse battery";

    /// <summary>SPEC A5: a new instance leads to /setup, which creates the first admin and is gone afterwards.</summary>
    public static async Task FirstRunSetupAsync(IPage page, string name = "Ada Admin", string email = AdminEmail, string password = AdminPassword, bool alreadyThere = false)
    {
        if (!alreadyThere)
        {
            await page.GotoAsync("/");
        }

        await Expect(page).ToHaveURLAsync(new Regex("/setup$"));
        await page.GetByLabel("Name").FillAsync(name);
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create administrator" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/apps$"));

        var again = await page.APIRequest.GetAsync("/setup");
        Assert.Equal(404, again.Status);
    }

    /// <summary>For test classes with several tests on one instance: the first sets the instance up, the others sign in.</summary>
    public static async Task SetUpOrSignInAsync(IPage page)
    {
        await page.GotoAsync("/");
        if (page.Url.EndsWith("/setup", StringComparison.Ordinal))
        {
            await FirstRunSetupAsync(page, alreadyThere: true);
        }
        else
        {
            await SignInAsync(page);
        }
    }

    public static async Task SignInAsync(IPage page, string email = AdminEmail, string password = AdminPassword)
    {
        await SubmitSignInAsync(page, email, password);
        await Expect(page).ToHaveURLAsync(new Regex("/apps$"));
    }

    /// <summary>Fills and sends the sign-in form; the caller checks where it lands.</summary>
    public static async Task SubmitSignInAsync(IPage page, string email, string password)
    {
        await page.GotoAsync("/Account/Login");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
    }

    public static async Task<EditorPageObject> CreateAppAsync(IPage page, string name)
    {
        await page.GotoAsync("/apps");
        await EditorPageObject.WaitUntilInteractiveAsync(page);
        await Expect(page).ToHaveTitleAsync("Apps · Lifecycle");
        await page.GetByTestId("create-app").ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByLabel("Name").FillAsync(name);
        await page.GetByTestId("create-app-submit").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/apps/{Lifecycle.Data.Apps.SlugRules.Derive(name)}/edit"));
        await EditorPageObject.WaitUntilInteractiveAsync(page);
        // Decision 041: a page opened inside the circuit sets the document's title itself (the head is not interactive).
        await Expect(page).ToHaveTitleAsync($"{name} · Lifecycle");
        return new EditorPageObject(page);
    }

    /// <summary>Turns a Playwright failure into one that shows what the page showed and what the app logged.</summary>
    public static async Task<Exception> DescribeFailureAsync(Exception failure, IPage page, AppServer server)
    {
        string snapshot;
        try
        {
            snapshot = await page.Locator("body").AriaSnapshotAsync(new() { Timeout = 5_000 });
        }
        catch (Exception snapshotFailure) when (snapshotFailure is PlaywrightException or TimeoutException)
        {
            snapshot = "(no snapshot)";
        }

        return new Exception($"{failure.Message}{Environment.NewLine}Page: {page.Url}{Environment.NewLine}{snapshot}{Environment.NewLine}App output:{Environment.NewLine}{server.Output}", failure);
    }

    /// <summary>Screenshots at 1280 and 1440 px wide (TestResults/screenshots/NAME-WIDTH.png), for people to look at.</summary>
    public static async Task PhotographAsync(IPage page, string name)
    {
        var folder = Directory.CreateDirectory(Path.Combine(AppServer.RepositoryRoot(), "TestResults", "screenshots"));
        foreach (var width in new[] { 1440, 1280 })
        {
            await page.SetViewportSizeAsync(width, 900);
            // Transitions finished (a switch just turned off would show half on).
            await page.ScreenshotAsync(new() { Path = Path.Combine(folder.FullName, $"{name}-{width}.png"), Animations = ScreenshotAnimations.Disabled });
        }
    }
}
