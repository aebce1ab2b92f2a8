using Bunit;
using Lifecycle.Data.Queries;
using Lifecycle.Data.Sharing;
using Lifecycle.Web.Features.Viewer;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace Lifecycle.Tests.Components;

/// <summary>Issue 10: what a signed-out visitor of a public app sees when its queries may not run.</summary>
public sealed class ReleasedAppViewTests
{
    // SPEC S6: the limit's message shows in the app, above it
    [Fact]
    public async Task A_visitor_over_the_anonymous_query_limit_reads_why_above_the_app()
    {
        await using var harness = await ComponentHarness.CreateAsync();
        var seeded = await harness.SeedAppWithEveryStateAsync();
        var sharing = harness.Context.Services.GetRequiredService<SharingService>();
        Assert.True((await sharing.SetPublicAsync(harness.Admin, seeded.AppId, true)).IsSuccess);
        var queries = harness.Context.Services.GetRequiredService<QueryRunner>();
        var limit = harness.Context.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<SharingSettings>>().Value.AnonymousQueryRunsPerMinutePerIp;
        for (var run = 0; run < limit; run++)
        {
            Assert.True((await queries.RunReleasedAsync(null, seeded.AppId)).IsSuccess); // visitors without a known address share one count
        }

        harness.SignOut();
        harness.Context.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        var view = harness.Context.Render<ReleasedAppView>(parameters => parameters.Add(v => v.Slug, "orders"));

        await view.WaitForAssertionAsync(() => Assert.StartsWith("Too many requests from your address", view.Find("[data-testid=queries-unavailable]").TextContent.Trim()));
        Assert.Equal("v2", view.Find("[data-testid=released-app]").GetAttribute("data-version"));
    }
}
