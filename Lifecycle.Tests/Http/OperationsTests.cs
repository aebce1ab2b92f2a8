using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Lifecycle.Tests.EndToEnd;
using Lifecycle.Tests.Support;
using Lifecycle.Web.Operations;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;

namespace Lifecycle.Tests.Http;

/// <summary>Decision 033: health endpoints, structured logs, telemetry when configured, a reverse proxy's forwarded headers.</summary>
[Collection(EndToEndCollection.Name)]
public sealed partial class OperationsTests
{
    [Fact]
    public async Task HealthEndpointsAnswerBeforeSetupAndSignIn()
    {
        await using var server = await AppServer.StartAsync(); // a new instance: every page leads to /setup
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = server.BaseAddress };

        using var live = await http.GetAsync("/healthz");
        using var ready = await http.GetAsync("/readyz");

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal("Healthy", await live.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Healthy", await ready.Content.ReadAsStringAsync());
        Assert.False(ready.Headers.Contains("Set-Cookie"));
        using var page = await http.GetAsync("/apps");
        Assert.Equal("/setup", page.Headers.Location?.OriginalString); // the rest of the app still steers to setup
    }

    [Theory]
    [InlineData("Production", "max-age=31536000, immutable")]
    [InlineData("Development", "no-cache")]
    public async Task FingerprintedScriptsAreCachedForAYearOutsideDevelopment(string environment, string cacheControl)
    {
        // Decision 038: a new tab takes blazor.web.js from the browser's cache instead of asking the server again
        await using var server = await AppServer.StartAsync(new Dictionary<string, string> { ["ASPNETCORE_ENVIRONMENT"] = environment });
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        var html = await http.GetStringAsync("/setup");
        var script = ScriptAddress().Match(html);
        Assert.True(script.Success, html);

        using var response = await http.GetAsync(script.Groups["path"].Value);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(cacheControl, response.Headers.CacheControl?.ToString());
    }

    [GeneratedRegex("""<script src="(?<path>_framework/blazor\.web\.[a-z0-9]+\.js)" """)]
    private static partial Regex ScriptAddress();

    [Fact]
    public async Task ReadinessFailsWhileAMigrationIsNotApplied()
    {
        var file = Path.Combine(Path.GetTempPath(), $"lifecycle-ready-{Guid.NewGuid():N}.db");
        try
        {
            await using var server = await AppServer.StartOnAsync(file, file + "-keys", new Dictionary<string, string>());
            using var http = new HttpClient { BaseAddress = server.BaseAddress };
            await using (var connection = new SqliteConnection($"Data Source={file}"))
            {
                await connection.OpenAsync();
                await using var forget = connection.CreateCommand();
                forget.CommandText = """DELETE FROM "__EFMigrationsHistory" WHERE "MigrationId" = (SELECT MAX("MigrationId") FROM "__EFMigrationsHistory")""";
                await forget.ExecuteNonQueryAsync();
            }

            using var ready = await http.GetAsync("/readyz");
            using var live = await http.GetAsync("/healthz");

            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
            Assert.Equal("Unhealthy", await ready.Content.ReadAsStringAsync());
            Assert.Equal(HttpStatusCode.OK, live.StatusCode); // alive all the same: restarting it would not help
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(file);
            if (Directory.Exists(file + "-keys"))
            {
                Directory.Delete(file + "-keys", recursive: true);
            }
        }
    }

    [Fact]
    public async Task LogsAreJsonLinesWithScopesWhenConfigured()
    {
        await using var server = await AppServer.StartAsync(new Dictionary<string, string>
        {
            ["Logging__Console__FormatterName"] = "json",
            ["Logging__Console__FormatterOptions__IncludeScopes"] = "true",
            ["Logging__LogLevel__Default"] = "Information",
            ["Instance__Name"] = "app-7",
        });

        var started = await Poll.UntilAsync(() => server.Output.Split(Environment.NewLine).FirstOrDefault(line => line.Contains("Lifecycle is running")), TimeSpan.FromSeconds(10));

        using var entry = JsonDocument.Parse(started);
        Assert.Equal("Information", entry.RootElement.GetProperty("LogLevel").GetString());
        Assert.StartsWith("app-7-", entry.RootElement.GetProperty("State").GetProperty("Instance").GetString());
        Assert.Equal("Sqlite", entry.RootElement.GetProperty("State").GetProperty("Provider").GetString());
    }

    [Fact]
    public async Task TracesAndMetricsAreExportedOverOtlpWhenAnEndpointIsSet()
    {
        await using var collector = new FakeRestApi();
        await using var server = await AppServer.StartAsync(new Dictionary<string, string>
        {
            ["OpenTelemetry__Endpoint"] = collector.BaseUrl,
            ["OpenTelemetry__Protocol"] = "http/protobuf",
            ["OTEL_BSP_SCHEDULE_DELAY"] = "200",
            ["OTEL_METRIC_EXPORT_INTERVAL"] = "500",
        });
        using var http = new HttpClient { BaseAddress = server.BaseAddress };

        await Poll.UntilAsync(async () =>
        {
            using var _ = await http.GetAsync("/setup"); // requests keep coming until their spans and metrics arrive
            var paths = collector.Requests.Select(r => r.Path).ToList();
            return paths.Contains("/v1/traces") && paths.Contains("/v1/metrics") ? paths : null;
        }, TimeSpan.FromSeconds(20));
    }

    [Fact]
    public void TelemetryIsOffUnlessAnEndpointIsSet()
    {
        var instance = new Lifecycle.Data.Instances.ThisInstance("test");
        var off = new ServiceCollection().AddLifecycleTelemetry(new ConfigurationBuilder().Build(), instance);
        var on = new ServiceCollection().AddLifecycleTelemetry(
            new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [Telemetry.StandardEndpointVariable] = "http://127.0.0.1:4317" }).Build(), instance);

        Assert.DoesNotContain(off, d => d.ServiceType == typeof(TracerProvider));
        Assert.Contains(on, d => d.ServiceType == typeof(TracerProvider));
    }

    [Fact]
    public async Task BehindAListedProxyTheSignInLimitCountsTheForwardedAddress()
    {
        // Decision 033: behind the proxy, the per-address limit of sign-in posts (issue 4) still tells browsers apart
        await using var server = await AppServer.StartAsync(new Dictionary<string, string>
        {
            ["ForwardedHeaders__KnownProxies"] = "127.0.0.1",
            ["SignIn__AttemptsPerMinutePerIp"] = "2",
        });
        using (var setup = new AppClient(server))
        {
            await setup.SetUpAsync("admin@example.com", TestWorkspace.Password); // before setup, every post leads to /setup
        }

        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = server.BaseAddress };

        var first = await PostSignInFromAsync(http, "203.0.113.7");
        var second = await PostSignInFromAsync(http, "203.0.113.7");
        var third = await PostSignInFromAsync(http, "203.0.113.7");
        var otherBrowser = await PostSignInFromAsync(http, "198.51.100.9");

        Assert.NotEqual(HttpStatusCode.TooManyRequests, first);
        Assert.NotEqual(HttpStatusCode.TooManyRequests, second);
        Assert.Equal(HttpStatusCode.TooManyRequests, third);
        Assert.NotEqual(HttpStatusCode.TooManyRequests, otherBrowser);
    }

    private static async Task<HttpStatusCode> PostSignInFromAsync(HttpClient http, string browserAddress)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/Account/Login") { Content = new FormUrlEncodedContent([]) };
        request.Headers.Add("X-Forwarded-For", browserAddress);
        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }
}
