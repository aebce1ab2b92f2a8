using System.Diagnostics;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Lifecycle.Tests.Support;

/// <summary>
/// A git server over HTTP on 127.0.0.1 that requires Basic credentials: Kestrel in the test process runs git's own
/// <c>git http-backend</c> as a CGI program for every request, so the app's remote-URL path is exercised with stored
/// credentials, fetch and push included. <see cref="BeforeReceivePack"/> lets a test move the branch just before a push.
/// </summary>
public sealed class GitHttpServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _pushesSeen;

    private GitHttpServer(WebApplication app, string projectRoot)
    {
        _app = app;
        ProjectRoot = projectRoot;
    }

    public const string User = "gitsync";
    public const string Password = "s3cret-http-token";

    public string ProjectRoot { get; }

    public Uri BaseAddress => new(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    /// <summary>Runs before each push's ref advertisement; the count of pushes so far is passed.</summary>
    public Action<int>? BeforeReceivePack { get; set; }

    public int Requests { get; private set; }

    public string UrlOf(string repository) => new Uri(BaseAddress, repository).ToString();

    public static async Task<GitHttpServer> StartAsync(string projectRoot)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new GitHttpServer(app, projectRoot);
        app.Run(server.HandleAsync);
        await app.StartAsync();
        return server;
    }

    private async Task HandleAsync(HttpContext context)
    {
        Requests++;
        var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{User}:{Password}"));
        if (context.Request.Headers.Authorization != expected)
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            context.Response.Headers.WWWAuthenticate = "Basic realm=\"git\"";
            return;
        }

        if (context.Request.Query["service"] == "git-receive-pack")
        {
            BeforeReceivePack?.Invoke(++_pushesSeen);
        }

        var start = new ProcessStartInfo("git", ["http-backend"])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["GIT_PROJECT_ROOT"] = ProjectRoot;
        start.Environment["GIT_HTTP_EXPORT_ALL"] = "1";
        start.Environment["REMOTE_USER"] = User;
        start.Environment["REMOTE_ADDR"] = "127.0.0.1";
        start.Environment["PATH_INFO"] = context.Request.Path.Value ?? "/";
        start.Environment["QUERY_STRING"] = context.Request.QueryString.HasValue ? context.Request.QueryString.Value![1..] : "";
        start.Environment["REQUEST_METHOD"] = context.Request.Method;
        start.Environment["CONTENT_TYPE"] = context.Request.ContentType ?? "";
        start.Environment["HTTP_CONTENT_ENCODING"] = context.Request.Headers.ContentEncoding.ToString();
        start.Environment["GIT_PROTOCOL"] = context.Request.Headers["Git-Protocol"].ToString();

        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync();
        await context.Request.Body.CopyToAsync(process.StandardInput.BaseStream);
        process.StandardInput.Close();

        var output = process.StandardOutput.BaseStream;
        var header = new StringBuilder();
        while (true)
        {
            var line = await ReadLineAsync(output);
            if (line.Length == 0)
            {
                break;
            }

            var colon = line.IndexOf(':');
            var (name, value) = (line[..colon].Trim(), line[(colon + 1)..].Trim());
            if (name.Equals("Status", StringComparison.OrdinalIgnoreCase))
            {
                context.Response.StatusCode = int.Parse(value[..3]);
            }
            else
            {
                context.Response.Headers[name] = value;
            }

            header.AppendLine(line);
        }

        await output.CopyToAsync(context.Response.Body);
        await process.WaitForExitAsync();
        _ = await errors;
    }

    private static async Task<string> ReadLineAsync(Stream stream)
    {
        var bytes = new List<byte>();
        var one = new byte[1];
        while (await stream.ReadAsync(one) == 1 && one[0] != '\n')
        {
            bytes.Add(one[0]);
        }

        return Encoding.ASCII.GetString([.. bytes]).TrimEnd('\r');
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
