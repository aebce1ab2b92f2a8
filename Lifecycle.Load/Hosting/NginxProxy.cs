using System.Diagnostics;
using System.Net.Sockets;

namespace Lifecycle.Load.Hosting;

/// <summary>
/// nginx in front of the instances with the proxy configuration the compose file uses (deploy/nginx/lifecycle.conf, decision
/// 033): only its "listen" line and the list of instances differ, as in the two-instance tests. The outer configuration
/// allows enough connections for the load (two per circuit: the browser's and the upstream one).
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

    public static async Task<NginxProxy> StartAsync(string repositoryRoot, IEnumerable<Uri> instances, int connections)
    {
        await Scripts.RunAsync(repositoryRoot, "nginx.sh");
        var directory = Path.Combine(Path.GetTempPath(), $"lifecycle-load-nginx-{Guid.NewGuid():N}");
        Directory.CreateDirectory(directory);
        foreach (var temp in new[] { "client_body", "proxy", "fastcgi", "uwsgi", "scgi" })
        {
            var path = Directory.CreateDirectory(Path.Combine(directory, temp)).FullName;
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path, (UnixFileMode)0b111_111_111); // nginx's worker runs unprivileged when started as root
            }
        }

        var port = AppInstance.FreePort();
        var shared = await File.ReadAllTextAsync(Path.Combine(repositoryRoot, "deploy", "nginx", "lifecycle.conf"));
        const string ComposeListen = "listen 8080;";
        if (!shared.Contains(ComposeListen, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"deploy/nginx/lifecycle.conf no longer has '{ComposeListen}'.");
        }

        await File.WriteAllTextAsync(Path.Combine(directory, "lifecycle.conf"), shared.Replace(ComposeListen, $"listen 127.0.0.1:{port} backlog=4096;"));
        await File.WriteAllLinesAsync(Path.Combine(directory, "lifecycle-upstreams.conf"), instances.Select(i => $"server {i.Host}:{i.Port};"));
        var workerConnections = Math.Max(1024, connections * 2 + 256);
        await File.WriteAllTextAsync(Path.Combine(directory, "nginx.conf"), $$"""
            worker_processes 1;
            worker_rlimit_nofile {{workerConnections * 2}};
            pid {{directory}}/nginx.pid;
            error_log {{directory}}/error.log warn;
            events { worker_connections {{workerConnections}}; }
            http {
                access_log off;
                client_body_temp_path {{directory}}/client_body;
                proxy_temp_path {{directory}}/proxy;
                fastcgi_temp_path {{directory}}/fastcgi;
                uwsgi_temp_path {{directory}}/uwsgi;
                scgi_temp_path {{directory}}/scgi;
                include lifecycle.conf;
            }
            """);

        var nginx = File.Exists("/usr/sbin/nginx") ? "/usr/sbin/nginx" : "nginx";
        var start = new ProcessStartInfo(nginx, ["-p", directory, "-c", Path.Combine(directory, "nginx.conf"), "-g", "daemon off;"])
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

    public string ErrorLog => File.Exists(Path.Combine(_directory, "error.log")) ? File.ReadAllText(Path.Combine(_directory, "error.log")) : "";

    private async Task WaitUntilListeningAsync(int port)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"nginx exited at start: {await _process.StandardError.ReadToEndAsync()}{ErrorLog}");
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

        throw new TimeoutException($"nginx did not listen within 20 seconds. {ErrorLog}");
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
