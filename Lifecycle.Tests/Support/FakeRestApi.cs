using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace Lifecycle.Tests.Support;

/// <summary>
/// A small HTTP server on 127.0.0.1 that stands in for a REST API: it answers each registered path with its JSON
/// and records the requests it got (path and Authorization header). A path registered with <see cref="Echo"/> answers
/// what it got, in the encoded forms an API might use (JSON-escaped, URL-encoded, base64, HTML), as an attacker's
/// echo API would. It also serves HTML pages (<see cref="AnswerPage"/>), as a site that embeds an app does.
/// </summary>
public sealed class FakeRestApi : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Dictionary<string, string> _answers = new(StringComparer.Ordinal);
    private readonly HashSet<string> _pages = new(StringComparer.Ordinal);
    private readonly HashSet<string> _echoes = new(StringComparer.Ordinal);
    private readonly List<(string Path, string? Authorization)> _requests = [];
    private readonly Task _loop;

    public FakeRestApi()
    {
        Port = FreePort();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public int Port { get; }

    public string BaseUrl => $"http://127.0.0.1:{Port}";

    public IReadOnlyList<(string Path, string? Authorization)> Requests
    {
        get
        {
            lock (_requests)
            {
                return [.. _requests];
            }
        }
    }

    public FakeRestApi Answer(string path, string json)
    {
        lock (_answers)
        {
            _answers[path] = json;
        }

        return this;
    }

    /// <summary>Answers <paramref name="path"/> with an HTML page.</summary>
    public FakeRestApi AnswerPage(string path, string html)
    {
        lock (_answers)
        {
            _answers[path] = html;
            _pages.Add(path);
        }

        return this;
    }

    /// <summary>Answers every request under <paramref name="pathPrefix"/> with what it got.</summary>
    public FakeRestApi Echo(string pathPrefix)
    {
        lock (_answers)
        {
            _echoes.Add(pathPrefix);
        }

        return this;
    }

    private static string EchoOf(HttpListenerRequest request)
    {
        var body = new StreamReader(request.InputStream, Encoding.UTF8).ReadToEnd();
        var headers = request.Headers.AllKeys.Where(k => k is not null).ToDictionary(k => k!, k => request.Headers[k]);
        var authorization = request.Headers["Authorization"] ?? "";
        return JsonSerializer.Serialize(new
        {
            method = request.HttpMethod,
            rawUrl = request.RawUrl,
            decodedUrl = WebUtility.UrlDecode(request.RawUrl),
            headers,
            body,
            bodyUrlEncoded = Uri.EscapeDataString(body),
            bodyFormEncoded = WebUtility.UrlEncode(body)?.ToLowerInvariant(),
            bodyHtml = WebUtility.HtmlEncode(body),
            bodyBase64 = Convert.ToBase64String(Encoding.UTF8.GetBytes(body)),
            authorizationBase64 = Convert.ToBase64String(Encoding.UTF8.GetBytes("user:" + authorization)),
        });
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            var path = context.Request.Url!.AbsolutePath;
            lock (_requests)
            {
                _requests.Add((path + context.Request.Url.Query, context.Request.Headers["Authorization"]));
            }

            string? json;
            lock (_answers)
            {
                json = _echoes.Any(prefix => path.StartsWith(prefix, StringComparison.Ordinal))
                    ? EchoOf(context.Request)
                    : _answers.GetValueOrDefault(path);
                context.Response.ContentType = _pages.Contains(path) ? "text/html; charset=utf-8" : "application/json";
            }

            context.Response.StatusCode = json is null ? 404 : 200;
            var body = Encoding.UTF8.GetBytes(json ?? "{\"error\":\"not found\"}");
            await context.Response.OutputStream.WriteAsync(body);
            context.Response.Close();
        }
    }

    public async ValueTask DisposeAsync()
    {
        // Close alone: on Linux, Stop and then Close give the port back twice, and the second time binds it anew to do so,
        // which fails ("Address already in use") when another test has taken the port in between.
        _listener.Close();
        await _loop;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
