using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Lifecycle.Data.Persistence;

namespace Lifecycle.Load.Hosting;

/// <summary>
/// One instance of the built app (<c>dotnet Lifecycle.Web.dll</c>, working directory the repository root, as README says to run
/// it) in the Production environment on 127.0.0.1, with the memory endpoint on (<c>Diagnostics:MemoryEndpoint</c>) and the
/// per-address sign-in limit raised: every simulated user signs in from 127.0.0.1.
/// </summary>
public sealed class AppInstance : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<string> _output = [];

    private AppInstance(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public int ProcessId => _process.Id;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return string.Join(Environment.NewLine, _output.TakeLast(200));
            }
        }
    }

    public static async Task<AppInstance> StartAsync(string repositoryRoot, string configuration, DatabaseSettings database, string workDirectory,
        string name, IReadOnlyDictionary<string, string>? settings = null)
    {
        var webDll = Path.Combine(repositoryRoot, "Lifecycle.Web", "bin", configuration, "net10.0", "Lifecycle.Web.dll");
        if (!File.Exists(webDll))
        {
            throw new InvalidOperationException($"{webDll} is missing: build first (dotnet build Lifecycle.sln -c {configuration}).");
        }

        var baseAddress = new Uri($"http://127.0.0.1:{FreePort()}");
        var start = new ProcessStartInfo("dotnet", [webDll, "--urls", baseAddress.ToString().TrimEnd('/')])
        {
            WorkingDirectory = repositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Database__Provider"] = database.Provider.ToString(),
            ["ConnectionStrings__Lifecycle"] = database.ConnectionString,
            ["DataProtection__KeysDirectory"] = Path.Combine(workDirectory, "keys"),
            ["GitSync__WorkDirectory"] = Path.Combine(workDirectory, $"gitsync-{name}"),
            ["Instance__Name"] = name,
            ["Logging__LogLevel__Default"] = "Warning",
            ["SignIn__AttemptsPerMinutePerIp"] = "100000",
            ["Diagnostics__MemoryEndpoint"] = "true",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the app.");
        var instance = new AppInstance(process, baseAddress);
        process.OutputDataReceived += (_, e) => instance.Record(e.Data);
        process.ErrorDataReceived += (_, e) => instance.Record(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await instance.WaitUntilReadyAsync();
            return instance;
        }
        catch
        {
            await instance.DisposeAsync();
            throw;
        }
    }

    private void Record(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.Add(line);
            }
        }
    }

    private async Task WaitUntilReadyAsync()
    {
        using var http = new HttpClient();
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The app exited at start:{Environment.NewLine}{Output}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri(BaseAddress, "/readyz"));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"The app was not ready within 120 seconds:{Environment.NewLine}{Output}");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
