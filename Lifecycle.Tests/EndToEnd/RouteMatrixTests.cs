using System.Net;
using System.Reflection;
using System.Text.RegularExpressions;
using Lifecycle.Tests.Support;
using Microsoft.AspNetCore.Components;

namespace Lifecycle.Tests.EndToEnd;

/// <summary>
/// SPEC A3, A6, A7: every page route and HTTP endpoint of the real app, requested by a signed-in member of every column
/// of <see cref="PermissionMatrix"/> and by an anonymous visitor, must end as the matrix row that governs it says. The
/// server's answer is read as the browser gets it before any script runs: a page refused by its use case shows the
/// <c>not-allowed</c> marker in its prerendered HTML (decision 014), an endpoint answers 403, and a page that needs
/// sign-in redirects to <c>/Account/Login</c>.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed partial class RouteMatrixTests(SeededAppFixture app) : IClassFixture<SeededAppFixture>
{
    private const string Anonymous = "anonymous";

    /// <summary>How a request ended, as a browser would see it.</summary>
    public enum Outcome
    {
        Allowed,
        Refused,
        SignIn,
        RedirectedToApps,
        NotFound,
    }

    /// <summary>
    /// Every route with the page template it exercises and the matrix row that governs it, or a fixed outcome for
    /// routes that are the same for every signed-in user. Logout comes last: it ends the session.
    /// </summary>
    private IReadOnlyList<(string Method, string Path, string Template, string? Row, Outcome Fixed)> Routes =>
    [
        ("GET", "/", "/", null, Outcome.RedirectedToApps),
        ("GET", "/apps", "/apps", "list apps", default),
        ("GET", "/apps/alpha", "/apps/{Slug}", "open the released app", default),
        ("GET", "/apps/alpha/edit", "/apps/{Slug}/edit", "open Alpha in the editor", default),
        ("GET", $"/apps/alpha/edit?version={app.World.AlphaV1}", "/apps/{Slug}/edit", "open a version of Alpha", default),
        ("GET", "/apps/beta/edit", "/apps/{Slug}/edit", "open Beta in the editor", default),
        ("GET", "/apps/alpha/releases", "/apps/{Slug}/releases", "see release history", default),
        ("GET", "/workspace/constants", "/workspace/constants", "list constants", default),
        ("GET", "/workspace/data-sources", "/workspace/data-sources", "list data sources", default),
        ("GET", "/admin/users", "/admin/users", "list users", default),
        ("GET", $"/admin/users/{app.Workspace.Admin.UserId}", "/admin/users/{UserId}", "list users", default),
        ("GET", "/admin/groups", "/admin/groups", "list groups", default),
        ("GET", $"/admin/groups/{Lifecycle.Data.Access.Group.AdminsId}", "/admin/groups/{GroupId:int}", "list groups", default),
        ("GET", "/admin/audit", "/admin/audit", "view the audit log", default),
        ("GET", "/admin/audit/export", "endpoint", "export the audit log", default),
        ("GET", "/admin/gitsync", "/admin/gitsync", "see the GitSync settings", default),
        ("GET", $"/admin/gitsync/export?app={app.World.Alpha}", "endpoint", "export an app", default),
        ("GET", "/admin/network", "/admin/network", "list the outbound allowlist", default),
        ("GET", "/embed/alpha", "/embed/{Slug}", "open the released app", default),
        ("GET", $"/apps/alpha/preview?version={app.World.AlphaV1}&environment=development", "/apps/{Slug}/preview", "preview Alpha with development values", default),
        ("GET", $"/apps/alpha/preview?version={app.World.AlphaV1}&environment=production", "/apps/{Slug}/preview", "preview Alpha with production values", default),
        ("GET", "/admin/embedding", "/admin/embedding", "see the embedding settings", default),
        ("GET", "/Account/ChangePassword", "/Account/ChangePassword", null, Outcome.Allowed),
        ("GET", "/Account/Login", "/Account/Login", null, Outcome.Allowed),
        ("GET", "/not-found", "/not-found", null, Outcome.Allowed),
        ("GET", "/Error", "/Error", null, Outcome.Allowed),
        ("GET", "/setup", "/setup", null, Outcome.NotFound), // set up already (SPEC A5)
        ("POST", "/Account/Logout", "endpoint", null, Outcome.SignIn),
    ];

    /// <summary>
    /// What an anonymous visitor gets: the sign-in page for everything but the pages open to anyone. Alpha is private:
    /// its embedded view cannot send a frame to the sign-in page (which refuses framing), so it says "not allowed" in place.
    /// </summary>
    private static Outcome AnonymousOutcome(string path) => path switch
    {
        "/Account/Login" or "/not-found" or "/Error" => Outcome.Allowed,
        "/setup" => Outcome.NotFound,
        "/embed/alpha" => Outcome.Refused,
        _ => Outcome.SignIn,
    };

    [Fact]
    public void EveryPageRouteOfTheAppIsInTheTable()
    {
        // SPEC A3: a new page cannot be added without saying who may open it
        var templates = typeof(Program).Assembly.GetTypes()
            .SelectMany(t => t.GetCustomAttributes<RouteAttribute>())
            .Select(r => r.Template)
            .ToHashSet();

        Assert.Empty(templates.Except(Routes.Select(r => r.Template)));
    }

    [Fact]
    public async Task A3_EveryRouteAndEndpointEndsAsThePermissionMatrixSaysForEveryKindOfUser()
    {
        // SPEC A3, A6, A7: 9 principals (8 columns and anonymous) x every route
        var mismatches = new List<string>();
        var requests = 0;
        foreach (var principal in PermissionMatrix.Columns.Append(Anonymous))
        {
            using var client = NewClient();
            if (principal != Anonymous)
            {
                await SignInAsync(client, app.EmailOf(principal));
            }

            foreach (var (method, path, _, row, fixedOutcome) in Routes)
            {
                var expected = principal == Anonymous ? AnonymousOutcome(path)
                    : row is null ? fixedOutcome
                    : PermissionMatrix.Allows(row, principal) ? Outcome.Allowed : Outcome.Refused;
                using var response = method == "GET" ? await client.GetAsync(path) : await PostFormAsync(client, path, []);
                var actual = Classify(response, await response.Content.ReadAsStringAsync());
                requests++;
                if (actual != expected)
                {
                    mismatches.Add($"{principal} {method} {path}: expected {expected}, got {actual} ({(int)response.StatusCode})");
                }
            }
        }

        Assert.True(mismatches.Count == 0, string.Join(Environment.NewLine, mismatches) + Environment.NewLine + app.Server.Output);
        Assert.Equal(9 * 28, requests); // the figure in docs/security.md
    }

    private HttpClient NewClient() =>
        new(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer(), UseCookies = true }) { BaseAddress = app.Server.BaseAddress };

    /// <summary>Signs in through the real sign-in form (static server rendering): its hidden fields, then email and password.</summary>
    private static async Task SignInAsync(HttpClient client, string email)
    {
        using var response = await PostFormAsync(client, "/Account/Login", new() { ["Input.Email"] = email, ["Input.Password"] = TestWorkspace.Password });
        Assert.True(response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location?.OriginalString.EndsWith("/apps") == true,
            $"Signing in as {email} answered {(int)response.StatusCode} {response.Headers.Location}");
    }

    /// <summary>Posts a form as a browser would: with the hidden fields (antiforgery token, handler) of the sign-in page, fetched for this client.</summary>
    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string path, Dictionary<string, string> fields)
    {
        var form = await client.GetStringAsync("/Account/Login");
        foreach (Match hidden in HiddenInput().Matches(form))
        {
            fields.TryAdd(WebUtility.HtmlDecode(hidden.Groups["name"].Value), WebUtility.HtmlDecode(hidden.Groups["value"].Value));
        }

        return await client.PostAsync(path, new FormUrlEncodedContent(fields));
    }

    private static Outcome Classify(HttpResponseMessage response, string body) => response.StatusCode switch
    {
        HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther or HttpStatusCode.TemporaryRedirect =>
            response.Headers.Location?.OriginalString.Contains("/Account/Login", StringComparison.OrdinalIgnoreCase) == true ? Outcome.SignIn
            : response.Headers.Location?.OriginalString.TrimEnd('/').EndsWith("/apps", StringComparison.Ordinal) == true ? Outcome.RedirectedToApps
            : throw new InvalidOperationException($"Redirected to {response.Headers.Location}"),
        HttpStatusCode.Unauthorized => Outcome.SignIn,
        HttpStatusCode.Forbidden => Outcome.Refused,
        HttpStatusCode.NotFound => Outcome.NotFound,
        HttpStatusCode.OK when body.Contains("data-testid=\"not-allowed\"", StringComparison.Ordinal) => Outcome.Refused,
        HttpStatusCode.OK when body.Contains("data-testid=\"not-found\"", StringComparison.Ordinal) => Outcome.NotFound,
        HttpStatusCode.OK when !body.Contains("data-testid=\"page-error\"", StringComparison.Ordinal) => Outcome.Allowed,
        _ => throw new InvalidOperationException($"Unexpected answer {(int)response.StatusCode}: {body[..Math.Min(body.Length, 500)]}"),
    };

    [GeneratedRegex("<input[^>]*type=\"hidden\"[^>]*name=\"(?<name>[^\"]+)\"[^>]*value=\"(?<value>[^\"]*)\"")]
    private static partial Regex HiddenInput();
}
