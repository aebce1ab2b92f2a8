using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Lifecycle.Tests.EndToEnd;

/// <summary>Issue 7 in a real browser: the outbound allowlist page (SPEC Q1) and the sign-out button (decision 017).</summary>
[Collection(EndToEndCollection.Name)]
public sealed class TrustJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task An_admin_allows_an_internal_block_sees_a_bad_entry_refused_next_to_the_field_and_removes_it()
    {
        var page = await SignedInAdminAsync();
        try
        {
            await page.GotoAsync("/apps");
            await EditorPageObject.WaitUntilInteractiveAsync(page);
            await AppBar.OpenAsync(page, "admin-network-link");
            await Expect(page).ToHaveURLAsync(new Regex("/admin/network$"));
            await EditorPageObject.WaitUntilInteractiveAsync(page);
            await Expect(page.GetByTestId("empty")).ToBeVisibleAsync();

            await page.GetByLabel("Host, address or block").FillAsync("0.0.0.0/0");
            await page.GetByTestId("allowlist-add").ClickAsync();
            await Expect(page.GetByText("A block this wide would let calls reach too much")).ToBeVisibleAsync();

            await page.GetByLabel("Host, address or block").FillAsync("10.20.0.0/16");
            await page.GetByLabel("Note").FillAsync("Stock team's API");
            await page.GetByTestId("allowlist-add").ClickAsync();
            var row = page.GetByTestId("allowlist-row-10.20.0.0/16");
            await Expect(row).ToContainTextAsync("Stock team's API");
            await Expect(row).ToContainTextAsync("Ada Admin");
            await Expect(page.GetByLabel("Host, address or block")).ToHaveValueAsync("");

            await page.GetByLabel("Host, address or block").FillAsync("api.corp.example");
            await page.GetByTestId("allowlist-add").ClickAsync();
            await Expect(page.GetByTestId("allowlist-row-api.corp.example")).ToContainTextAsync("Host name");
            foreach (var width in new[] { 1280, 1440 })
            {
                await page.SetViewportSizeAsync(width, 800);
                await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), $"lifecycle-allowlist-{width}.png"), FullPage = true });
            }

            await page.GetByRole(AriaRole.Button, new() { Name = "Remove 10.20.0.0/16" }).ClickAsync();
            await page.GetByTestId("admin-confirm").ClickAsync();
            await Expect(row).ToHaveCountAsync(0);
            await Expect(page.GetByTestId("allowlist-row-api.corp.example")).ToBeVisibleAsync();
        }
        catch (Exception failure) when (failure is PlaywrightException or TimeoutException)
        {
            throw await Journeys.DescribeFailureAsync(failure, page, browser.Server);
        }
    }

    [Fact]
    public async Task Signing_out_with_the_button_ends_the_session_so_a_copied_cookie_stops_working()
    {
        var page = await SignedInAdminAsync();
        try
        {
            // Someone copies the sign-in cookie into another browser: it works while the session lasts.
            var thief = await browser.NewPageAsync();
            await thief.Context.AddCookiesAsync((await page.Context.CookiesAsync()).Select(c => new Cookie
            {
                Name = c.Name, Value = c.Value, Domain = c.Domain, Path = c.Path, HttpOnly = c.HttpOnly, Secure = c.Secure, SameSite = c.SameSite,
            }));
            await thief.GotoAsync("/apps");
            await Expect(thief).ToHaveURLAsync(new Regex("/apps$"));

            await page.GotoAsync("/apps");
            await EditorPageObject.WaitUntilInteractiveAsync(page);
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex("/Account/Login"));
            await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "lifecycle-signed-out-1280.png") });

            await thief.GotoAsync("/apps");
            await Expect(thief).ToHaveURLAsync(new Regex("/Account/Login"));

            // Sign-in failures read the same whether the account exists or not.
            await Journeys.SubmitSignInAsync(page, "nobody@example.com", "a guess");
            await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("Wrong email or password.");
            await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "lifecycle-sign-in-failed-1280.png") });
            await Journeys.SubmitSignInAsync(page, Journeys.AdminEmail, "a guess");
            await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("Wrong email or password.");
        }
        catch (Exception failure) when (failure is PlaywrightException or TimeoutException)
        {
            throw await Journeys.DescribeFailureAsync(failure, page, browser.Server);
        }
    }

    /// <summary>A new browser signed in as the first admin, setting the instance up on the first call.</summary>
    private async Task<IPage> SignedInAdminAsync()
    {
        var page = await browser.NewPageAsync();
        var setUp = (await page.APIRequest.GetAsync("/setup", new() { MaxRedirects = 0 })).Status == 404;
        if (setUp)
        {
            await Journeys.SignInAsync(page);
        }
        else
        {
            await Journeys.FirstRunSetupAsync(page);
        }

        return page;
    }
}
