using System.Diagnostics;
using System.Net.Sockets;
using Lifecycle.Tests.EndToEnd;

namespace Lifecycle.Tests.Support;

/// <summary>
/// Debian's nginx (installed by scripts/nginx.sh when missing) on 127.0.0.1 in front of app instances, with the proxy
/// configuration that docker-compose.yml uses, deploy/nginx/lifecycle.conf: only its "listen" line and the list of
/// instances differ (decision 033). Runs in the foreground of a child process, with every file in a temporary directory.
/// </summary>
public sealed class NginxProxy : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _directory;

    private NginxProxy(Process process, string directory, Uri baseAddress)
    {
        _process = process;
        _directory = directory;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public static async Task<NginxProxy> StartAsync(IEnumerable<Uri> instances)
    {
        var root = AppServer.RepositoryRoot();
        await RunAsync("bash", Path.Combine(root, "scripts", "nginx.sh"));
        var directory = Path.Combine(Path.GetTempPath(), $"lifecycle-nginx-{Guid.NewGuid():N}");
        Directory.CreateDirectory(directory);
        foreach (var temp in new[] { "client_body", "proxy", "fastcgi", "uwsgi", "scgi" })
        {
            var path = Directory.CreateDirectory(Path.Combine(directory, temp)).FullName;
            if (OperatingSystem.IsLinux())
            {
                // nginx's workers run as an unprivileged user when the tests run as root.
                File.SetUnixFileMode(path, (UnixFileMode)0b111_111_111);
            }
        }

        var port = PostgresServer.FreePort();
        var shared = await File.ReadAllTextAsync(Path.Combine(root, "deploy", "nginx", "lifecycle.conf"));
        const string ComposeListen = "listen 8080;";
        Assert.Contains(ComposeListen, shared);
        await File.WriteAllTextAsync(Path.Combine(directory, "lifecycle.conf"), shared.Replace(ComposeListen, $"listen 127.0.0.1:{port};"));
        await File.WriteAllLinesAsync(Path.Combine(directory, "lifecycle-upstreams.conf"), instances.Select(i => $"server {i.Host}:{i.Port};"));
        await File.WriteAllTextAsync(Path.Combine(directory, "nginx.conf"), $$"""
            worker_processes 1;
            pid {{directory}}/nginx.pid;
            error_log {{directory}}/error.log warn;
            events { worker_connections 512; }
            http {
                access_log {{directory}}/access.log;
                client_body_temp_path {{directory}}/client_body;
                proxy_temp_path {{directory}}/proxy;
                fastcgi_temp_path {{directory}}/fastcgi;
                uwsgi_temp_path {{directory}}/uwsgi;
                scgi_temp_path {{directory}}/scgi;
                include lifecycle.conf;
            }
            """);

        var start = new ProcessStartInfo(NginxPath(), ["-p", directory, "-c", Path.Combine(directory, "nginx.conf"), "-g", "daemon off;"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("nginx did not start.");
        var proxy = new NginxProxy(process, directory, new Uri($"http://127.0.0.1:{port}"));
        try
        {
            await proxy.WaitUntilListeningAsync(port);
            return proxy;
        }
        catch
        {
            await proxy.DisposeAsync();
            throw;
        }
    }

    /// <summary>What nginx logged (its errors and each request), for a failing test's message.</summary>
    public string Log => string.Join(Environment.NewLine, new[] { "error.log", "access.log" }
        .Select(name => Path.Combine(_directory, name)).Where(File.Exists).Select(File.ReadAllText));

    private async Task WaitUntilListeningAsync(int port)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"nginx exited at start: {await _process.StandardError.ReadToEndAsync()}{Log}");
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }

        throw new TimeoutException($"nginx did not listen within 20 seconds.{Log}");
    }

    private static string NginxPath() => File.Exists("/usr/sbin/nginx") ? "/usr/sbin/nginx" : "nginx";

    private static async Task RunAsync(string program, params string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(program, arguments) { RedirectStandardError = true }) ?? throw new InvalidOperationException($"{program} did not start.");
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} failed: {await errors}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}
