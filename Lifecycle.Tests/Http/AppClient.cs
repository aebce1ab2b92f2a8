using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using Lifecycle.Tests.EndToEnd;

namespace Lifecycle.Tests.Http;

/// <summary>
/// A browser's HTTP side without a browser: its own cookies, no redirects followed, and the static forms of the app
/// (setup, sign-in, sign-out) filled the way a browser posts them, hidden fields (antiforgery token, form name) included.
/// </summary>
public sealed partial class AppClient : IDisposable
{
    private readonly HttpClient _http;

    public AppClient(AppServer server)
    {
        Cookies = new CookieContainer();
        _http = new HttpClient(new HttpClientHandler
        {
            CookieContainer = Cookies,
            AllowAutoRedirect = false,
            ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator,
        })
        { BaseAddress = server.BaseAddress };
    }

    public CookieContainer Cookies { get; }

    [GeneratedRegex("""<input[^>]*type="hidden"[^>]*name="(?<name>[^"]+)"[^>]*value="(?<value>[^"]*)"|<input[^>]*name="(?<name>[^"]+)"[^>]*type="hidden"[^>]*value="(?<value>[^"]*)" """)]
    private static partial Regex HiddenInput();

    [GeneratedRegex("""role="alert"[^>]*>(?<message>[^<]*)<""")]
    private static partial Regex Alert();

    public Task<HttpResponseMessage> GetAsync(string path) => _http.GetAsync(path);

    public Task<HttpResponseMessage> SendAsync(HttpRequestMessage request) => _http.SendAsync(request);

    /// <summary>Opens <paramref name="path"/>, fills its form (the one posting to <paramref name="postTo"/>, else the first) and posts it.</summary>
    public async Task<HttpResponseMessage> SubmitAsync(string path, IReadOnlyDictionary<string, string> fields, string? postTo = null)
    {
        var page = await (await _http.GetAsync(path)).Content.ReadAsStringAsync();
        var form = Regex.Split(page, "<form", RegexOptions.IgnoreCase).Skip(1).First(f => postTo is null || f.Contains(postTo.TrimStart('/'), StringComparison.OrdinalIgnoreCase));
        var hidden = HiddenInput().Matches(form).ToDictionary(m => WebUtility.HtmlDecode(m.Groups["name"].Value), m => WebUtility.HtmlDecode(m.Groups["value"].Value));
        foreach (var (name, value) in fields)
        {
            hidden[name] = value;
        }

        return await _http.PostAsync(postTo ?? path, new FormUrlEncodedContent(hidden));
    }

    public Task<HttpResponseMessage> SignInAsync(string email, string password) =>
        SubmitAsync("/Account/Login", new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = password });

    /// <summary>Signs in and answers how long the server took and which message it showed (null when signed in).</summary>
    public async Task<(TimeSpan Took, string? Message)> TimedSignInAsync(string email, string password)
    {
        var page = await (await _http.GetAsync("/Account/Login")).Content.ReadAsStringAsync();
        var hidden = HiddenInput().Matches(page).ToDictionary(m => m.Groups["name"].Value, m => WebUtility.HtmlDecode(m.Groups["value"].Value));
        hidden["Input.Email"] = email;
        hidden["Input.Password"] = password;
        var timer = Stopwatch.StartNew();
        using var response = await _http.PostAsync("/Account/Login", new FormUrlEncodedContent(hidden));
        var body = await response.Content.ReadAsStringAsync();
        timer.Stop();
        return (timer.Elapsed, AlertOf(body));
    }

    public static string? AlertOf(string page) => Alert().Match(page) is { Success: true } match ? WebUtility.HtmlDecode(match.Groups["message"].Value).Trim() : null;

    /// <summary>Creates the first admin through /setup (SPEC A5); the client is signed in afterwards.</summary>
    public async Task SetUpAsync(string email, string password)
    {
        using var response = await SubmitAsync("/setup", new Dictionary<string, string> { ["Input.Name"] = "Ada Admin", ["Input.Email"] = email, ["Input.Password"] = password });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    public void Dispose() => _http.Dispose();
}
