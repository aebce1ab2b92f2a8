using Lifecycle.Data.Constants;
using Lifecycle.Data.Definitions;
using Lifecycle.Data.Environments;
using Lifecycle.Data.GitSync;
using Lifecycle.Data.Releases;
using Lifecycle.Data.Versions;
using Lifecycle.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Lifecycle.Tests.Integration.GitSync;

/// <summary>Issue 11 "Pull, backup, multi-instance" and export/import, each instance with its own database.</summary>
public sealed class GitSyncPullTests
{
    [Fact]
    public async Task G4_G5_AVersionSavedOnOneInstanceIsPulledPromotedAndReleasedOnAnother()
    {
        // SPEC G4, G5
        using var git = new GitRepositories();
        var bare = git.CreateBare();
        await using var development = await GitSyncInstance.StartAsync();
        await using var production = await GitSyncInstance.StartAsync();
        await development.ConnectAsync(GitSyncInstance.LocalConnection(bare));
        await production.ConnectAsync(GitSyncInstance.LocalConnection(bare));
        var orders = await GitSyncArrange.OrdersAsync(development.Workspace);
        ResultAssert.Ok(await development.Workspace.Versions.SaveAsync(development.Admin, orders.V2, "Ready"));
        ResultAssert.Ok(await development.Workspace.Promotions.PromoteAsync(development.Admin, orders.V2, DeploymentEnvironment.Staging));
        await development.RunGitWorkAsync();

        ResultAssert.Ok(await production.GitSync.RequestFetchAsync(production.Admin));
        await production.RunGitWorkAsync();
        var listing = ResultAssert.Ok(await production.GitSync.ListPullableAsync(production.Admin));
        Assert.Equal([("orders", "v2", DeploymentEnvironment.Staging, PullStatus.Missing, false)], listing.Versions.Select(v => (v.Slug, v.Version, v.Environment, v.Status, v.AppExists)));

        ResultAssert.Ok(await production.GitSync.RequestPullAsync(production.Admin, [("orders", "v2")]));
        await production.RunGitWorkAsync();
        var pulled = (await production.JobsAsync())[0];
        Assert.True(pulled.State == GitSyncJobState.Succeeded, pulled.Outcome);
        Assert.Contains("secret constant API_KEY has no value", pulled.Outcome, StringComparison.OrdinalIgnoreCase);

        // The data source and constants came without secrets; the version keeps its environment where values allow it.
        var app = ResultAssert.Ok(await production.Workspace.Apps.FindBySlugAsync(production.Admin, "orders"));
        var v2 = ResultAssert.Ok(await production.Workspace.Versions.ListAsync(production.Admin, app.Id)).Single();
        Assert.Equal(("v2", DisplayedVersionState.Saved, DeploymentEnvironment.Staging, "Ready"), (v2.Name, v2.State, v2.Environment, v2.Description));
        Assert.Equal(PullStatus.Present, ResultAssert.Ok(await production.GitSync.ListPullableAsync(production.Admin)).Versions.Single().Status);

        ResultAssert.Ok(await production.Workspace.Promotions.PromoteAsync(production.Admin, v2.Id, DeploymentEnvironment.Production));
        ResultAssert.Ok(await production.Workspace.Releases.ReleaseAsync(production.Admin, v2.Id, "Live"));
        await production.RunGitWorkAsync();
        Assert.All(await production.JobsAsync(), job => Assert.True(job.State == GitSyncJobState.Succeeded, job.Outcome));
        var appFile = GitSyncJson.Read<RepositoryFiles.AppFile>(File.ReadAllText(Path.Combine(git.Clone(bare), "orders/app.json")));
        Assert.Equal(("v2", DeploymentEnvironment.Production), (appFile.ReleasedVersion, appFile.Versions["v2"].Environment));

        // The development instance writes again: it does not move the version back nor drop production's release.
        ResultAssert.Ok(await development.GitSync.RequestCommitAsync(development.Admin, "Development again"));
        await development.RunGitWorkAsync();
        appFile = GitSyncJson.Read<RepositoryFiles.AppFile>(File.ReadAllText(Path.Combine(git.Clone(bare), "orders/app.json")));
        Assert.Equal(("v2", DeploymentEnvironment.Production, "Live"), (appFile.ReleasedVersion, appFile.Versions["v2"].Environment, appFile.Releases.Single().Notes));
    }

