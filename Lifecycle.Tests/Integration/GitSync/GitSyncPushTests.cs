using System.Text.Json.Nodes;
using Lifecycle.Data.Environments;
using Lifecycle.Data.GitSync;
using Lifecycle.Data.Persistence;
using Lifecycle.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Lifecycle.Tests.Integration.GitSync;

/// <summary>Issue 11 "Push": auto-commit, the layout and tags, secrets never in git, HTTP remotes with stored credentials, rejected and unreachable remotes.</summary>
public sealed class GitSyncPushTests
{
    [Fact]
    public async Task G2_SavePromoteAndReleaseEachCommitWithTheActorAsAuthorInTheLayoutWithATag()
    {
        // SPEC G2
        using var git = new GitRepositories();
        await using var instance = await GitSyncInstance.StartAsync();
        var bare = git.CreateBare();
        await instance.ConnectAsync(GitSyncInstance.LocalConnection(bare));
        var orders = await GitSyncArrange.OrdersAsync(instance.Workspace);
        var workspace = instance.Workspace;

        ResultAssert.Ok(await workspace.Versions.SaveAsync(workspace.Admin, orders.V2, "Two pages"));
        await instance.RunGitWorkAsync();
        ResultAssert.Ok(await workspace.Promotions.PromoteAsync(workspace.Admin, orders.V2, DeploymentEnvironment.Staging));
        await instance.RunGitWorkAsync();
        ResultAssert.Ok(await workspace.Promotions.PromoteAsync(workspace.Admin, orders.V2, DeploymentEnvironment.Production));
        await instance.RunGitWorkAsync();
        ResultAssert.Ok(await workspace.Releases.ReleaseAsync(workspace.Admin, orders.V2, "First release"));
        await instance.RunGitWorkAsync();

        Assert.All(await instance.JobsAsync(), job => Assert.Equal(GitSyncJobState.Succeeded, job.State));
        var log = GitRepositories.Git(bare, "log", "--format=%an <%ae>|%s", "main").Trim().Split('\n');
        Assert.Equal(
            ["Ada Admin <ada@lifecycle.test>|Release orders v2", "Ada Admin <ada@lifecycle.test>|Promote orders v2 to Production",
             "Ada Admin <ada@lifecycle.test>|Promote orders v2 to Staging", "Ada Admin <ada@lifecycle.test>|Save orders v2"], log);
        Assert.Equal("orders/v2", GitRepositories.Git(bare, "tag", "--list").Trim());
        Assert.Equal(GitRepositories.Git(bare, "rev-list", "-n1", "main~3").Trim(), GitRepositories.Git(bare, "rev-list", "-n1", "orders/v2").Trim());

        var clone = git.Clone(bare);
        var files = Directory.EnumerateFiles(clone, "*.json", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(clone, f)).Order().ToList();
        Assert.Equal(
        [
            "_workspace/constants/API_KEY.json", "_workspace/constants/GREETING.json", "_workspace/data-sources/stock.json",
            "orders/app.json", "orders/versions/v2/pages/home.json", "orders/versions/v2/pages/reports.json",
            "orders/versions/v2/queries/items2.json", "orders/versions/v2/version.json",
        ], files); // the draft v1 is not in git

        var app = JsonNode.Parse(File.ReadAllText(Path.Combine(clone, "orders/app.json")))!;
        Assert.Equal("v2", (string?)app["releasedVersion"]);
        Assert.Equal("Production", (string?)app["versions"]!["v2"]!["environment"]);
        Assert.Equal("First release", (string?)app["releases"]![0]!["notes"]);
        var version = JsonNode.Parse(File.ReadAllText(Path.Combine(clone, "orders/versions/v2/version.json")))!;
        Assert.Equal(("saved", "v1", "Ada Admin", "Two pages"), ((string?)version["state"], (string?)version["parent"], (string?)version["savedBy"], (string?)version["description"]));

        // Stable, sorted, pretty JSON: every file is exactly what the writer makes of its own content.
        foreach (var file in files)
        {
            var text = File.ReadAllText(Path.Combine(clone, file));
            Assert.Equal(GitSyncJson.Write(JsonNode.Parse(text)), text);
            Assert.Contains("\n  \"", text);
        }
    }

