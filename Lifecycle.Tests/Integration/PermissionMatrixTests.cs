using Lifecycle.Data.Access;
using Lifecycle.Data.Audit;
using Lifecycle.Data.Common;
using Lifecycle.Data.Constants;
using Lifecycle.Data.DataSources;
using Lifecycle.Data.Definitions;
using Lifecycle.Data.Environments;
using Lifecycle.Data.GitSync;
using Microsoft.Extensions.DependencyInjection;
using Lifecycle.Data.Network;
using Lifecycle.Data.Queries;
using Lifecycle.Tests.Support;

namespace Lifecycle.Tests.Integration;

/// <summary>
/// SPEC A1, A2, A3, A4: every use case of the product, run as a member of each built-in group and of two custom groups
/// holding one permission each, against the one expected matrix below. Refusals must be in the audit log.
/// </summary>
public sealed class PermissionMatrixTests
{
    private const string Admins = "Admins";
    private const string Builders = "Builders";
    private const string EndUsers = "End users";
    private const string AlphaEditors = "Alpha editors"; // custom: edit on the app Alpha only
    private const string Auditors = "Auditors";          // custom: view audit log only

    private static readonly string[] Columns = [Admins, Builders, EndUsers, AlphaEditors, Auditors];

    // SPEC A1, A2: who may do what. "Y" allowed, "." refused (Forbidden). Alpha and Beta are two apps; the member acts on Alpha unless the row says Beta.
    //                                                             Admins Builders EndUsers AlphaEditors Auditors
    private static readonly (string UseCase, string Expected)[] Matrix =
    [
        ("create app",                "Y Y . . ."),
        ("open Alpha in the editor",  "Y Y Y Y ."),
        ("open Beta in the editor",   "Y Y Y . ."),
        ("create version",            "Y Y . Y ."),
        ("create version on Beta",    "Y Y . . ."),
        ("edit a draft (autosave)",   "Y Y . Y ."),
        ("rename a draft",            "Y Y . Y ."),
        ("save a version",            "Y Y . Y ."),
        ("delete a version",          "Y Y . Y ."),
        ("promote to staging",        "Y Y . . ."),
        ("promote to production",     "Y . . . ."),
        ("release",                   "Y . . . ."),
        ("roll back",                 "Y . . . ."),
        ("see release history",       "Y Y Y Y ."),
        ("open the released app",     "Y Y Y Y ."),
        ("list constants",            "Y . . . ."),
        ("create a constant",         "Y . . . ."),
        ("set a constant's value",    "Y . . . ."),
        ("rename a constant",         "Y . . . ."),
        ("delete a constant",         "Y . . . ."),
        ("list data sources",         "Y . . . ."),
        ("create a data source",      "Y . . . ."),
        ("configure a data source",   "Y . . . ."),
        ("rename a data source",      "Y . . . ."),
        ("delete a data source",      "Y . . . ."),
        ("run Alpha's queries",       "Y Y Y Y ."),
        ("run released Alpha's queries", "Y Y Y Y ."),
        ("list the outbound allowlist", "Y . . . ."),
        ("allow a host outbound",     "Y . . . ."),
        ("remove an allowed host",    "Y . . . ."),
        ("list users",                "Y . . . ."),
        ("create a user",             "Y . . . ."),
        ("disable a user",            "Y . . . ."),
        ("reset a password",          "Y . . . ."),
        ("create a group",            "Y . . . ."),
        ("grant a permission",        "Y . . . ."),
        ("add a group member",        "Y . . . ."),
        ("view the audit log",        "Y . . . Y"),
        ("export the audit log",      "Y . . . Y"),
        ("verify the audit chain",    "Y . . . Y"),
        ("see the GitSync settings",  "Y . . . ."),
        ("connect GitSync",           "Y . . . ."),
        ("test the GitSync connection", "Y . . . ."),
        ("commit to git",             "Y . . . ."),
        ("fetch from git",            "Y . . . ."),
        ("list what git holds",       "Y . . . ."),
        ("pull from git",             "Y . . . ."),
        ("restore from git",          "Y . . . ."),
        ("see the git history",       "Y . . . ."),
        ("export an app",             "Y . . . ."),
        ("preview an import",         "Y . . . ."),
        ("import an app",             "Y . . . ."),
    ];