    [Fact]
    public async Task G4_ANameClashIsReportedAndNotOverwritten()
    {
        // SPEC G4
        using var git = new GitRepositories();
        var bare = git.CreateBare();
        await using var first = await GitSyncInstance.StartAsync();
        await using var second = await GitSyncInstance.StartAsync();
        await first.ConnectAsync(GitSyncInstance.LocalConnection(bare));
        var orders = await GitSyncArrange.OrdersAsync(first.Workspace);
        ResultAssert.Ok(await first.Workspace.Versions.SaveAsync(first.Admin, orders.V2, null));
        await first.RunGitWorkAsync();

        // The second instance has its own "orders" with a different v2.
        await second.ConnectAsync(GitSyncInstance.LocalConnection(bare, autoCommit: false));
        await GitSyncArrange.AddValuesAsync(second.Workspace);
        var own = await second.Workspace.CreateAppAsync(second.Admin, "Orders");
        var ownV2 = await second.Workspace.CreateSavedVersionAsync(second.Admin, own.Id, "v2", await second.Workspace.FirstVersionIdAsync(own.Id));
        var before = (await second.Workspace.VersionRowAsync(ownV2)).DefinitionHash;

        ResultAssert.Ok(await second.GitSync.RequestFetchAsync(second.Admin));
        await second.RunGitWorkAsync();
        Assert.Equal(PullStatus.Clash, ResultAssert.Ok(await second.GitSync.ListPullableAsync(second.Admin)).Versions.Single().Status);
        ResultAssert.Ok(await second.GitSync.RequestPullAsync(second.Admin, [("orders", "v2")]));
        await second.RunGitWorkAsync();

        Assert.Contains("Not overwritten: orders v2", (await second.JobsAsync())[0].Outcome);
        Assert.Equal(before, (await second.Workspace.VersionRowAsync(ownV2)).DefinitionHash);

        // And the other way: committing the second instance's v2 leaves the repository's v2 alone.
        ResultAssert.Ok(await second.GitSync.RequestCommitAsync(second.Admin, "Second instance"));
        await second.RunGitWorkAsync();
        Assert.Contains("Not overwritten: orders v2", (await second.JobsAsync())[0].Outcome);
        var recorded = GitSyncJson.Read<RepositoryFiles.VersionFile>(File.ReadAllText(Path.Combine(git.Clone(bare), "orders/versions/v2/version.json")));
        Assert.Equal((await first.Workspace.VersionRowAsync(orders.V2)).DefinitionHash, recorded.DefinitionHash);
    }

    [Fact]
    public async Task G4_G5_AVersionRecordedWithTheHashOfItsWholeJsonIsTheSameVersion()
    {
        // Decision 018: version.json files written before definitions were trees hold another kind of hash; the content decides
        using var git = new GitRepositories();
        var bare = git.CreateBare();
        await using var instance = await GitSyncInstance.StartAsync();
        await instance.ConnectAsync(GitSyncInstance.LocalConnection(bare));
        var orders = await GitSyncArrange.OrdersAsync(instance.Workspace);
        ResultAssert.Ok(await instance.Workspace.Versions.SaveAsync(instance.Admin, orders.V2, null));
        await instance.RunGitWorkAsync();
        const string path = "orders/versions/v2/version.json";
        var written = GitSyncJson.Read<RepositoryFiles.VersionFile>(File.ReadAllText(Path.Combine(git.Clone(bare), path)));
        Assert.Equal((await instance.Workspace.VersionRowAsync(orders.V2)).DefinitionHash, written.DefinitionHash); // the root's hash
        var definition = ResultAssert.Ok(await instance.Workspace.Versions.GetAsync(instance.Admin, orders.V2)).Definition;
        git.PushForeignCommit(bare, path, GitSyncJson.Write(written with { DefinitionHash = DefinitionJson.Hash(DefinitionJson.Serialize(definition)) }));

        ResultAssert.Ok(await instance.GitSync.RequestFetchAsync(instance.Admin));
        await instance.RunGitWorkAsync();
        Assert.Equal(PullStatus.Present, ResultAssert.Ok(await instance.GitSync.ListPullableAsync(instance.Admin)).Versions.Single().Status);
        ResultAssert.Ok(await instance.GitSync.RequestCommitAsync(instance.Admin, "After the upgrade"));
        await instance.RunGitWorkAsync();

        var committed = (await instance.JobsAsync())[0];
        Assert.True(committed.State == GitSyncJobState.Succeeded, committed.Outcome);
        Assert.DoesNotContain("Not overwritten", committed.Outcome);
        Assert.Equal(GitSyncJson.Write(written), File.ReadAllText(Path.Combine(git.Clone(bare), path))); // rewritten with the root's hash
    }

