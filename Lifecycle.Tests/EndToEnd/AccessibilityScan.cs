using System.Text.Json;
using Microsoft.Playwright;

namespace Lifecycle.Tests.EndToEnd;

/// <summary>
/// Runs axe-core (from npm, see Lifecycle.Tests/package.json) inside the page with the WCAG 2.1 A and AA rules and
/// collects the critical and serious violations. Injected from the local file, never from the network.
/// </summary>
public static class AccessibilityScan
{
    private static readonly string AxeScript = Path.Combine(AppServer.RepositoryRoot(), "Lifecycle.Tests", "node_modules", "axe-core", "axe.min.js");

    private const string Run = """
        async () => {
          const result = await axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } });
          return result.violations
            .filter(v => v.impact === "critical" || v.impact === "serious")
            .map(v => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.slice(0, 3).map(n => n.target.join(" ")).join(" | ")}`);
        }
        """;

    /// <summary>The page's critical and serious violations, each as one line naming the rule and where. Waits until nothing animates.</summary>
    public static async Task<IReadOnlyList<string>> SeriousViolationsAsync(IPage page)
    {
        Assert.True(File.Exists(AxeScript), $"axe-core is missing at {AxeScript}: run `npm ci` in Lifecycle.Tests (scripts/test.sh does).");
        // A hovered button or a toast still fading in has colours in between; scan what the user ends up seeing.
        await page.Mouse.MoveAsync(0, 0);
        await page.WaitForFunctionAsync("() => document.getAnimations().every(a => a.playState !== 'running')");
        if (!await page.EvaluateAsync<bool>("() => typeof axe !== 'undefined'"))
        {
            // Evaluated through the browser's debugging protocol: an inline <script> tag would be refused by the
            // product's content security policy (scripts from the app itself only), as it should be.
            await page.EvaluateAsync(await File.ReadAllTextAsync(AxeScript));
        }

        var violations = await page.EvaluateAsync<JsonElement>(Run);
        return [.. violations.EnumerateArray().Select(v => v.GetString()!)];
    }

    /// <summary>Scans and adds "what: violation" lines to <paramref name="found"/>, so a journey can report every page at the end.</summary>
    public static async Task CollectAsync(IPage page, string what, List<string> found) =>
        found.AddRange((await SeriousViolationsAsync(page)).Select(v => $"{what}: {v}"));
}
