using System.Text.RegularExpressions;
using Lifecycle.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Lifecycle.Tests.EndToEnd;

/// <summary>
/// Issue 10, sharing released apps: a builder releases an app and makes it public; a signed-out browser opens it; a page
/// of a site an admin listed frames it and another site's page is refused; open end-user pages and frames switch to the
/// next release without reloading; maintenance mode and previews. Every new page is scanned for WCAG 2.1 A/AA
/// violations, checked for content security policy violations, and photographed at 1280 and 1440 px.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class SharingJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private readonly List<string> _violations = [];
    private readonly List<string> _policyViolations = [];

    // SPEC S1, S2, S3, S4, S5, D3, E4
    [Fact]
    public async Task A_released_public_app_is_opened_signed_out_framed_by_the_listed_site_only_and_follows_each_release_live()
    {
        await using var allowedSite = new FakeRestApi();
        await using var otherSite = new FakeRestApi();
        var admin = await NewPageAsync(grantClipboard: true);
        var visitor = await NewPageAsync();
        try
        {
            await Journeys.FirstRunSetupAsync(admin);
            var editor = await Journeys.CreateAppAsync(admin, "Storefront");
            await editor.AddComponentAsync("Text", "text1");
            await editor.SetPropertyAsync("text", "Welcome to the store");

            // Before the first release: nothing to share yet, but a preview link for testers (SPEC S4).
            var share = await OpenShareAsync(admin);
            await Expect(share.GetByTestId("share-not-released")).ToContainTextAsync("Release it to share it");
            await Expect(share.GetByTestId("share-preview-link")).ToHaveValueAsync(new Regex(@"/apps/storefront/preview\?version=\d+&environment=development$"));
            await Expect(share.GetByLabel("Public: anyone with the link can use the app, without signing in")).ToHaveCountAsync(0);
            await ScanAndPhotographAsync(admin, "share dialog before release", "share-before-release");
            await CloseShareAsync(admin);

            await editor.SavePromoteAndReleaseAsync("The first storefront");
            share = await OpenShareAsync(admin);
            var url = $"{browser.Server.BaseAddress.ToString().TrimEnd('/')}/apps/storefront";
            await Expect(share.GetByTestId("share-url")).ToHaveValueAsync(url);
            await share.GetByRole(AriaRole.Button, new() { Name = "Copy link" }).ClickAsync();
            await admin.WaitForFunctionAsync("async url => (await navigator.clipboard.readText()) === url", url);
            await Expect(share.GetByTestId("share-embed-off")).ToBeVisibleAsync();
            await share.GetByLabel("Public: anyone with the link can use the app, without signing in").CheckAsync();
            await Expect(share.GetByTestId("share-embed-snippet")).ToHaveValueAsync(new Regex("""^<iframe src="http://127\.0\.0\.1:\d+/embed/storefront" title="Storefront" """));
            await Expect(share.GetByTestId("share-embed-origins")).ToContainTextAsync("No site may frame it yet");
            await ScanAndPhotographAsync(admin, "share dialog of a public app", "share-public");
            await CloseShareAsync(admin);

            // An admin lists the site that may frame apps.
            var allowedOrigin = allowedSite.BaseUrl;
            await admin.GotoAsync("/admin/embedding");
            await EditorPageObject.WaitUntilInteractiveAsync(admin);
            await admin.GetByLabel("Site (origin)").FillAsync(allowedOrigin + "/");
            await admin.GetByTestId("embedding-add").ClickAsync();
            await Expect(admin.GetByTestId($"embedding-origin-row-{allowedOrigin}")).ToBeVisibleAsync();
            await ScanAndPhotographAsync(admin, "/admin/embedding", "admin-embedding");

            // A signed-out browser opens the public app (SPEC S2).
            await visitor.GotoAsync("/apps/storefront");
            await EditorPageObject.WaitUntilInteractiveAsync(visitor);
            await Expect(visitor.GetByTestId("released-app")).ToHaveAttributeAsync("data-version", "v1");
            await Expect(visitor.GetByTestId("component-text1")).ToHaveTextAsync("Welcome to the store");
            await Expect(visitor.GetByTestId("sign-in-link")).ToBeVisibleAsync();
            await ScanAndPhotographAsync(visitor, "/apps/storefront signed out", "public-app-signed-out");
            await visitor.EvaluateAsync("() => { window.lifecycleTestNoReload = true; }");

            // The listed site frames the embedded view, without the product's navigation (SPEC S3).
            var framing = await PageOfSiteAsync(allowedSite);
            var frame = framing.FrameLocator("iframe");
            await Expect(frame.GetByTestId("released-app")).ToHaveAttributeAsync("data-version", "v1");
            await Expect(frame.GetByTestId("interactive")).ToBeAttachedAsync();
            await Expect(frame.GetByTestId("embedded-view")).ToBeVisibleAsync();
            await Expect(frame.GetByRole(AriaRole.Link, new() { Name = "Lifecycle" })).ToHaveCountAsync(0);
            await Journeys.PhotographAsync(framing, "sharing-embedded-on-allowed-site");

            // Another site's frame is refused by the browser.
            var refusing = await browser.Browser.NewPageAsync();
            var refusal = await refusing.RunAndWaitForConsoleMessageAsync(
                async () => await refusing.GotoAsync(PageWithFrame(otherSite)),
                new() { Predicate = message => message.Text.Contains("frame-ancestors", StringComparison.Ordinal) });
            Assert.Contains($"violates the following Content Security Policy directive: \"frame-ancestors {allowedOrigin}\"", refusal.Text);
            await Expect(refusing.FrameLocator("iframe").GetByTestId("released-app")).ToHaveCountAsync(0);

            // A signed-in viewer's page is open too (another tab of the admin's browser).
            var signedIn = await admin.Context.NewPageAsync();
            await signedIn.GotoAsync("/apps/storefront");
            await EditorPageObject.WaitUntilInteractiveAsync(signedIn);
            await Expect(signedIn.GetByTestId("released-app")).ToHaveAttributeAsync("data-version", "v1");
            await signedIn.EvaluateAsync("() => { window.lifecycleTestNoReload = true; }");

            // The next release reaches the open pages and the frame without reloading, with a notice naming it.
            await admin.GotoAsync("/apps/storefront/edit");
            await EditorPageObject.WaitUntilInteractiveAsync(admin);
            await editor.CreateVersionAsync("v2", "v1");
            await editor.SelectComponentAsync("text1");
            await editor.SetPropertyAsync("text", "Welcome to the new store");
            await editor.SavePromoteAndReleaseAsync("The second storefront");
            await Expect(visitor.GetByTestId("new-release-notice")).ToHaveTextAsync(new Regex(@"Updated to version v2\.\s*$"));
            await Expect(visitor.GetByTestId("released-app")).ToHaveAttributeAsync("data-version", "v2");
            await Expect(visitor.GetByTestId("component-text1")).ToHaveTextAsync("Welcome to the new store");
            Assert.True(await visitor.EvaluateAsync<bool>("() => window.lifecycleTestNoReload === true"), "The visitor's page was reloaded.");
            await Expect(frame.GetByTestId("new-release-notice")).ToContainTextAsync("v2");
            await Expect(signedIn.GetByTestId("component-text1")).ToHaveTextAsync("Welcome to the new store");
            await Expect(signedIn.GetByTestId("new-release-notice")).ToContainTextAsync("v2");
            Assert.True(await signedIn.EvaluateAsync<bool>("() => window.lifecycleTestNoReload === true"), "The signed-in viewer's page was reloaded.");
            await ScanAndPhotographAsync(visitor, "/apps/storefront after the next release", "public-app-next-release");

            // Nothing else is reachable from the visitor's live page: navigating its circuit to the editor ends at sign-in.
            await visitor.EvaluateAsync("() => Blazor.navigateTo('/apps/storefront/edit')");
            await Expect(visitor).ToHaveURLAsync(new Regex("/Account/Login\\?returnUrl=%2Fapps%2Fstorefront%2Fedit$"));

            Assert.True(_violations.Count == 0, string.Join(Environment.NewLine, _violations));
            Assert.True(_policyViolations.Count == 0, string.Join(Environment.NewLine, _policyViolations));
        }
        catch (Exception failure)
        {
            throw await Journeys.DescribeFailureAsync(failure, admin, browser.Server);
        }
    }

    // SPEC S4, S5
    [Fact]
    public async Task Maintenance_mode_shows_end_users_a_maintenance_page_while_builders_preview_any_version_with_an_environments_values()
    {
        var admin = await NewPageAsync();
        var visitor = await NewPageAsync();
        try
        {
            await Journeys.SetUpOrSignInAsync(admin);
            var editor = await Journeys.CreateAppAsync(admin, "Help desk");
            await editor.SavePromoteAndReleaseAsync("Help desk");
            var share = await OpenShareAsync(admin);
            await share.GetByLabel("Public: anyone with the link can use the app, without signing in").CheckAsync();
            await Expect(share.GetByTestId("share-embed-snippet")).ToBeVisibleAsync();
            await CloseShareAsync(admin);

            await visitor.GotoAsync("/apps/help-desk");
            await EditorPageObject.WaitUntilInteractiveAsync(visitor);
            await Expect(visitor.GetByTestId("released-app")).ToBeVisibleAsync();

            // The apps page's search box.
            await admin.GotoAsync("/apps");
            await EditorPageObject.WaitUntilInteractiveAsync(admin);
            await admin.GetByLabel("Search apps").FillAsync("HELP");
            await Expect(admin.GetByTestId("app-list").Locator("tbody tr")).ToHaveCountAsync(1);
            await Expect(admin.GetByTestId("app-help-desk")).ToBeVisibleAsync();
            await admin.GetByLabel("Search apps").FillAsync("no such app");
            await Expect(admin.GetByTestId("no-apps-match")).ToHaveTextAsync("No app matches “no such app”.");
            await AccessibilityScan.CollectAsync(admin, "/apps searched", _violations);
            await admin.GotoAsync("/apps/help-desk/edit");
            await EditorPageObject.WaitUntilInteractiveAsync(admin);

            // Maintenance on: the open page turns into the maintenance page (SPEC S5); builders may still preview.
            share = await OpenShareAsync(admin);
            await share.GetByLabel("Maintenance mode: end users see a maintenance page; previews keep working").CheckAsync();
            await Expect(visitor.GetByTestId("maintenance")).ToContainTextAsync("Help desk is down for maintenance");
            await Expect(visitor.GetByTestId("maintenance-preview-link")).ToHaveCountAsync(0);
            await ScanAndPhotographAsync(visitor, "maintenance page", "maintenance");
            await CloseShareAsync(admin);

            await editor.CreateVersionAsync("v2", "v1");
            share = await OpenShareAsync(admin);
            var previewLink = await share.GetByTestId("share-preview-link").InputValueAsync();
            await CloseShareAsync(admin);
            await admin.GotoAsync(previewLink);
            await EditorPageObject.WaitUntilInteractiveAsync(admin);
            await Expect(admin.GetByTestId("preview-version")).ToHaveTextAsync("v2");
            await Expect(admin.GetByTestId("preview-environment")).ToHaveTextAsync("Development");
            await admin.GetByTestId("preview-switch-production").ClickAsync();
            await Expect(admin.GetByTestId("preview-environment")).ToHaveTextAsync("Production");
            await Expect(admin.GetByTestId("preview-app")).ToHaveAttributeAsync("data-environment", "Production");
            await ScanAndPhotographAsync(admin, "preview bar", "preview");

            await admin.GotoAsync("/apps/help-desk");
            await admin.GetByTestId("maintenance-preview-link").ClickAsync();
            await Expect(admin.GetByTestId("preview-version")).ToHaveTextAsync("v1");

            await visitor.GotoAsync("/embed/help-desk");
            await EditorPageObject.WaitUntilInteractiveAsync(visitor);
            await Expect(visitor.GetByTestId("maintenance")).ToBeVisibleAsync();
            await ScanAndPhotographAsync(visitor, "embedded view in maintenance", "embedded-maintenance");

            Assert.True(_violations.Count == 0, string.Join(Environment.NewLine, _violations));
            Assert.True(_policyViolations.Count == 0, string.Join(Environment.NewLine, _policyViolations));
        }
        catch (Exception failure)
        {
            throw await Journeys.DescribeFailureAsync(failure, admin, browser.Server);
        }
    }

    /// <summary>A new browser context (its own cookies) whose content security policy violations are collected.</summary>
    private async Task<IPage> NewPageAsync(bool grantClipboard = false)
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = browser.Server.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
            Permissions = grantClipboard ? ["clipboard-read", "clipboard-write"] : [],
        });
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                _policyViolations.Add($"{page.Url}: {message.Text}");
            }
        };
        return page;
    }

    private static async Task<ILocator> OpenShareAsync(IPage page)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Share" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Expect(dialog.GetByTestId("share-slug")).ToBeVisibleAsync();
        return dialog;
    }

    private static async Task CloseShareAsync(IPage page)
    {
        await page.GetByTestId("share-done").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Dialog)).ToHaveCountAsync(0);
    }

    /// <summary>A page of another site (a stand-in server on 127.0.0.1) with the app's embedded view in a frame.</summary>
    private async Task<IPage> PageOfSiteAsync(FakeRestApi site)
    {
        var page = await NewPageAsync();
        await page.GotoAsync(PageWithFrame(site));
        return page;
    }

    private string PageWithFrame(FakeRestApi site)
    {
        site.AnswerPage("/intranet.html", $"""
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><title>Intranet</title></head>
            <body><h1>Our intranet</h1><iframe src="{browser.Server.BaseAddress}embed/storefront" title="Storefront" width="100%" height="500" style="border: 0"></iframe></body></html>
            """);
        return $"{site.BaseUrl}/intranet.html";
    }

    private async Task ScanAndPhotographAsync(IPage page, string what, string name)
    {
        await AccessibilityScan.CollectAsync(page, what, _violations);
        await Journeys.PhotographAsync(page, $"sharing-{name}");
    }

}
