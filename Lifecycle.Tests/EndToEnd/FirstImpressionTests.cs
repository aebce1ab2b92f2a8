using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Lifecycle.Tests.EndToEnd;

/// <summary>
/// Issue 8, first impression: the static pages a new instance shows first (setup, change password, sign-in) load
/// every stylesheet and script as what it is, show no console error, name the product and meet WCAG 2.1 AA.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class FirstImpressionTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Setup_change_password_and_sign_in_are_styled_error_free_and_name_the_product()
    {
        var page = await browser.NewPageAsync();
        var watched = Watch(page);
        try
        {
            var violations = new List<string>();

            // SPEC A5: a new instance opens /setup, which is styled even though it is the only page reachable.
            await page.GotoAsync("/");
            await Expect(page).ToHaveURLAsync(new Regex("/setup$"));
            await AssertStyledAsync(page, watched);
            await AccessibilityScan.CollectAsync(page, "/setup", violations);
            await Journeys.FirstRunSetupAsync(page, alreadyThere: true);
            await EditorPageObject.WaitUntilInteractiveAsync(page); // links clicked before the circuit starts can be lost

            // A user with a one-time password is sent to /Account/ChangePassword before anything else: styled too.
            var password = await new AdminPageObject(page).CreateUserAsync("Nina New", "nina@example.com", "End users");
            var nina = await browser.NewPageAsync();
            var ninaWatched = Watch(nina);
            await Journeys.SubmitSignInAsync(nina, "nina@example.com", password);
            await Expect(nina).ToHaveURLAsync(new Regex("/Account/ChangePassword$"));
            await AssertStyledAsync(nina, ninaWatched);
            await AccessibilityScan.CollectAsync(nina, "/Account/ChangePassword", violations);

            // The sign-in page names the product; signing out says so.
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex("/Account/Login"));
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in to Lifecycle" })).ToBeVisibleAsync();
            await Expect(page.GetByTestId("signed-out")).ToHaveTextAsync("You are signed out of Lifecycle.");
            await AssertStyledAsync(page, watched);
            await AccessibilityScan.CollectAsync(page, "/Account/Login", violations);

            Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations));
        }
        catch (Exception failure)
        {
            throw await Journeys.DescribeFailureAsync(failure, page, browser.Server);
        }
    }

    /// <summary>Records console errors and every stylesheet and script the page loads.</summary>
    private static Watched Watch(IPage page)
    {
        var watched = new Watched();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                watched.ConsoleErrors.Add(message.Text);
            }
        };
        page.Response += (_, response) =>
        {
            if (response.Request.ResourceType is "stylesheet" or "script")
            {
                watched.Assets.Add((response.Url, response.Status, response.Headers.GetValueOrDefault("content-type", "")));
            }
        };
        return watched;
    }

    /// <summary>The page's own stylesheet applied (the form's frame and its primary button), every asset came back as CSS or JavaScript, no console error.</summary>
    private static async Task AssertStyledAsync(IPage page, Watched watched)
    {
        await Expect(page.Locator("main.lc-account")).ToHaveCSSAsync("max-width", "420px");
        await Expect(page.Locator("main.lc-account button[type=submit]")).ToHaveCSSAsync("background-color", "rgb(89, 74, 226)");
        Assert.Contains(watched.Assets, a => Regex.IsMatch(a.Url, @"/app\.[a-z0-9]+\.css$") || a.Url.EndsWith("/app.css", StringComparison.Ordinal));
        Assert.All(watched.Assets, a =>
        {
            Assert.Contains(a.Status, new[] { 200, 304 }); // 304: the browser's cached copy is still current
            Assert.Matches("text/css|javascript", a.ContentType);
        });
        Assert.Empty(watched.ConsoleErrors);
    }

    private sealed class Watched
    {
        public List<string> ConsoleErrors { get; } = [];
        public List<(string Url, int Status, string ContentType)> Assets { get; } = [];
    }
}