    public static TheoryData<string> Groups => [.. Columns];

    [Theory]
    [MemberData(nameof(Groups))]
    public async Task A2_EveryUseCaseIsAllowedOrRefusedAsTheMatrixSays(string group)
    {
        // SPEC A1, A2, A3
        using var git = new GitRepositories();
        var workDirectory = Path.Combine(git.Root, "work");
        await using var workspace = await TestWorkspace.StartAsync(services => services.Configure<GitSyncOptions>(o => o.WorkDirectory = workDirectory));
        var world = await World.ArrangeAsync(workspace, git);
        var member = await world.MemberOfAsync(group);
        var column = Array.IndexOf(Columns, group);
        var useCases = UseCases(world);
        Assert.Equal(Matrix.Select(m => m.UseCase).Order(), useCases.Keys.Order());

        var mismatches = new List<string>();
        var expectedRefusals = new List<string>();
        foreach (var (useCase, expected) in Matrix)
        {
            var allowed = expected.Split(' ')[column] == "Y";
            var (action, run) = useCases[useCase];
            var result = await run(member);
            if (allowed && !result.IsSuccess)
            {
                mismatches.Add($"{useCase}: expected allowed, got {result.Status} ({result.Error})");
            }
            else if (!allowed && result.Status != ResultStatus.Forbidden)
            {
                mismatches.Add($"{useCase}: expected refused, got {result.Status} ({result.Error})");
            }

            if (!allowed)
            {
                expectedRefusals.Add(action);
            }
        }

        Assert.True(mismatches.Count == 0, $"As a member of {group}:{Environment.NewLine}{string.Join(Environment.NewLine, mismatches)}");

        // SPEC A4: every refused attempt is in the audit log, with who and what.
        var refused = (await workspace.AuditEntriesAsync()).Where(e => e.UserId == member.UserId && e.Outcome == AuditOutcome.Refused).ToList();
        Assert.Equal(expectedRefusals.Order(), refused.Select(e => e.Action).Order());
        Assert.All(refused, e => Assert.Equal(member.Name, e.UserName));
        Assert.True(ResultAssert.Ok(await workspace.Audit.VerifyChainAsync(workspace.Admin)).IsIntact);
    }

