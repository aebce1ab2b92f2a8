using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Lifecycle.Tests.EndToEnd;

/// <summary>Issue 4, identity hardening: lockout after repeated failures and a sign-in rate limit per IP address, on a fresh instance.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class SignInHardeningTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string AdminEmail = "admin@example.com";
    private const string AdminPassword = "correct horse battery";

    [Fact]
    public async Task Five_failed_sign_ins_lock_the_account_and_the_eleventh_attempt_a_minute_from_one_address_is_refused()
    {
        await Journeys.FirstRunSetupAsync(await browser.NewPageAsync(), "Ada Admin", AdminEmail, AdminPassword);

        // Lockout (decision 016): 5 wrong passwords lock this address out for this email; then even the right password
        // is refused for a while. Every failure reads the same, whether the account exists or not.
        var guesser = await browser.NewPageAsync();
        for (var attempt = 1; attempt <= 6; attempt++)
        {
            await Journeys.SubmitSignInAsync(guesser, AdminEmail, attempt == 6 ? AdminPassword : $"wrong guess {attempt}");
            await Expect(guesser.GetByRole(AriaRole.Alert)).ToHaveTextAsync(attempt <= 5 ? "Wrong email or password." : "Too many failed attempts from your address. Wait a few minutes and try again.");
        }

        // Rate limit: 10 sign-in posts a minute per address (6 above); the 11th is answered 429 whatever it holds.
        var statuses = new List<int>();
        for (var attempt = 7; attempt <= 11; attempt++)
        {
            var form = guesser.APIRequest.CreateFormData();
            form.Set("Input.Email", AdminEmail);
            form.Set("Input.Password", $"wrong guess {attempt}");
            var response = await guesser.APIRequest.PostAsync("/Account/Login", new() { Form = form });
            statuses.Add(response.Status);
        }

        Assert.DoesNotContain(429, statuses.Take(4));
        Assert.Equal(429, statuses[4]);
        Assert.Equal(200, (await guesser.APIRequest.GetAsync("/Account/Login")).Status); // reading the page is not limited
    }
}
