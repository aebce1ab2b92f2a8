using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Lifecycle.Tests.EndToEnd;

namespace Lifecycle.Tests.Http;

/// <summary>A throwaway self-signed certificate for lifecycle.test and 127.0.0.1, as a PFX file without a password.</summary>
public static class TestCertificate
{
    public static async Task<string> WriteAsync()
    {
        var path = Path.Combine(Path.GetTempPath(), $"lifecycle-tls-{Guid.NewGuid():N}.pfx");
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=lifecycle.test", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("lifecycle.test");
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        await File.WriteAllBytesAsync(path, certificate.Export(X509ContentType.Pfx));
        return path;
    }
}

/// <summary>The app served over HTTPS with a throwaway self-signed certificate.</summary>
public sealed class HttpsAppFixture : IAsyncLifetime
{
    private string _certificatePath = "";

    public AppServer Server { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        _certificatePath = await TestCertificate.WriteAsync();
        Server = await AppServer.StartAsync(certificatePath: _certificatePath);
    }

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        File.Delete(_certificatePath);
    }
}

/// <summary>Issue 7: over HTTPS the app sends HSTS and marks every cookie Secure.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class HttpsTests(HttpsAppFixture app) : IClassFixture<HttpsAppFixture>
{
    [Fact]
    public async Task OverHttpsTheAppSendsHstsAndSecureCookies()
    {
        using var client = new AppClient(app.Server);
        using var named = new HttpRequestMessage(HttpMethod.Get, "/setup") { Headers = { Host = "lifecycle.test" } }; // HSTS is never sent to localhost names
        using var page = await client.SendAsync(named);
        Assert.StartsWith("max-age=31536000", Assert.Single(page.Headers.GetValues("Strict-Transport-Security")));

        using var setUp = await client.SubmitAsync("/setup", new Dictionary<string, string> { ["Input.Name"] = "Ada Admin", ["Input.Email"] = "admin@example.com", ["Input.Password"] = "correct horse battery" });
        Assert.Equal(HttpStatusCode.Redirect, setUp.StatusCode);

        var cookies = client.Cookies.GetAllCookies();
        Assert.Contains(cookies, c => c.Name.StartsWith(".AspNetCore.Antiforgery", StringComparison.Ordinal));
        Assert.Contains(cookies, c => c.Name == ".AspNetCore.Identity.Application");
        Assert.All(cookies, c => Assert.True(c.Secure && c.HttpOnly, $"{c.Name} is not Secure and HttpOnly."));
    }
}
