using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;

namespace Lifecycle.Benchmarks.Screens;

/// <summary>
/// The web app's build of this configuration (Release for figures) as a child process on 127.0.0.1, serving the
/// seeded database in the Production environment, with the measurement endpoint on (decision 036).
/// </summary>
public sealed class WebServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly HttpClient _http;

    private WebServer(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
        _http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromMinutes(2) };
    }

    public Uri BaseAddress { get; }

    public int ProcessId => _process.Id;

    public static async Task<WebServer> StartAsync(ScreenWorkspace workspace)
    {
        var root = RepositoryRoot();
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}") ? "Release" : "Debug";
        var dll = Path.Combine(root, "Lifecycle.Web", "bin", configuration, "net10.0", "Lifecycle.Web.dll");
        var baseAddress = new Uri($"http://127.0.0.1:{FreePort()}");
        var start = new ProcessStartInfo("dotnet", [dll, "--urls", baseAddress.ToString().TrimEnd('/')])
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ConnectionStrings__Lifecycle"] = $"Data Source={workspace.DatabasePath}";
        start.Environment["DataProtection__KeysDirectory"] = workspace.KeysDirectory;
        start.Environment["Logging__LogLevel__Default"] = "Error";
        start.Environment["SignIn__AttemptsPerMinutePerIp"] = "1000";
        start.Environment["Diagnostics__MemoryEndpoint"] = "true";
        start.Environment["Circuits__PauseHiddenAfterSeconds"] = "1"; // hidden tabs pause after a second, not two minutes (decision 036)
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the web app.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { Length: > 0 } line)
            {
                Console.Error.WriteLine($"[web] {line}");
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new WebServer(process, baseAddress);
        await server.WaitUntilAnsweringAsync();
        return server;
    }

    /// <summary>The server's managed heap after full collections, and the circuits it holds.</summary>
    public async Task<ServerMeasurement> MeasureAsync() =>
        await _http.GetFromJsonAsync<ServerMeasurement>("/diagnostics/memory?collect=true")
        ?? throw new InvalidOperationException("The measurement endpoint answered nothing.");

    /// <summary>Measures once the server holds <paramref name="circuits"/> circuits (or after 30 seconds, as it is then).</summary>
    public async Task<ServerMeasurement> WaitForCircuitsAsync(int circuits)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        var measured = await MeasureAsync();
        while (measured.Circuits != circuits && DateTime.UtcNow < deadline)
        {
            await Task.Delay(250);
            measured = await MeasureAsync();
        }

        return measured;
    }

    private async Task WaitUntilAnsweringAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException("The web app exited at start. Is it built? (dotnet build -c Release)");
            }

            try
            {
                using var response = await _http.GetAsync("/diagnostics/memory");
                if (response.IsSuccessStatusCode)
                {
                    return;
                }

                throw new InvalidOperationException($"The measurement endpoint answered {(int)response.StatusCode}: this build of the web app has none.");
            }
            catch (HttpRequestException)
            {
                await Task.Delay(200);
            }
        }

        throw new TimeoutException("The web app did not answer within 90 seconds.");
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    public static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Lifecycle.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Lifecycle.sln not found above the tool's folder.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

public sealed record ServerMeasurement(long GcHeapBytes, int Circuits, int ConnectedCircuits, long WorkingSetBytes);
