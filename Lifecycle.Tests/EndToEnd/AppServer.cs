using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Lifecycle.Data.Persistence;
using Microsoft.Data.Sqlite;

namespace Lifecycle.Tests.EndToEnd;

/// <summary>
/// The real app, built by this test project's build, run as a child process on 127.0.0.1 with a temporary
/// SQLite database (or a database the test gives it), exactly as `dotnet Lifecycle.Web.dll` runs it.
/// </summary>
public sealed class AppServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string? _databasePath;
    private readonly bool _ownsDatabase;
    private readonly List<string> _output = [];

    private AppServer(Process process, string? databasePath, bool ownsDatabase, Uri baseAddress)
    {
        _process = process;
        _databasePath = databasePath;
        _ownsDatabase = ownsDatabase;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return string.Join(Environment.NewLine, _output);
            }
        }
    }

    /// <summary>A new instance on a fresh database, which it deletes when disposed.</summary>
    /// <param name="settings">Configuration on top of the test defaults, as environment variables (<c>SignIn__MaxFailedAttempts</c>).</param>
    /// <param name="certificatePath">A PFX file (no password) to serve HTTPS with, instead of HTTP.</param>
    public static Task<AppServer> StartAsync(IReadOnlyDictionary<string, string>? settings = null, string? certificatePath = null)
    {
        var file = Path.Combine(Path.GetTempPath(), $"lifecycle-e2e-{Guid.NewGuid():N}.db");
        return StartAsync(DatabaseSettings.Sqlite($"Data Source={file}"), file, file + "-keys", ownsDatabase: true, settings, certificatePath);
    }

    /// <summary>
    /// An instance serving a database the test arranged through the use cases (<c>TestWorkspace</c>), which keeps owning
    /// it; <paramref name="settings"/> override configuration (e.g. <c>SignIn__AttemptsPerMinutePerIp</c>).
    /// </summary>
    public static Task<AppServer> StartOnAsync(string databasePath, string keysDirectory, IReadOnlyDictionary<string, string> settings, string? certificatePath = null) =>
        StartAsync(DatabaseSettings.Sqlite($"Data Source={databasePath}"), databasePath, keysDirectory, ownsDatabase: false, settings, certificatePath);

    /// <summary>
    /// An instance on a database the test owns, e.g. one of several instances on one PostgreSQL database (decision 030);
    /// <paramref name="keysDirectory"/> matters on SQLite only (on PostgreSQL the keys are in the database).
    /// </summary>
    public static Task<AppServer> StartOnAsync(DatabaseSettings database, string keysDirectory, IReadOnlyDictionary<string, string> settings) =>
        StartAsync(database, null, keysDirectory, ownsDatabase: false, settings, certificatePath: null);

    private static async Task<AppServer> StartAsync(DatabaseSettings database, string? databasePath, string keysDirectory, bool ownsDatabase, IReadOnlyDictionary<string, string>? settings, string? certificatePath)
    {
        var repositoryRoot = RepositoryRoot();
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}") ? "Release" : "Debug";
        var webDll = Path.Combine(repositoryRoot, "Lifecycle.Web", "bin", configuration, "net10.0", "Lifecycle.Web.dll");
        var port = FreePort();
        var baseAddress = new Uri($"{(certificatePath is null ? "http" : "https")}://127.0.0.1:{port}");

        var start = new ProcessStartInfo("dotnet", [webDll, "--urls", baseAddress.ToString().TrimEnd('/')])
        {
            WorkingDirectory = repositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["Database__Provider"] = database.Provider.ToString();
        start.Environment["ConnectionStrings__Lifecycle"] = database.ConnectionString;
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["DataProtection__KeysDirectory"] = keysDirectory;
        start.Environment["Queries__AllowPrivateNetworks"] = "true"; // the tests' stand-in REST API listens on 127.0.0.1
        if (certificatePath is not null)
        {
            start.Environment["Kestrel__Certificates__Default__Path"] = certificatePath;
        }

        foreach (var (name, value) in settings ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the app.");
        var server = new AppServer(process, databasePath, ownsDatabase, baseAddress);
        process.OutputDataReceived += (_, e) => server.Record(e.Data);
        process.ErrorDataReceived += (_, e) => server.Record(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await server.WaitUntilAnsweringAsync();
        return server;
    }

    private void Record(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.Add(line);
        }
    }

    private async Task WaitUntilAnsweringAsync()
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator });
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The app exited at start:{Environment.NewLine}{Output}");
            }

            try
            {
                // Ready: the database answers and every migration is applied (decision 033).
                using var response = await http.GetAsync(new Uri(BaseAddress, "/readyz"));
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"The app was not ready within 60 seconds:{Environment.NewLine}{Output}");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        if (!_ownsDatabase || _databasePath is null)
        {
            return;
        }

        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _databasePath, _databasePath + "-shm", _databasePath + "-wal" })
        {
            File.Delete(file);
        }

        if (Directory.Exists(_databasePath + "-keys"))
        {
            Directory.Delete(_databasePath + "-keys", recursive: true);
        }
    }

    internal static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Lifecycle.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Lifecycle.sln not found above the test output folder.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
