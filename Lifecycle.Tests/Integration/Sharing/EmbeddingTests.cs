using Lifecycle.Data.Audit;
using Lifecycle.Data.Common;
using Lifecycle.Data.Sharing;
using Lifecycle.Tests.Support;

namespace Lifecycle.Tests.Integration.Sharing;

/// <summary>SPEC S3 (decision 029): the sites admins list may frame public apps; private apps only when admins allow it.</summary>
public sealed class EmbeddingTests
{
    [Fact]
    public async Task S3_ListedSitesMayFramePublicAppsOnly()
    {
        // SPEC S3
        await using var workspace = await TestWorkspace.StartAsync();
        await workspace.AddStockSourceAsync();
        var (orders, _) = await workspace.ReleasedAppAsync("Orders", "orders");
        await workspace.ReleasedAppAsync("Private", "private");
        var embedding = workspace.Get<EmbeddingService>();
        Assert.Empty(await embedding.FramingAsync("orders"));

        ResultAssert.Ok(await embedding.AddOriginAsync(workspace.Admin, "https://intranet.example.com/"));
        ResultAssert.Ok(await embedding.AddOriginAsync(workspace.Admin, "http://127.0.0.1:8080"));
        Assert.Empty(await embedding.FramingAsync("orders")); // private until made public
        await workspace.MakePublicAsync(orders);

        Assert.Equal(["http://127.0.0.1:8080", "https://intranet.example.com"], (await embedding.FramingAsync("orders")).Order());
        Assert.Empty(await embedding.FramingAsync("private"));
        Assert.Empty(await embedding.FramingAsync("no-such-app"));

        ResultAssert.Ok(await embedding.SetPrivateAppsAsync(workspace.Admin, true));
        Assert.True(await embedding.PrivateAppsEmbeddableAsync());
        Assert.Equal(2, (await embedding.FramingAsync("private")).Count);
    }

    [Fact]
    public async Task S3_AnOriginIsRefusedNextToTheFieldWhenItIsNotOneOrListedAlready()
    {
        // SPEC S3
        await using var workspace = await TestWorkspace.StartAsync();
        var embedding = workspace.Get<EmbeddingService>();
        ResultAssert.Ok(await embedding.AddOriginAsync(workspace.Admin, "https://intranet.example.com"));

        ResultAssert.Failed(ResultStatus.Invalid, await embedding.AddOriginAsync(workspace.Admin, "HTTPS://INTRANET.example.com:443"), "origin");
        ResultAssert.Failed(ResultStatus.Invalid, await embedding.AddOriginAsync(workspace.Admin, "https://*.example.com"), "origin");

        var view = ResultAssert.Ok(await embedding.GetAsync(workspace.Admin));
        var only = Assert.Single(view.Origins);
        Assert.Equal(("https://intranet.example.com", "Ada Admin"), (only.Origin, only.AddedByName));
        Assert.False(view.AllowPrivateApps);
    }

    [Fact]
    public async Task S3_EveryChangeOfEmbeddingIsAuditedAndNonAdminsAreRefused()
    {
        // SPEC S3, A4, decision 029
        await using var workspace = await TestWorkspace.StartAsync();
        var embedding = workspace.Get<EmbeddingService>();
        var builder = await workspace.AddBuilderAsync("Bea Builder");
        ResultAssert.Failed(ResultStatus.Forbidden, await embedding.AddOriginAsync(builder, "https://intranet.example.com"));

        var id = ResultAssert.Ok(await embedding.AddOriginAsync(workspace.Admin, "https://intranet.example.com"));
        ResultAssert.Ok(await embedding.SetPrivateAppsAsync(workspace.Admin, true));
        ResultAssert.Ok(await embedding.RemoveOriginAsync(workspace.Admin, id));

        var entries = (await workspace.AuditEntriesAsync()).Where(e => e.Action.StartsWith("embedding.", StringComparison.Ordinal))
            .Select(e => (e.Action, e.Outcome, e.Details)).ToList();
        Assert.Equal(
            [
                (AuditActions.EmbeddingOriginAdded, AuditOutcome.Refused, EmbeddingService.AdminsOnly),
                (AuditActions.EmbeddingOriginAdded, AuditOutcome.Allowed, "Allow https://intranet.example.com to embed apps."),
                (AuditActions.EmbeddingPrivateAppsChanged, AuditOutcome.Allowed, "Private apps may be embedded."),
                (AuditActions.EmbeddingOriginRemoved, AuditOutcome.Allowed, "https://intranet.example.com may no longer embed apps."),
            ],
            entries);
    }
}
