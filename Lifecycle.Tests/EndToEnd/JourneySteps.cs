using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Lifecycle.Tests.EndToEnd;

/// <summary>Steps that several journeys take: first-run setup and signing in through the static account pages.</summary>
public static class JourneySteps
{
    /// <summary>SPEC A5: on a new instance the first visit creates the first admin, who lands on /apps.</summary>
    public static async Task FirstRunSetupAsync(IPage page, string name, string email, string password)
    {
        await page.GotoAsync("/");
        await Expect(page).ToHaveURLAsync(new Regex("/setup$"));
        await page.GetByLabel("Name").FillAsync(name);
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create administrator" }).ClickAsync();
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
}