    [Fact]
    public async Task G6_AFreshInstanceRestoresAppsVersionsDefinitionsAndReleaseHistory()
    {
        // SPEC G6
        using var git = new GitRepositories();
        var bare = git.CreateBare();
        await using var original = await GitSyncInstance.StartAsync();
        await original.ConnectAsync(GitSyncInstance.LocalConnection(bare));
        var orders = await GitSyncArrange.OrdersAsync(original.Workspace);
        var workspace = original.Workspace;
        await workspace.SaveAndReleaseAsync(orders.V2);
        var v3 = (await workspace.CreateVersionAsync(workspace.Admin, orders.AppId, "v3 final", orders.V2)).Id;
        await GitSyncArrange.EditAsync(workspace, v3, "Archive");
        await workspace.SaveAndReleaseAsync(v3);
        ResultAssert.Ok(await workspace.Releases.RollbackAsync(workspace.Admin, orders.V2, "Back to v2"));
        var billing = await workspace.CreateAppAsync(workspace.Admin, "Billing");
        await workspace.CreateSavedVersionAsync(workspace.Admin, billing.Id, "b1", await workspace.FirstVersionIdAsync(billing.Id));
        await original.RunGitWorkAsync();
        Assert.All(await original.JobsAsync(), job => Assert.True(job.State == GitSyncJobState.Succeeded, job.Outcome));

        await using var fresh = await GitSyncInstance.StartAsync();
        await fresh.ConnectAsync(GitSyncInstance.LocalConnection(bare, autoCommit: false));
        // Secrets are not in git: the admin sets them on the fresh instance, as after any restore.
        ResultAssert.Ok(await fresh.GitSync.RequestRestoreAsync(fresh.Admin));
        await fresh.RunGitWorkAsync();
        var restore = (await fresh.JobsAsync())[0];
        Assert.True(restore.State == GitSyncJobState.Succeeded, restore.Outcome);

        Assert.Equal(await SavedStateAsync(original.Workspace), await SavedStateAsync(fresh.Workspace));
        Assert.Equal(await HistoryAsync(original.Workspace), await HistoryAsync(fresh.Workspace));
        Assert.Equal(["API_KEY", "GREETING"], (await fresh.Workspace.Get<ConstantService>().ListAsync(fresh.Admin)).Value!.Select(c => c.Name));
    }

    /// <summary>Apps, saved versions (with definition hashes) and the released pointer, by names: ids differ between instances.</summary>
    private static async Task<string> SavedStateAsync(TestWorkspace workspace)
    {
        await using var db = await workspace.DbAsync();
        var apps = await db.Apps.AsNoTracking().OrderBy(a => a.Slug).ToListAsync();
        var versions = await db.Versions.AsNoTracking().Where(v => v.State == VersionState.Saved).ToListAsync();
        return string.Join("\n", apps.SelectMany(app => versions.Where(v => v.AppId == app.Id).OrderBy(v => v.Name).Select(v =>
            $"{app.Name}|{app.Slug}|{v.Name}|{v.Environment}|{v.Description}|{v.SavedByName}|{v.SavedAtUtc:O}|{versions.FirstOrDefault(p => p.Id == v.ParentVersionId)?.Name}|{v.DefinitionHash}|{(app.ReleasedVersionId == v.Id ? "released" : "")}")));
    }

