using System.Collections.Immutable;
using Lifecycle.Data.Definitions;
using Lifecycle.Data.Environments;
using Lifecycle.Data.GitSync;
using Lifecycle.Data.Releases;
using Lifecycle.Tests.Support;

namespace Lifecycle.Tests.Domain;

/// <summary>Issue 11's repository layout and file format, SPEC G2, G3 and G5's merge rules, without git or a database.</summary>
public sealed class GitSyncLayoutTests
{
    private static readonly DateTime Noon = VersionBuilder.Noon;

    private static AppDefinition Definition(string title = "Orders") => new(
        AppDefinition.CurrentSchemaVersion,
        [
            new PageDefinition("p2", "Reports", "reports", 1, []),
            new PageDefinition("p1", "Home", "home", 0, [new ComponentDefinition("c1", "text1", ComponentType.Text, PropertyMap.Of(("text", "Hi"), ("Zeta", "z"), ("alpha", "a")), 0)]),
        ],
        [new QueryDefinition("orders", "stock", Props(("method", "GET"), ("path", "/orders"))), new QueryDefinition("archive", "stock", Props(("method", "GET")))],
        new AppSettings(title, AppTheme.Dark));

    private static ImmutableSortedDictionary<string, string> Props(params (string Key, string Value)[] pairs) =>
        pairs.ToImmutableSortedDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);

    private static AppSnapshot Orders(DeploymentEnvironment environment = DeploymentEnvironment.Production, params ReleaseLine[] releases)
    {
        var definition = Definition();
        var version = new VersionSnapshot("v2 final", "v1", "Ann", Noon, "Two pages", environment, GitSyncDefinitions.HashOf(definition), definition);
        return new AppSnapshot("Orders", "orders", releases.Length > 0 ? releases[^1].Version : null, [version], releases);
    }

    [Theory]
    [InlineData("v2", "v2")]
    [InlineData("v2 final", "v2%20final")]
    [InlineData("..", "%2E%2E")]
    [InlineData(".hidden", "%2Ehidden")]
    [InlineData("v1..2", "v1.%2E2")]
    [InlineData("release.lock", "release%2Elock")]
    [InlineData("a/b", "a%2Fb")]
    [InlineData("ünïcode", "ünïcode")]
    public void G2_NamesBecomeSafePathSegmentsAndRefComponents(string name, string segment)
    {
        // SPEC G2: a folder and a tag per version, whatever V2 allows in its name
        Assert.Equal(segment, RepositoryLayout.Segment(name));
        Assert.Equal($"orders/{segment}", RepositoryLayout.Tag("orders", name));
    }

    [Fact]
    public void G2_AnAppIsWrittenAsItsFolderAndReadBackToTheSameDefinition()
    {
        // SPEC G2, G6: the files rebuild the definition exactly (same content hash)
        var app = Orders(releases: new ReleaseLine("v2 final", DeploymentEnvironment.Production, ReleaseKind.Release, "Ann", Noon, "Go"));
        var files = RepositoryFiles.Write(app);

        Assert.Equal(
        [
            "orders/app.json", "orders/versions/v2%20final/pages/home.json", "orders/versions/v2%20final/pages/reports.json",
            "orders/versions/v2%20final/queries/archive.json", "orders/versions/v2%20final/queries/orders.json", "orders/versions/v2%20final/version.json",
        ], files.Keys);
        var (apps, problems) = RepositoryFiles.Read(files);
        Assert.Empty(problems);
        var read = Assert.Single(apps);
        Assert.Equal(("Orders", "orders", "v2 final"), (read.Name, read.Slug, read.ReleasedVersion));
        var version = Assert.Single(read.Versions);
        Assert.Equal(app.Versions[0].DefinitionHash, GitSyncDefinitions.HashOf(version.Definition));
        Assert.Equal((DeploymentEnvironment.Production, "v1", "Ann", Noon, "Two pages"), (version.Environment, version.Parent, version.SavedBy, version.SavedAtUtc, version.Description));
        Assert.Equal(app.Releases, read.Releases);
    }

    [Fact]
    public void G2_FilesArePrettyJsonWithKeysSortedAtEveryDepth()
    {
        // Issue 11: stable, pretty-printed JSON with sorted keys
        var page = RepositoryFiles.Write(Orders())["orders/versions/v2%20final/pages/home.json"];

        Assert.StartsWith("{\n  \"components\": [\n", page);
        Assert.EndsWith("}\n", page);
        Assert.True(page.IndexOf("\"Zeta\"", StringComparison.Ordinal) < page.IndexOf("\"alpha\"", StringComparison.Ordinal));
        var topLevelKeys = page.Split('\n').Where(line => line.StartsWith("  \"", StringComparison.Ordinal)).Select(line => line.Split('"')[1]);
        Assert.Equal(["components", "handle", "id", "name", "order"], topLevelKeys);
        Assert.Equal(page, RepositoryFiles.Write(Orders())["orders/versions/v2%20final/pages/home.json"]);
    }

    [Fact]
    public void G2_PromotingChangesOnlyAppJson()
    {
        // Issue 11: an unchanged version is unchanged files
        var staging = RepositoryFiles.Write(Orders(DeploymentEnvironment.Staging));
        var production = RepositoryFiles.Write(Orders(DeploymentEnvironment.Production));

        Assert.Equal(["orders/app.json"], staging.Keys.Where(path => staging[path] != production[path]));
    }

    [Fact]
    public void G5_MergingKeepsTheFurtherEnvironmentAndEveryRelease()
    {
        // SPEC G5, E2: a development instance writing after production neither moves v2 back nor drops its release
        var released = new ReleaseLine("v2 final", DeploymentEnvironment.Production, ReleaseKind.Release, "Pat", Noon.AddHours(1), null);
        var production = RepositoryFiles.AppFileOf(Orders(DeploymentEnvironment.Production, released));
        var development = RepositoryFiles.AppFileOf(Orders(DeploymentEnvironment.Development));

        var merged = RepositoryFiles.Merge(development, production);

        Assert.Equal(DeploymentEnvironment.Production, merged.Versions["v2 final"].Environment);
        Assert.Equal("v2 final", merged.ReleasedVersion);
        Assert.Equal([released], merged.Releases);
        Assert.Equal(GitSyncJson.Write(merged), GitSyncJson.Write(RepositoryFiles.Merge(merged, production))); // writing again changes nothing
    }

    [Fact]
    public void G3_CredentialHeadersAreWithheldUnlessTheyOnlyReferenceConstants()
    {
        // SPEC G3, E5
        var (headers, withheld) = SecretStripping.StripHeaders("""{"Accept":"application/json","Authorization":"Bearer abc","X-Api-Key":"{{constants.KEY}}","Cookie":"s=1","X-Auth-Token":"t {{constants.A}}"}""");

        Assert.Equal(new Dictionary<string, string> { ["Accept"] = "application/json", ["X-Api-Key"] = "{{constants.KEY}}" }, headers);
        Assert.Equal(["Authorization", "Cookie", "X-Auth-Token"], withheld);
    }

    [Fact]
    public void G3_ASecretConstantIsWrittenWithoutItsValues()
    {
        // SPEC G3, E5
        var secret = new Lifecycle.Data.Constants.WorkspaceConstant("API_KEY", isSecret: true);
        var record = SecretStripping.Strip(secret);

        Assert.True(record.Secret);
        Assert.Empty(record.Values);
        Assert.DoesNotContain("values\": {\n", WorkspaceValuesFiles.Write(new WorkspaceValuesSnapshot([], [record]))["_workspace/constants/API_KEY.json"]);
    }

    [Theory]
    [InlineData("", "main", GitCredentialKind.None, null, "repository")]
    [InlineData("https://ann:pw@git.example.com/apps.git", "main", GitCredentialKind.UsernameAndPassword, "ann", "repository")]
    [InlineData("/srv/git/apps.git", "main", GitCredentialKind.UsernameAndPassword, "ann", "repository")]
    [InlineData("ftp://git.example.com/apps.git", "main", GitCredentialKind.None, null, "repository")]
    [InlineData("/srv/git/apps.git", "../main", GitCredentialKind.None, null, "branch")]
    [InlineData("/srv/git/apps.git", "main.lock", GitCredentialKind.None, null, "branch")]
    [InlineData("https://git.example.com/apps.git", "main", GitCredentialKind.UsernameAndPassword, "", "username")]
    [InlineData("https://git.example.com/apps.git", "main", GitCredentialKind.UsernameAndPassword, "ann", "secret")]
    [InlineData("git@git.example.com:team/apps.git", "main", GitCredentialKind.SshKey, null, "secret")]
    public void G1_AConnectionIsRefusedWithTheFieldToFix(string repository, string branch, GitCredentialKind kind, string? username, string field)
    {
        // SPEC G1
        var input = new GitSyncConnectionInput(repository, branch, kind, username, null, "Bot", "bot@example.com", true);
        ResultAssert.Failed(Lifecycle.Data.Common.ResultStatus.Invalid, GitSyncSettings.Validate(input, hasStoredSecret: false), field);
    }

    [Theory]
    [InlineData("/srv/git/apps.git", GitCredentialKind.None, null)]
    [InlineData("https://git.example.com/team/apps.git", GitCredentialKind.UsernameAndPassword, "token")]
    [InlineData("ssh://git@git.example.com/team/apps.git", GitCredentialKind.SshKey, "-----BEGIN OPENSSH PRIVATE KEY-----\nx\n-----END OPENSSH PRIVATE KEY-----")]
    [InlineData("git@git.example.com:team/apps.git", GitCredentialKind.SshKey, "-----BEGIN OPENSSH PRIVATE KEY-----\nx\n-----END OPENSSH PRIVATE KEY-----")]
    public void G1_LocalPathsHttpsAndSshAddressesAreAccepted(string repository, GitCredentialKind kind, string? secret)
    {
        // SPEC G1
        var input = new GitSyncConnectionInput(repository, "release/2026", kind, kind == GitCredentialKind.UsernameAndPassword ? "ann" : null, secret, "Bot", "bot@example.com", true);
        ResultAssert.Ok(GitSyncSettings.Validate(input, hasStoredSecret: false));
    }
}