    private static Dictionary<string, (string AuditAction, Func<Actor, Task<Result>> Run)> UseCases(World w) => new()
    {
        ["create app"] = (AuditActions.AppCreated, async a => await w.Workspace.Apps.CreateAsync(a, w.Unique("App"), w.Unique("app"))),
        ["open Alpha in the editor"] = (AuditActions.AppViewed, async a => await w.Workspace.Versions.ListAsync(a, w.Alpha)),
        ["open Beta in the editor"] = (AuditActions.AppViewed, async a => await w.Workspace.Versions.ListAsync(a, w.Beta)),
        ["create version"] = (AuditActions.VersionCreated, async a => await w.Workspace.Versions.CreateAsync(a, w.Alpha, w.Unique("v"), w.AlphaV1)),
        ["create version on Beta"] = (AuditActions.VersionCreated, async a => await w.Workspace.Versions.CreateAsync(a, w.Beta, w.Unique("v"), w.BetaV1)),
        ["edit a draft (autosave)"] = (AuditActions.VersionEdited, async a =>
        {
            var draft = await w.DraftAsync();
            var detail = ResultAssert.Ok(await w.Workspace.Versions.GetAsync(w.Workspace.Admin, draft));
            var edited = ResultAssert.Ok(DefinitionEdits.AddComponent(detail.Definition, detail.Definition.Pages[0].Id, ComponentType.Text, out _));
            return await w.Workspace.Versions.UpdateDefinitionAsync(a, draft, detail.Revision, edited);
        }),
        ["rename a draft"] = (AuditActions.VersionRenamed, async a => await w.Workspace.Versions.RenameAsync(a, await w.DraftAsync(), w.Unique("renamed"))),
        ["save a version"] = (AuditActions.VersionSaved, async a => await w.Workspace.Versions.SaveAsync(a, await w.DraftAsync(), "checked")),
        ["delete a version"] = (AuditActions.VersionDeleted, async a => await w.Workspace.Versions.DeleteAsync(a, await w.DraftAsync())),
        ["promote to staging"] = (AuditActions.VersionPromoted, async a => await w.Workspace.Promotions.PromoteAsync(a, await w.SavedAsync(), DeploymentEnvironment.Staging)),
        ["promote to production"] = (AuditActions.VersionPromoted, async a =>
        {
            var saved = await w.SavedAsync();
            ResultAssert.Ok(await w.Workspace.Promotions.PromoteAsync(w.Workspace.Admin, saved, DeploymentEnvironment.Staging));
            return await w.Workspace.Promotions.PromoteAsync(a, saved, DeploymentEnvironment.Production);
        }),
        ["release"] = (AuditActions.AppReleased, async a => await w.Workspace.Releases.ReleaseAsync(a, await w.InProductionAsync(), null)),
        ["roll back"] = (AuditActions.AppRolledBack, async a =>
        {
            var earlier = await w.InProductionAsync();
            ResultAssert.Ok(await w.Workspace.Releases.ReleaseAsync(w.Workspace.Admin, earlier, null));
            ResultAssert.Ok(await w.Workspace.Releases.ReleaseAsync(w.Workspace.Admin, await w.InProductionAsync(), null));
            return await w.Workspace.Releases.RollbackAsync(a, earlier, null);
        }),
        ["see release history"] = (AuditActions.AppViewed, async a => await w.Workspace.Releases.HistoryAsync(a, w.Alpha)),
        ["open the released app"] = (AuditActions.AppViewed, async a => await w.Workspace.ReleasedApps.OpenAsync(a, "alpha")),
        ["list constants"] = (AuditActions.ConstantsViewed, async a => await w.Workspace.Get<ConstantService>().ListAsync(a)),
        ["create a constant"] = (AuditActions.ConstantCreated, async a => await w.Workspace.Get<ConstantService>().CreateAsync(a, w.Unique("C"), isSecret: false)),
        ["set a constant's value"] = (AuditActions.ConstantValueSet, async a =>
            await w.Workspace.Get<ConstantService>().SetValueAsync(a, ResultAssert.Ok(await w.Workspace.Get<ConstantService>().CreateAsync(w.Workspace.Admin, w.Unique("C"), isSecret: true)), DeploymentEnvironment.Staging, "value")),
        ["rename a constant"] = (AuditActions.ConstantRenamed, async a =>
            await w.Workspace.Get<ConstantService>().RenameAsync(a, ResultAssert.Ok(await w.Workspace.Get<ConstantService>().CreateAsync(w.Workspace.Admin, w.Unique("C"), isSecret: false)), w.Unique("Renamed"))),
        ["delete a constant"] = (AuditActions.ConstantDeleted, async a =>
            await w.Workspace.Get<ConstantService>().DeleteAsync(a, ResultAssert.Ok(await w.Workspace.Get<ConstantService>().CreateAsync(w.Workspace.Admin, w.Unique("C"), isSecret: false)))),
        ["list data sources"] = (AuditActions.DataSourcesViewed, async a => await w.Workspace.Get<DataSourceService>().ListAsync(a)),
        ["create a data source"] = (AuditActions.DataSourceCreated, async a => await w.Workspace.Get<DataSourceService>().CreateAsync(a, w.Unique("ds"), DataSourceKind.StaticJson)),
        ["configure a data source"] = (AuditActions.DataSourceSettingsSaved, async a =>
            await w.Workspace.Get<DataSourceService>().SaveSettingsAsync(a, ResultAssert.Ok(await w.Workspace.Get<DataSourceService>().CreateAsync(w.Workspace.Admin, w.Unique("ds"), DataSourceKind.StaticJson)), DeploymentEnvironment.Development, new DataSourceSettingsInput(null, null, null, "[]"))),
        ["rename a data source"] = (AuditActions.DataSourceRenamed, async a =>
            await w.Workspace.Get<DataSourceService>().RenameAsync(a, ResultAssert.Ok(await w.Workspace.Get<DataSourceService>().CreateAsync(w.Workspace.Admin, w.Unique("ds"), DataSourceKind.StaticJson)), w.Unique("renamed"))),
        ["delete a data source"] = (AuditActions.DataSourceDeleted, async a =>
            await w.Workspace.Get<DataSourceService>().DeleteAsync(a, ResultAssert.Ok(await w.Workspace.Get<DataSourceService>().CreateAsync(w.Workspace.Admin, w.Unique("ds"), DataSourceKind.StaticJson)))),
        ["run Alpha's queries"] = (AuditActions.QueriesRun, async a => await w.Workspace.Get<QueryRunner>().RunForVersionAsync(a, w.AlphaV1)),
        ["run released Alpha's queries"] = (AuditActions.QueriesRun, async a => await w.Workspace.Get<QueryRunner>().RunReleasedAsync(a, w.Alpha)),
        ["list the outbound allowlist"] = (AuditActions.AllowlistViewed, async a => await w.Workspace.Get<OutboundAllowlistService>().ListAsync(a)),
        ["allow a host outbound"] = (AuditActions.AllowlistAdded, async a => await w.Workspace.Get<OutboundAllowlistService>().AddAsync(a, $"{w.Unique("api")}.corp.test", null)),
        ["remove an allowed host"] = (AuditActions.AllowlistRemoved, async a =>
            await w.Workspace.Get<OutboundAllowlistService>().RemoveAsync(a, ResultAssert.Ok(await w.Workspace.Get<OutboundAllowlistService>().AddAsync(w.Workspace.Admin, $"{w.Unique("api")}.corp.test", null)))),
        ["list users"] = (AuditActions.UsersViewed, async a => await w.Workspace.UserAdmin.ListAsync(a, null, 1, 20)),
        ["create a user"] = (AuditActions.UserCreated, async a =>
            await w.Workspace.UserAdmin.CreateUserAsync(a, $"{w.Unique("new")}@lifecycle.test", "New Person", [Group.EndUsersId])),
        ["disable a user"] = (AuditActions.UserDisabled, async a => await w.Workspace.UserAdmin.DisableAsync(a, (await w.BystanderAsync()).UserId)),
        ["reset a password"] = (AuditActions.UserPasswordReset, async a => await w.Workspace.UserAdmin.ResetPasswordAsync(a, (await w.BystanderAsync()).UserId)),
        ["create a group"] = (AuditActions.GroupCreated, async a => await w.Workspace.GroupAdmin.CreateAsync(a, w.Unique("Group"))),
        ["grant a permission"] = (AuditActions.GroupPermissionGranted, async a =>
            await w.Workspace.GroupAdmin.SetPermissionAsync(a, await w.Workspace.CreateGroupAsync(w.Unique("Scratch")), Permission.ViewApp, w.Alpha, granted: true)),
        ["add a group member"] = (AuditActions.GroupMemberAdded, async a =>
            await w.Workspace.GroupAdmin.AddMemberAsync(a, Group.EndUsersId, (await w.BystanderAsync()).UserId)),
        ["view the audit log"] = (AuditActions.AuditViewed, async a => await w.Workspace.Audit.QueryAsync(a, new AuditFilter(), 1, 50)),
        ["export the audit log"] = (AuditActions.AuditExported, async a => await w.Workspace.Audit.ExportCsvAsync(a, new AuditFilter())),
        ["verify the audit chain"] = (AuditActions.AuditVerified, async a => await w.Workspace.Audit.VerifyChainAsync(a)),
        ["see the GitSync settings"] = (AuditActions.GitSyncViewed, async a => await w.GitSync.GetConnectionAsync(a)),
        ["connect GitSync"] = (AuditActions.GitSyncConnected, async a => await w.GitSync.ConnectAsync(a, GitSyncInstance.LocalConnection(w.Repository))),
        ["test the GitSync connection"] = (AuditActions.GitSyncConnectionTested, async a => await w.GitSync.TestConnectionAsync(a, GitSyncInstance.LocalConnection(w.Repository))),
        ["commit to git"] = (AuditActions.GitSyncCommitRequested, async a => await w.GitSync.RequestCommitAsync(a, "Checkpoint")),
        ["fetch from git"] = (AuditActions.GitSyncFetchRequested, async a => await w.GitSync.RequestFetchAsync(a)),
        ["list what git holds"] = (AuditActions.GitSyncViewed, async a => await w.GitSync.ListPullableAsync(a)),
        ["pull from git"] = (AuditActions.GitSyncPullRequested, async a => await w.GitSync.RequestPullAsync(a, [("alpha", "v1")])),
        ["restore from git"] = (AuditActions.GitSyncRestoreRequested, async a => await w.GitSync.RequestRestoreAsync(a)),
        ["see the git history"] = (AuditActions.GitSyncViewed, async a => await w.GitSync.HistoryAsync(a)),
        ["export an app"] = (AuditActions.AppExported, async a => await w.Workspace.Get<AppTransferService>().ExportAsync(a, w.Alpha, null)),
        ["preview an import"] = (AuditActions.AppImported, async a => await w.Workspace.Get<AppTransferService>().PreviewImportAsync(a, await w.ExportOfAlphaAsync())),
        ["import an app"] = (AuditActions.AppImported, async a => await w.Workspace.Get<AppTransferService>().ImportAsync(a, await w.ExportOfAlphaAsync(), SecretValues.None)),
    };

