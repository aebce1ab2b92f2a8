using Lifecycle.Data.Access;
using Lifecycle.Data.GitSync;
using Microsoft.Extensions.DependencyInjection;

namespace Lifecycle.Tests.Support;

/// <summary>
/// One Lifecycle instance for GitSync tests: a <see cref="TestWorkspace"/> (its own database) with its own GitSync work
/// directory, so two of them are two instances sharing nothing but the repository.
/// </summary>
public sealed class GitSyncInstance : IAsyncDisposable
{
    private GitSyncInstance(TestWorkspace workspace, string workDirectory)
    {
        Workspace = workspace;
        WorkDirectory = workDirectory;
    }

    public TestWorkspace Workspace { get; }
    public string WorkDirectory { get; }
    public Actor Admin => Workspace.Admin;
    public GitSyncService GitSync => Workspace.Get<GitSyncService>();
    public AppTransferService Transfer => Workspace.Get<AppTransferService>();

    /// <summary>Runs the git work queued so far, as the background worker would, and returns when it is done.</summary>
    public Task RunGitWorkAsync() => Workspace.Get<GitSyncWorker>().RunPendingAsync();

    public static async Task<GitSyncInstance> StartAsync()
    {
        var workDirectory = Path.Combine(Path.GetTempPath(), $"lifecycle-gitsync-{Guid.NewGuid():N}");
        var workspace = await TestWorkspace.StartAsync(services => services.Configure<GitSyncOptions>(o => o.WorkDirectory = workDirectory));
        _ = workspace.Get<GitSyncWorker>(); // starts listening for saves, promotions and releases, as the host does at start
        return new GitSyncInstance(workspace, workDirectory);
    }

    public static GitSyncConnectionInput LocalConnection(string path, bool autoCommit = true) =>
        new(path, "main", GitCredentialKind.None, null, null, "Lifecycle Bot", "bot@lifecycle.test", autoCommit);

    public static GitSyncConnectionInput HttpConnection(string url, string password = GitHttpServer.Password, bool autoCommit = true) =>
        new(url, "main", GitCredentialKind.UsernameAndPassword, GitHttpServer.User, password, "Lifecycle Bot", "bot@lifecycle.test", autoCommit);

    public async Task ConnectAsync(GitSyncConnectionInput input) => ResultAssert.Ok(await GitSync.ConnectAsync(Admin, input));

    /// <summary>The jobs, newest first, after the queued work ran.</summary>
    public async Task<IReadOnlyList<GitSyncJobView>> JobsAsync() => ResultAssert.Ok(await GitSync.ListJobsAsync(Admin));

    public async ValueTask DisposeAsync()
    {
        await Workspace.DisposeAsync();
        if (Directory.Exists(WorkDirectory))
        {
            foreach (var file in Directory.EnumerateFiles(WorkDirectory, "*", SearchOption.AllDirectories))
            {
                File.SetAttributes(file, FileAttributes.Normal);
            }

            Directory.Delete(WorkDirectory, recursive: true);
        }
    }
}
