using System.Net;
using Lifecycle.Data.Access;
using Lifecycle.Data.Audit;
using Lifecycle.Data.Common;
using Lifecycle.Data.Network;
using Lifecycle.Data.Queries;
using Lifecycle.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Lifecycle.Tests.Integration;

/// <summary>
/// SPEC Q1, Q2, issue 7: with private networks disallowed, this host's own interface and 198.18.0.1 were reachable, and
/// a query's path could leave its data source with the bearer token attached.
/// </summary>
public sealed class OutboundCallsTests
{
    private const string Token = "s3cret-token";

    /// <summary>Names that resolve where a test needs them, and this server's own addresses as a test sets them.</summary>
    private sealed class FakeHostAddresses(IReadOnlySet<IPAddress> own) : IHostAddresses
    {
        public Dictionary<string, IPAddress[]> Names { get; } = new(StringComparer.OrdinalIgnoreCase);

        public Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken) =>
            Names.TryGetValue(host, out var addresses) ? Task.FromResult(addresses) : new SystemHostAddresses().ResolveAsync(host, cancellationToken);

        public IReadOnlySet<IPAddress> OwnAddresses() => own;
    }

    [Theory]
    [InlineData("http://127.0.0.1:{port}")]
    [InlineData("http://2130706433:{port}")]      // decimal
    [InlineData("http://0177.0.0.1:{port}")]      // octal
    [InlineData("http://0x7f.0.0.1:{port}")]      // hexadecimal
    [InlineData("http://0x7f000001:{port}")]
    [InlineData("http://127.1:{port}")]
    [InlineData("http://127.0.0.1.:{port}")]      // trailing dot: resolved as a name
    [InlineData("http://localhost:{port}")]       // a name resolving to loopback
    [InlineData("http://[::1]:{port}")]
    [InlineData("http://[::ffff:127.0.0.1]:{port}")]
    [InlineData("http://[::ffff:7f00:1]:{port}")]
    [InlineData("http://[64:ff9b::7f00:1]:{port}")]
    [InlineData("http://198.18.0.1:{port}")]      // benchmarking: was reachable
    [InlineData("http://192.0.2.2:{port}")]       // TEST-NET-1, this machine's own interface: was reachable
    [InlineData("http://192.0.0.1")]
    [InlineData("http://240.0.0.1")]
    [InlineData("http://100.64.0.1")]
    [InlineData("http://[fd00::1]")]
    [InlineData("http://[fe80::1]")]
    [InlineData("http://[2001:db8::1]")]
    [InlineData("http://internal.corp.test:{port}")] // a name the fake resolver points at 10.1.2.3
    [InlineData("http://mixed.corp.test:{port}")]    // one public and one private address: refused
    public async Task Q1_SpecialPurposeAddressesAreRefusedInEveryFormAndNothingIsSent(string baseUrl)
    {
        // SPEC Q1
        await using var api = new FakeRestApi().Answer("/items", "[]");
        var hosts = new FakeHostAddresses(new HashSet<IPAddress>());
        hosts.Names["internal.corp.test"] = [IPAddress.Parse("10.1.2.3")];
        hosts.Names["mixed.corp.test"] = [IPAddress.Parse("93.184.216.34"), IPAddress.Parse("127.0.0.1")];
        await using var workspace = await TestWorkspace.StartAsync(services => services.AddSingleton<IHostAddresses>(hosts));
        await workspace.AddRestSourceAsync("stock", baseUrl.Replace("{port}", api.Port.ToString()), token: Token);
        var versionId = await workspace.AppWithQueryAsync("stock", "/items");

        var outcome = await workspace.RunQueryAsync(versionId);

        Assert.Null(outcome.Data);
        Assert.StartsWith("Refused to call", outcome.Error);
        Assert.Empty(api.Requests);
    }

    [Fact]
    public async Task Q1_EveryAddressOfThisServersOwnInterfacesIsRefused()
    {
        // SPEC Q1: the host's own addresses, whatever block they are in
        await using var workspace = await TestWorkspace.StartAsync();
        var guard = workspace.Get<OutboundAddressGuard>();
        var own = new SystemHostAddresses().OwnAddresses();
        Assert.NotEmpty(own);
        foreach (var address in own)
        {
            await Assert.ThrowsAsync<RefusedAddressException>(() => guard.ResolveAllowedAsync(address.ToString(), CancellationToken.None));
        }

        // A public address that is this server's own (a host with a public interface) is refused as well.
        var hosts = new FakeHostAddresses(new HashSet<IPAddress> { IPAddress.Parse("93.184.216.34") });
        await using var publicHost = await TestWorkspace.StartAsync(services => services.AddSingleton<IHostAddresses>(hosts));
        var refused = await Assert.ThrowsAsync<RefusedAddressException>(() => publicHost.Get<OutboundAddressGuard>().ResolveAllowedAsync("93.184.216.34", CancellationToken.None));
        Assert.Contains("an address of this server", refused.Message);
        Assert.Equal([IPAddress.Parse("8.8.8.8")], await publicHost.Get<OutboundAddressGuard>().ResolveAllowedAsync("8.8.8.8", CancellationToken.None));
    }

    [Fact]
    public async Task Q1_AnAdminsAllowlistEntryLetsCallsThroughUntilItIsRemoved()
    {
        // SPEC Q1: a team's internal API, allowed by an admin, audited
        await using var api = new FakeRestApi().Answer("/items", """[{"name":"widget"}]""");
        await using var workspace = await TestWorkspace.StartAsync();
        await workspace.AddRestSourceAsync("stock", api.BaseUrl);
        var versionId = await workspace.AppWithQueryAsync("stock", "/items");
        var allowlist = workspace.Get<OutboundAllowlistService>();
        Assert.Contains("loopback (127.0.0.0/8). An admin can allow it in the outbound allowlist.", (await workspace.RunQueryAsync(versionId)).Error);

        var entry = ResultAssert.Ok(await allowlist.AddAsync(workspace.Admin, "127.0.0.0/8", "the team's stock API"));
        Assert.Equal("widget", (await workspace.RunQueryAsync(versionId)).Data![0]!["name"]!.GetValue<string>());

        ResultAssert.Ok(await allowlist.RemoveAsync(workspace.Admin, entry));
        Assert.StartsWith("Refused to call", (await workspace.RunQueryAsync(versionId)).Error);
        Assert.Single(api.Requests);
        var audited = (await workspace.AuditEntriesAsync()).Where(e => e.Action.StartsWith("allowlist.")).ToList();
        Assert.Equal([AuditActions.AllowlistAdded, AuditActions.AllowlistRemoved], audited.Select(e => e.Action));
        Assert.Contains("127.0.0.0/8 (the team's stock API)", audited[0].Details);
    }

    [Fact]
    public async Task Q1_AHostEntryAllowsThatNameOnlyAndABlockEntryAllowsItsAddresses()
    {
        await using var workspace = await TestWorkspace.StartAsync();
        var allowlist = workspace.Get<OutboundAllowlistService>();
        var guard = workspace.Get<OutboundAddressGuard>();
        ResultAssert.Ok(await allowlist.AddAsync(workspace.Admin, "LOCALHOST.", null));
        ResultAssert.Ok(await allowlist.AddAsync(workspace.Admin, "fd00:1234::/32", null));

        Assert.NotEmpty(await guard.ResolveAllowedAsync("localhost", CancellationToken.None));
        await Assert.ThrowsAsync<RefusedAddressException>(() => guard.ResolveAllowedAsync("127.0.0.1", CancellationToken.None));
        Assert.NotEmpty(await guard.ResolveAllowedAsync("[fd00:1234::7]", CancellationToken.None));
        Assert.NotEmpty(await guard.ResolveAllowedAsync("fd00:1234:ffff::1", CancellationToken.None));
        await Assert.ThrowsAsync<RefusedAddressException>(() => guard.ResolveAllowedAsync("fd00:1235::1", CancellationToken.None));
        Assert.Equal(["fd00:1234::/32", "localhost"], ResultAssert.Ok(await allowlist.ListAsync(workspace.Admin)).Select(e => e.Value));
    }

    [Theory]
    [InlineData("0.0.0.0/0")]
    [InlineData("10.0.0.1/8")]
    [InlineData("::/0")]
    [InlineData("2000::/3")]
    [InlineData("http://api.corp.test")]
    [InlineData("api corp")]
    [InlineData("")]
    [InlineData("10.0.0.0/33")]
    public async Task Q1_EntriesThatAreNotAHostAnAddressOrANarrowBlockAreRefusedNextToTheField(string value)
    {
        await using var workspace = await TestWorkspace.StartAsync();
        ResultAssert.Failed(ResultStatus.Invalid, await workspace.Get<OutboundAllowlistService>().AddAsync(workspace.Admin, value, null), "value");
    }

    [Fact]
    public async Task Q1_OnlyAdminsChangeTheAllowlistAndDataSourceManagersMayReadIt()
    {
        // Decision 015: an entry opens the server's network to every builder's queries
        await using var workspace = await TestWorkspace.StartAsync();
        var allowlist = workspace.Get<OutboundAllowlistService>();
        var entry = ResultAssert.Ok(await allowlist.AddAsync(workspace.Admin, "api.corp.test", null));
        var manager = await workspace.AddUserAsync("Dana Sources", await workspace.CreateGroupAsync("Source managers", (Permission.ManageDataSources, null)));
        var builder = await workspace.AddBuilderAsync("Bea Builder");

        Assert.Single(ResultAssert.Ok(await allowlist.ListAsync(manager)));
        ResultAssert.Failed(ResultStatus.Forbidden, await allowlist.AddAsync(manager, "10.0.0.0/8", null));
        ResultAssert.Failed(ResultStatus.Forbidden, await allowlist.RemoveAsync(manager, entry));
        ResultAssert.Failed(ResultStatus.Forbidden, await allowlist.ListAsync(builder));
        ResultAssert.Failed(ResultStatus.Forbidden, await allowlist.AddAsync(builder, "10.0.0.0/8", null));

        Assert.Single(ResultAssert.Ok(await allowlist.ListAsync(workspace.Admin)));
        var refused = (await workspace.AuditEntriesAsync()).Where(e => e.Outcome == AuditOutcome.Refused).Select(e => (e.UserName, e.Action)).ToList();
        Assert.Contains(("Dana Sources", AuditActions.AllowlistAdded), refused);
        Assert.Contains(("Dana Sources", AuditActions.AllowlistRemoved), refused);
        Assert.Contains(("Bea Builder", AuditActions.AllowlistViewed), refused);
    }

    [Theory]
    [InlineData("../admin")]
    [InlineData("/../admin")]
    [InlineData("%2e%2e/admin")]
    [InlineData("%2e%2e%2fadmin")]
    [InlineData("..%2fadmin")]
    [InlineData(".%2e/admin")]
    [InlineData("%252e%252e%252fadmin")]   // double-encoded
    [InlineData("items/../../admin")]
    [InlineData("..\\admin")]
    [InlineData("..%5cadmin")]
    [InlineData("//127.0.0.1:{port}/admin")] // authority injection
    [InlineData("http://127.0.0.1:{port}/admin")]
    [InlineData("．．/admin")]                // full-width dots
    public async Task Q2_PathsThatLeaveTheBaseUrlAreRefusedAndNothingIsSent(string path)
    {
        // SPEC Q2: these reached /admin with the bearer token attached
        await using var api = new FakeRestApi().Answer("/admin", """{"secret":"admin data"}""").Answer("/api/v1/items", "[]");
        await using var workspace = await TestWorkspace.StartAsync(services => services.Configure<QuerySettings>(s => s.AllowPrivateNetworks = true));
        await workspace.AddRestSourceAsync("stock", api.BaseUrl + "/api/v1", token: Token);
        var versionId = await workspace.AppWithQueryAsync("stock", path.Replace("{port}", api.Port.ToString()));

        var outcome = await workspace.RunQueryAsync(versionId);

        Assert.Null(outcome.Data);
        Assert.Equal(QueryPath.LeavesBaseMessage, outcome.Error);
        Assert.Empty(api.Requests);
    }
}