    /// <summary>Two apps, Alpha (released once) and Beta, set up by the admin; each use case arranges what it needs as the admin.</summary>
    private sealed class World
    {
        private int _counter;

        private World(TestWorkspace workspace) => Workspace = workspace;

        public TestWorkspace Workspace { get; }
        public int Alpha { get; private set; }
        public int AlphaV1 { get; private set; }
        public int Beta { get; private set; }
        public int BetaV1 { get; private set; }

        /// <summary>A bare repository the admin connected before the member acts (GitSync use cases).</summary>
        public string Repository { get; private set; } = "";

        public GitSyncService GitSync => Workspace.Get<GitSyncService>();

        /// <summary>An export of Alpha made by the admin, whose slug the member's import makes new (the admin renamed it).</summary>
        public async Task<string> ExportOfAlphaAsync() =>
            ResultAssert.Ok(await Workspace.Get<AppTransferService>().ExportAsync(Workspace.Admin, Alpha, null)).Text.Replace("\"slug\": \"alpha\"", $"\"slug\": \"{Unique("copy-")}\"");

        public static async Task<World> ArrangeAsync(TestWorkspace workspace, GitRepositories git)
        {
            var world = new World(workspace);
            world.Repository = git.CreateBare();
            ResultAssert.Ok(await world.GitSync.ConnectAsync(workspace.Admin, GitSyncInstance.LocalConnection(world.Repository, autoCommit: false)));
            world.Alpha = (await workspace.CreateAppAsync(workspace.Admin, "Alpha")).Id;
            world.AlphaV1 = await workspace.FirstVersionIdAsync(world.Alpha);
            world.Beta = (await workspace.CreateAppAsync(workspace.Admin, "Beta")).Id;
            world.BetaV1 = await workspace.FirstVersionIdAsync(world.Beta);
            ResultAssert.Ok(await workspace.Releases.ReleaseAsync(workspace.Admin, await world.InProductionAsync(), "first"));
            return world;
        }