    private static async Task<string> HistoryAsync(TestWorkspace workspace)
    {
        await using var db = await workspace.DbAsync();
        var rows = await db.Releases.AsNoTracking().OrderBy(r => r.Id).ToListAsync();
        return string.Join("\n", rows.Select(r => $"{r.VersionName}|{r.Environment}|{r.Kind}|{r.ActorName}|{r.AtUtc:O}|{r.Notes}"));
    }

    [Fact]
    public async Task ExportThenImportRoundTripsAppVersionsAndValuesAndAsksForSecrets()
    {
        // Issue 11 export/import; SPEC E5: no secret value in the file
        await using var source = await GitSyncInstance.StartAsync();
        var orders = await GitSyncArrange.OrdersAsync(source.Workspace);
        await source.Workspace.SaveAndReleaseAsync(orders.V2);
        var exported = ResultAssert.Ok(await source.Transfer.ExportAsync(source.Admin, orders.AppId, null));
        Assert.Equal("orders.lifecycle.json", exported.FileName);
        Assert.DoesNotContain(GitSyncArrange.SecretConstantValue, exported.Text);
        Assert.DoesNotContain(GitSyncArrange.BearerTokenValue, exported.Text);
        Assert.DoesNotContain(GitSyncArrange.SecretHeaderValue, exported.Text);
        ResultAssert.Failed(Lifecycle.Data.Common.ResultStatus.Invalid, await source.Transfer.ExportAsync(source.Admin, orders.AppId, orders.V1), "version");

        await using var target = await GitSyncInstance.StartAsync();
        var preview = ResultAssert.Ok(await target.Transfer.PreviewImportAsync(target.Admin, exported.Text));
        Assert.Equal(("Orders", "orders", false, "v2"), (preview.Name, preview.Slug, preview.AppExists, string.Join(",", preview.NewVersions)));
        Assert.Contains(preview.Secrets, s => s.Label == "API_KEY in Production");
        Assert.Contains(preview.Secrets, s => s.Label == "Bearer token of stock in Production");

        var given = preview.Secrets.ToDictionary(s => s.Key, s => "typed-" + s.Label);
        ResultAssert.Ok(await target.Transfer.ImportAsync(target.Admin, exported.Text, new SecretValues(given)));
        var app = ResultAssert.Ok(await target.Workspace.Apps.FindBySlugAsync(target.Admin, "orders"));
        var v2 = ResultAssert.Ok(await target.Workspace.Versions.ListAsync(target.Admin, app.Id)).Single();
        Assert.Equal(DeploymentEnvironment.Production, v2.Environment);
        Assert.Equal((await source.Workspace.VersionRowAsync(orders.V2)).DefinitionHash, (await target.Workspace.VersionRowAsync(v2.Id)).DefinitionHash);
        await using (var db = await target.Workspace.DbAsync())
        {
            var apiKey = await db.Constants.AsNoTracking().SingleAsync(c => c.Name == "API_KEY");
            var stored = apiKey.Values.Single(v => v.Environment == DeploymentEnvironment.Production).StoredValue;
            Assert.Equal("typed-API_KEY in Production", target.Workspace.Get<SecretProtector>().Unprotect(stored)); // stored encrypted
        }

        // Importing again adds nothing and overwrites nothing; the same version is recognised as present.
        var again = ResultAssert.Ok(await target.Transfer.ImportAsync(target.Admin, exported.Text, SecretValues.None));
        Assert.Contains("Nothing new was imported.", again);
        ResultAssert.Failed(Lifecycle.Data.Common.ResultStatus.Invalid, await target.Transfer.ImportAsync(target.Admin, "{\"format\":\"other\"}", SecretValues.None), "file");
    }
}