    [Fact]
    public async Task G3_NoSecretValueIsAnywhereInTheRepositoryHistory()
    {
        // SPEC G3, E5
        using var git = new GitRepositories();
        await using var instance = await GitSyncInstance.StartAsync();
        var bare = git.CreateBare();
        await instance.ConnectAsync(GitSyncInstance.LocalConnection(bare));
        var orders = await GitSyncArrange.OrdersAsync(instance.Workspace);
        await instance.Workspace.SaveAndReleaseAsync(orders.V2);
        ResultAssert.Ok(await instance.GitSync.RequestCommitAsync(instance.Admin, "Everything"));
        await instance.RunGitWorkAsync();

        var everything = git.EveryObject(bare);
        Assert.Contains(GitSyncArrange.PlainConstantValue, everything);
        Assert.Contains("https://stock.example.com/production", everything);
        Assert.Contains("{{constants.API_KEY}}", everything); // a reference to a secret is not the secret
        Assert.DoesNotContain(GitSyncArrange.SecretConstantValue, everything);
        Assert.DoesNotContain(GitSyncArrange.BearerTokenValue, everything);
        Assert.DoesNotContain(GitSyncArrange.SecretHeaderValue, everything);
        var source = JsonNode.Parse(File.ReadAllText(Path.Combine(git.Clone(bare), "_workspace/data-sources/stock.json")))!;
        Assert.Equal("Authorization", (string?)source["environments"]!["Production"]!["withheldHeaders"]![0]);
        Assert.True((bool)source["environments"]!["Production"]!["hasBearerToken"]!);
    }

    [Fact]
    public async Task G1_AnHttpRemoteWithStoredCredentialsIsTestedCommittedToAndShownInHistory()
    {
        // SPEC G1, G7, E5
        using var git = new GitRepositories();
        git.CreateBare("team.git");
        await using var server = await GitHttpServer.StartAsync(git.Root);
        await using var instance = await GitSyncInstance.StartAsync();
        var url = server.UrlOf("team.git");

        var refused = ResultAssert.Ok(await instance.GitSync.TestConnectionAsync(instance.Admin, GitSyncInstance.HttpConnection(url, password: "wrong")));
        Assert.False(refused.Reachable);
        Assert.Contains("refused the credentials", refused.Message);
        var found = ResultAssert.Ok(await instance.GitSync.TestConnectionAsync(instance.Admin, GitSyncInstance.HttpConnection(url)));
        Assert.Equal((true, false, true), (found.Reachable, found.BranchExists, found.MayPush));
        Assert.Contains("does not exist yet", found.Message);

        await instance.ConnectAsync(GitSyncInstance.HttpConnection(url));
        var view = ResultAssert.Ok(await instance.GitSync.GetConnectionAsync(instance.Admin))!;
        Assert.True(view.HasSecret);
        await using (var db = await instance.Workspace.DbAsync())
        {
            var stored = await db.GitSyncSettings.AsNoTracking().SingleAsync();
            Assert.DoesNotContain(GitHttpServer.Password, stored.ProtectedSecret);
        }

        // Saving again without typing the secret keeps it; the stored one is used.
        await instance.ConnectAsync(GitSyncInstance.HttpConnection(url) with { NewSecret = null });
        var orders = await GitSyncArrange.OrdersAsync(instance.Workspace);
        ResultAssert.Ok(await instance.Workspace.Versions.SaveAsync(instance.Admin, orders.V2, null));
        await instance.RunGitWorkAsync();

        var job = (await instance.JobsAsync()).Single();
        Assert.True(job.State == GitSyncJobState.Succeeded, job.Outcome);
        var history = ResultAssert.Ok(await instance.GitSync.HistoryAsync(instance.Admin));
        Assert.Equal("Save orders v2", history[0].Message);
        Assert.True(history[0].Pushed);
        Assert.Equal(history[0].Id, GitRepositories.Git(Path.Combine(git.Root, "team.git"), "rev-parse", "main").Trim());
        var config = Directory.EnumerateFiles(instance.WorkDirectory, "config", SearchOption.AllDirectories).Select(File.ReadAllText);
        Assert.All(config, text => Assert.DoesNotContain(GitHttpServer.Password, text));
        Assert.True(ResultAssert.Ok(await instance.GitSync.TestConnectionAsync(instance.Admin, GitSyncInstance.HttpConnection(url) with { NewSecret = null })).BranchExists);
    }