        public async Task<Actor> MemberOfAsync(string group) => group switch
        {
            Admins => await Workspace.AddUserAsync("Member Admin", Group.AdminsId),
            Builders => await Workspace.AddUserAsync("Member Builder", Group.BuildersId),
            EndUsers => await Workspace.AddUserAsync("Member EndUser", Group.EndUsersId),
            AlphaEditors => await Workspace.AddUserAsync("Member AlphaEditor", await Workspace.CreateGroupAsync(AlphaEditors, (Permission.EditApp, Alpha))),
            Auditors => await Workspace.AddUserAsync("Member Auditor", await Workspace.CreateGroupAsync(Auditors, (Permission.ViewAuditLog, null))),
            _ => throw new ArgumentOutOfRangeException(nameof(group)),
        };

        public string Unique(string prefix) => $"{prefix}{++_counter}";

        public async Task<int> DraftAsync() => (await Workspace.CreateVersionAsync(Workspace.Admin, Alpha, Unique("draft"), AlphaV1)).Id;

        public Task<int> SavedAsync() => Workspace.CreateSavedVersionAsync(Workspace.Admin, Alpha, Unique("saved"), AlphaV1);

        public Task<int> InProductionAsync() => Workspace.CreateProductionVersionAsync(Workspace.Admin, Alpha, Unique("prod"), AlphaV1);

        public Task<Actor> BystanderAsync() => Workspace.AddUserAsync(Unique("Bystander "), Group.BuildersId);
    }
}
