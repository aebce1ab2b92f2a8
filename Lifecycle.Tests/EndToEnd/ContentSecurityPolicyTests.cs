using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Lifecycle.Tests.EndToEnd;

/// <summary>
/// Issue 7: the Content-Security-Policy is strict (scripts from the app only, no eval) and yet no main page breaks it:
/// Chromium reports every violation on the console, and none may appear on a fresh instance's pages.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class ContentSecurityPolicyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task No_main_page_violates_the_content_security_policy()
    {
        var page = await browser.NewPageAsync();
        var violations = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                violations.Add($"{page.Url}: {message.Text}");
            }
        };
        page.PageError += (_, error) => violations.Add($"{page.Url}: {error}");
        try
        {
            await Journeys.FirstRunSetupAsync(page); // the setup page, then the apps page
            await EditorPageObject.WaitUntilInteractiveAsync(page);
            await Journeys.CreateAppAsync(page, "Orders"); // the editor
            foreach (var path in new[] { "/apps/orders/releases", "/apps/orders", "/embed/orders", "/apps/orders/preview?version=1&environment=staging", "/workspace/data-sources", "/workspace/constants", "/admin/users", "/admin/groups", "/admin/groups/1", "/admin/audit", "/admin/network", "/admin/embedding", "/apps" })
            {
                await page.GotoAsync(path);
                await EditorPageObject.WaitUntilInteractiveAsync(page);
            }

            await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex("/Account/Login"));
            await Journeys.SignInAsync(page); // the sign-in page
            await EditorPageObject.WaitUntilInteractiveAsync(page);
        }
        catch (Exception failure) when (failure is PlaywrightException or TimeoutException)
        {
            throw await Journeys.DescribeFailureAsync(failure, page, browser.Server);
        }

        Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations));
    }
}
