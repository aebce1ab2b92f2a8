using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Lifecycle.Tests.Support;

/// <summary>
/// A small HTTP server on 127.0.0.1 that stands in for a REST API: it answers each registered path with its JSON
/// and records the requests it got (path and Authorization header).
/// </summary>
public sealed class FakeRestApi : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Dictionary<string, string> _answers = new(StringComparer.Ordinal);
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
                _answers.TryGetValue(path, out json);
            }

            context.Response.StatusCode = json is null ? 404 : 200;
            context.Response.ContentType = "application/json";
            var body = Encoding.UTF8.GetBytes(json ?? "{\"error\":\"not found\"}");
            await context.Response.OutputStream.WriteAsync(body);
            context.Response.Close();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
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
