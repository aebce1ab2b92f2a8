using Lifecycle.Data.Access;
using Lifecycle.Data.Apps;
using Lifecycle.Data.Common;
using Lifecycle.Data.Environments;
using Lifecycle.Data.Releases;
using Lifecycle.Data.Sharing;
using Lifecycle.Tests.Support;
using static Lifecycle.Tests.Support.VersionBuilder;

namespace Lifecycle.Tests.Domain;

/// <summary>Issue 10: the rules of sharing that live in entities and rule tables, without a database.</summary>
public sealed class SharingRulesTests
{
    private static App AnApp() => new("Orders", "orders", "user-ann", Noon);

    private static App AReleasedApp()
    {
        var app = AnApp();
        ResultAssert.Ok(app.Release(AProductionVersion().Build(), ReleaseKind.Release, false, "user-ann", "Ann", Noon, null));
        return app;
    }

    [Theory]
    [InlineData(null)]
    [InlineData("ab")]
    [InlineData("Orders")]
    [InlineData("-orders")]
    [InlineData("orders-")]
    [InlineData("new orders")]
    [InlineData("orders")] // where it is already
    public void S1_ABadOrUnchangedSlugIsRefusedNextToTheFieldAndTheAppStaysWhereItIs(string? slug)
    {
        // SPEC S1
        var app = AnApp();

        ResultAssert.Failed(ResultStatus.Invalid, app.ChangeSlug(slug, Noon), "slug");
        Assert.Equal("orders", app.Slug);
    }

    [Fact]
    public void S1_ChangingTheSlugLeavesARedirectFromTheOldAddressToTheApp()
    {
        // SPEC S1
        var app = AnApp();

        var redirect = ResultAssert.Ok(app.ChangeSlug("  shop-orders ", Noon));

        Assert.Equal("shop-orders", app.Slug);
        Assert.Equal(("orders", app.Id, Noon), (redirect.OldSlug, redirect.AppId, redirect.RetiredAtUtc));
        Assert.Equal(Noon - SlugRedirect.Lifetime, SlugRedirect.LiveSince(Noon));
    }

    [Fact]
    public void S2_AnAppCanBeMadePublicOnlyOnceItIsReleasedAndPrivateAgainAtAnyTime()
    {
        // SPEC S2
        var unreleased = AnApp();
        ResultAssert.Failed(ResultStatus.Invalid, unreleased.MakePublic(), "visibility");
        Assert.False(unreleased.IsPublic);

        var released = AReleasedApp();
        ResultAssert.Ok(released.MakePublic());
        Assert.True(released.IsPublic);
        released.MakePrivate();
        Assert.False(released.IsPublic);
    }

    [Fact]
    public void S5_MaintenanceModeStartsAndEnds()
    {
        // SPEC S5
        var app = AReleasedApp();

        app.StartMaintenance();
        Assert.True(app.InMaintenance);
        app.EndMaintenance();
        Assert.False(app.InMaintenance);
    }

    [Theory]
    [InlineData("https://intranet.example.com", "https://intranet.example.com")]
    [InlineData(" HTTPS://Intranet.Example.COM/ ", "https://intranet.example.com")]
    [InlineData("https://intranet.example.com:443", "https://intranet.example.com")]
    [InlineData("http://127.0.0.1:8080", "http://127.0.0.1:8080")]
    [InlineData("http://[::1]:8080/", "http://[::1]:8080")]
    [InlineData("https://bücher.example", "https://xn--bcher-kva.example")]
    public void S3_AnEmbeddingOriginIsKeptAsTheHeaderNamesIt(string typed, string stored)
    {
        // SPEC S3
        Assert.Equal(stored, ResultAssert.Ok(EmbeddingOrigin.Normalize(typed)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("intranet.example.com")]
    [InlineData("*")]
    [InlineData("https://*.example.com")]
    [InlineData("'self'")]
    [InlineData("ftp://files.example.com")]
    [InlineData("javascript:alert(1)")]
    [InlineData("https://intranet.example.com/apps")]
    [InlineData("https://intranet.example.com/?a=b")]
    [InlineData("https://intranet.example.com/#top")]
    [InlineData("https://user:secret@intranet.example.com")]
    [InlineData("https://intranet.example.com https://evil.example")]
    [InlineData("https://intranet.example.com;script-src *")]
    public void S3_AnythingButAnOriginIsRefusedNextToTheField(string typed)
    {
        // SPEC S3: the value goes into a header, so it is refused rather than cut to size
        ResultAssert.Failed(ResultStatus.Invalid, EmbeddingOrigin.Normalize(typed), "origin");
    }

    public static TheoryData<Permission, DeploymentEnvironment[]> EnvironmentsByRight => new()
    {
        { Permission.EditApp, [DeploymentEnvironment.Development, DeploymentEnvironment.Staging] },
        { Permission.PromoteToStaging, [DeploymentEnvironment.Development, DeploymentEnvironment.Staging] },
        { Permission.PromoteToProduction, [DeploymentEnvironment.Staging, DeploymentEnvironment.Production] },
        { Permission.ReleaseApp, [DeploymentEnvironment.Production] },
        { Permission.ViewApp, [] },
    };

    [Theory]
    [MemberData(nameof(EnvironmentsByRight))]
    public void S4_EachRightPreviewsWithTheEnvironmentsItActsIn(Permission right, DeploymentEnvironment[] environments)
    {
        // SPEC S4, decision 027: a version in staging, previewed by a holder of one right on app 7
        var rights = new UserRights(false, [(right, 7)]);

        var allowed = PreviewAccess.EnvironmentsFor(rights, 7, DeploymentEnvironment.Staging);

        // Its own environment (staging) comes with any right that opens versions, as in the editor.
        IEnumerable<DeploymentEnvironment> expected = right == Permission.ViewApp ? environments : environments.Append(DeploymentEnvironment.Staging).Distinct().Order();
        Assert.Equal(expected, allowed);
        Assert.Empty(PreviewAccess.EnvironmentsFor(rights, 8, DeploymentEnvironment.Staging)); // another app
    }
}