    [Fact]
    public async Task G7_ARejectedPushFetchesAndRetriesOnceThenReportsAndKeepsTheCommit()
    {
        // SPEC G7
        using var git = new GitRepositories();
        var bare = git.CreateBare("team.git");
        await using var server = await GitHttpServer.StartAsync(git.Root);
        await using var instance = await GitSyncInstance.StartAsync();
        await instance.ConnectAsync(GitSyncInstance.HttpConnection(server.UrlOf("team.git")));
        var orders = await GitSyncArrange.OrdersAsync(instance.Workspace);

        // The other instance pushes between our fetch and our push, once: our push is rejected, fetched, retried.
        server.BeforeReceivePack = push => { if (push == 1) { git.PushForeignCommit(bare, "other-1.txt", "first"); } };
        ResultAssert.Ok(await instance.Workspace.Versions.SaveAsync(instance.Admin, orders.V2, null));
        await instance.RunGitWorkAsync();
        var retried = (await instance.JobsAsync())[0];
        Assert.True(retried.State == GitSyncJobState.Succeeded, retried.Outcome);
        Assert.Equal(["Save orders v2", "Other instance writes other-1.txt"], GitRepositories.Git(bare, "log", "--format=%s", "main").Trim().Split('\n'));

        // It moves before every push: the job fails with a clear message, the commit stays here, nothing is lost.
        server.BeforeReceivePack = push => git.PushForeignCommit(bare, $"other-{push}.txt", "again");
        ResultAssert.Ok(await instance.Workspace.Promotions.PromoteAsync(instance.Admin, orders.V2, DeploymentEnvironment.Staging));
        await instance.RunGitWorkAsync();
        var failed = (await instance.JobsAsync())[0];
        Assert.Equal(GitSyncJobState.Failed, failed.State);
        Assert.Contains("refused the push twice", failed.Outcome);
        Assert.Contains("Nothing is lost", failed.Outcome);
        var history = ResultAssert.Ok(await instance.GitSync.HistoryAsync(instance.Admin));
        Assert.Equal(("Promote orders v2 to Staging", false), (history[0].Message, history[0].Pushed));
        Assert.Equal(DeploymentEnvironment.Staging, (await instance.Workspace.VersionRowAsync(orders.V2)).Environment);

        // Once the repository holds still, the next job pushes what was kept.
        server.BeforeReceivePack = null;
        ResultAssert.Ok(await instance.GitSync.RequestCommitAsync(instance.Admin, "Catch up"));
        await instance.RunGitWorkAsync();
        Assert.Contains("Promote orders v2 to Staging", GitRepositories.Git(bare, "log", "--format=%s", "main"));
        Assert.All(ResultAssert.Ok(await instance.GitSync.HistoryAsync(instance.Admin)), c => Assert.True(c.Pushed));
    }

    [Fact]
    public async Task G7_AnUnreachableRemoteGivesAClearMessageAndKeepsLocalState()
    {
        // SPEC G7
        await using var instance = await GitSyncInstance.StartAsync();
        await instance.ConnectAsync(GitSyncInstance.HttpConnection("http://127.0.0.1:9/nowhere.git"));
        var orders = await GitSyncArrange.OrdersAsync(instance.Workspace);

        var tested = ResultAssert.Ok(await instance.GitSync.TestConnectionAsync(instance.Admin, GitSyncInstance.HttpConnection("http://127.0.0.1:9/nowhere.git")));
        Assert.False(tested.Reachable);
        Assert.Contains("Could not reach the repository http://127.0.0.1:9/nowhere.git", tested.Message);

        ResultAssert.Ok(await instance.Workspace.Versions.SaveAsync(instance.Admin, orders.V2, null));
        await instance.RunGitWorkAsync();

        var job = (await instance.JobsAsync()).Single();
        Assert.Equal(GitSyncJobState.Failed, job.State);
        Assert.Contains("Could not reach the repository", job.Outcome);
        Assert.Contains("kept", job.Outcome);
        Assert.Equal(("Save orders v2", false), ResultAssert.Ok(await instance.GitSync.HistoryAsync(instance.Admin)).Select(c => (c.Message, c.Pushed)).Single());
        Assert.Equal(Lifecycle.Data.Versions.VersionState.Saved, (await instance.Workspace.VersionRowAsync(orders.V2)).State);
        var audited = (await instance.Workspace.AuditEntriesAsync()).Last(e => e.Action == Lifecycle.Data.Audit.AuditActions.GitSyncJobFinished);
        Assert.Equal(Lifecycle.Data.Audit.AuditOutcome.Failed, audited.Outcome);
    }

    [Fact]
    public async Task G7_AReadOfTheCloneWaitsForTheJobThatIsChangingIt()
    {
        // SPEC G7: a job changes the clone (fetch, reset, commit); the GitSync page's history read waits for it instead
        // of reading the clone half done.
        await using var instance = await GitSyncInstance.StartAsync();
        await instance.ConnectAsync(GitSyncInstance.HttpConnection("http://127.0.0.1:9/nowhere.git"));
        var orders = await GitSyncArrange.OrdersAsync(instance.Workspace);
        ResultAssert.Ok(await instance.Workspace.Versions.SaveAsync(instance.Admin, orders.V2, null));
        await instance.RunGitWorkAsync();

        Task<Lifecycle.Data.Common.Result<IReadOnlyList<GitCommitInfo>>> reading;
        using (await WorkingCopyGate.EnterAsync(instance.WorkDirectory, CancellationToken.None)) // as a running job holds it
        {
            reading = instance.GitSync.HistoryAsync(instance.Admin);
            await Task.Delay(TimeSpan.FromMilliseconds(300));
            Assert.False(reading.IsCompleted);
        }

        Assert.Equal("Save orders v2", ResultAssert.Ok(await reading).Single().Message);
    }
}
