using System.Net;
using System.Text.RegularExpressions;
using Lifecycle.Load.Protocol;
using Lifecycle.Load.Seeding;

namespace Lifecycle.Load.Users;

/// <summary>
/// What a browser keeps for one account: its cookies (antiforgery, the sign-in cookie, the proxy's instance cookie) and an
/// HTTP client. It signs in through the real form, with the form's antiforgery token, as a person would.
/// </summary>
internal sealed partial class BrowserSession : IDisposable
{
    private readonly HttpClient _http;

    public BrowserSession(Uri address)
    {
        Address = address;
        Cookies = new CookieContainer();
        _http = new HttpClient(new SocketsHttpHandler { CookieContainer = Cookies, AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
        {
            BaseAddress = address,
            Timeout = TimeSpan.FromSeconds(120),
        };
    }

    public Uri Address { get; }

    public CookieContainer Cookies { get; }

    public HttpClient Http => _http;

    /// <summary>GET /Account/Login, then POST its form (hidden fields included) with the account's email and password.</summary>
    public async Task SignInAsync(LoadAccount account, CancellationToken cancellationToken)
    {
        var form = await _http.GetStringAsync("/Account/Login", cancellationToken);
        var fields = HiddenInputs(form).ToList();
        if (!fields.Any(f => f.Key == "__RequestVerificationToken"))
        {
            throw new InvalidOperationException("The sign-in form carries no antiforgery token.");
        }

        fields.Add(new("Input.Email", account.Email));
        fields.Add(new("Input.Password", account.Password));
        using var content = new FormUrlEncodedContent(fields);
        using var response = await _http.PostAsync("/Account/Login", content, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Redirect || response.Headers.Location?.ToString().Contains("/Account/Login", StringComparison.OrdinalIgnoreCase) == true)
        {
            throw new InvalidOperationException($"Signing in as {account.Email} failed: {(int)response.StatusCode} {response.Headers.Location}");
        }
    }

    /// <summary>The server-rendered page, with what blazor.web.js needs to start its circuit.</summary>
    public async Task<PrerenderedPage> OpenAsync(string path, CancellationToken cancellationToken)
    {
        using var response = await _http.GetAsync(path, cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"GET {path} answered {(int)response.StatusCode} {response.Headers.Location}.");
        }

        var page = PrerenderedPage.Parse(new Uri(Address, path), await response.Content.ReadAsStringAsync(cancellationToken));
        return page.ServerMarkers.Count == 0 ? throw new InvalidOperationException($"{path} has no interactive server component.") : page;
    }

    private static IEnumerable<KeyValuePair<string, string>> HiddenInputs(string html)
    {
        foreach (Match input in InputPattern().Matches(html))
        {
            var tag = input.Value;
            if (!tag.Contains("type=\"hidden\"", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var name = NamePattern().Match(tag);
            var value = ValuePattern().Match(tag);
            if (name.Success)
            {
                yield return new(WebUtility.HtmlDecode(name.Groups[1].Value), value.Success ? WebUtility.HtmlDecode(value.Groups[1].Value) : "");
            }
        }
    }

    public void Dispose() => _http.Dispose();

    [GeneratedRegex("<input\\b[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex InputPattern();

    [GeneratedRegex("\\bname=\"([^\"]*)\"", RegexOptions.IgnoreCase)]
    private static partial Regex NamePattern();

    [GeneratedRegex("\\bvalue=\"([^\"]*)\"", RegexOptions.IgnoreCase)]
    private static partial Regex ValuePattern();
}
