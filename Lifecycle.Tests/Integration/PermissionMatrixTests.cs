using Lifecycle.Data.Access;
using Lifecycle.Data.Audit;
using Lifecycle.Data.Common;
using Lifecycle.Data.Constants;
using Lifecycle.Data.DataSources;
using Lifecycle.Data.Definitions;
using Lifecycle.Data.Environments;
using Lifecycle.Data.GitSync;
using Lifecycle.Data.Network;
using Microsoft.Extensions.DependencyInjection;
using Lifecycle.Data.Queries;
using Lifecycle.Data.Sharing;
using Lifecycle.Tests.Support;

namespace Lifecycle.Tests.Integration;

/// <summary>
/// SPEC A1-A4, A6, A7: every use case of the product, run as a member of each built-in group and of one-right custom
/// groups, against the one table of <see cref="PermissionMatrix"/>. Refusals must be in the audit log.
/// </summary>
public sealed class PermissionMatrixTests
{
    public static TheoryData<string> Groups => [.. PermissionMatrix.Columns];

    [Theory]
    [MemberData(nameof(Groups))]
    public async Task A2_EveryUseCaseIsAllowedOrRefusedAsTheMatrixSays(string group)
    {
        // SPEC A1, A2, A3, A6, A7
        using var git = new GitRepositories();
        var workDirectory = Path.Combine(git.Root, "work");
        await using var workspace = await TestWorkspace.StartAsync(services => services.Configure<GitSyncOptions>(o => o.WorkDirectory = workDirectory));
        var world = await MatrixWorld.ArrangeAsync(workspace, git);
        var member = await world.MemberOfAsync(group);
        var useCases = UseCases(world);
        Assert.Equal(PermissionMatrix.Rows.Select(m => m.UseCase).Order(), useCases.Keys.Order());

        var mismatches = new List<string>();
        var expectedRefusals = new List<string>();
        foreach (var (useCase, _) in PermissionMatrix.Rows)
        {
            var allowed = PermissionMatrix.Allows(useCase, group);
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

    private static Dictionary<string, (string AuditAction, Func<Actor, Task<Result>> Run)> UseCases(MatrixWorld w) => new()
    {
        ["list apps"] = (AuditActions.AppsListed, async a => { await w.Workspace.Apps.ListAsync(a); return Result.Success(); }),
        ["create app"] = (AuditActions.AppCreated, async a => await w.Workspace.Apps.CreateAsync(a, w.Unique("App"), w.Unique("app"))),
        ["open the released app"] = (AuditActions.AppViewed, async a => await w.Workspace.ReleasedApps.OpenAsync(a, "alpha")),
        ["run released Alpha's queries"] = (AuditActions.QueriesRun, async a => await w.Workspace.Get<QueryRunner>().RunReleasedAsync(a, w.Alpha)),
        ["open Alpha in the editor"] = (AuditActions.VersionsViewed, async a => await w.Workspace.Versions.ListAsync(a, w.Alpha)),
        ["open a version of Alpha"] = (AuditActions.VersionsViewed, async a => await w.Workspace.Versions.GetAsync(a, w.AlphaV1)),
        ["open Beta in the editor"] = (AuditActions.VersionsViewed, async a => await w.Workspace.Versions.ListAsync(a, w.Beta)),
        ["see release history"] = (AuditActions.ReleasesViewed, async a => await w.Workspace.Releases.HistoryAsync(a, w.Alpha)),
        ["rename a data source"] = (AuditActions.DataSourceRenamed, async a =>
            await w.Workspace.Get<DataSourceService>().RenameAsync(a, ResultAssert.Ok(await w.Workspace.Get<DataSourceService>().CreateAsync(w.Workspace.Admin, w.Unique("ds"), DataSourceKind.StaticJson)), w.Unique("renamed"))),
        ["delete a data source"] = (AuditActions.DataSourceDeleted, async a =>
            await w.Workspace.Get<DataSourceService>().DeleteAsync(a, ResultAssert.Ok(await w.Workspace.Get<DataSourceService>().CreateAsync(w.Workspace.Admin, w.Unique("ds"), DataSourceKind.StaticJson)))),
        ["run Alpha's queries"] = (AuditActions.QueriesRun, async a => await w.Workspace.Get<QueryRunner>().RunForVersionAsync(a, w.AlphaV1)),
        ["create version"] = (AuditActions.VersionCreated, async a => await w.Workspace.Versions.CreateAsync(a, w.Alpha, w.Unique("v"), w.AlphaV1)),
        ["create version on Beta"] = (AuditActions.VersionCreated, async a => await w.Workspace.Versions.CreateAsync(a, w.Beta, w.Unique("v"), w.BetaV1)),
        ["edit a draft (autosave)"] = (AuditActions.VersionEdited, async a =>
        {
            var draft = await w.DraftAsync();
            var detail = ResultAssert.Ok(await w.Workspace.Versions.GetAsync(w.Workspace.Admin, draft));
            return await w.Workspace.Versions.ApplyAsync(a, draft, detail.Revision, [AddComponent.New(detail.Definition.Pages[0].Id, ComponentType.Text)]);
        }),
        ["replace a draft's definition"] = (AuditActions.VersionEdited, async a =>
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
        ["list constants"] = (AuditActions.ConstantsViewed, async a => await w.Workspace.Get<ConstantService>().ListAsync(a)),
        ["create a constant"] = (AuditActions.ConstantCreated, async a => await w.Workspace.Get<ConstantService>().CreateAsync(a, w.Unique("C"), isSecret: false)),
        ["set a constant's value"] = (AuditActions.ConstantValueSet, async a =>
            await w.Workspace.Get<ConstantService>().SetValueAsync(a, ResultAssert.Ok(await w.Workspace.Get<ConstantService>().CreateAsync(w.Workspace.Admin, w.Unique("C"), isSecret: true)), DeploymentEnvironment.Staging, "value")),
        ["rename a constant"] = (AuditActions.ConstantRenamed, async a =>
            await w.Workspace.Get<ConstantService>().RenameAsync(a, ResultAssert.Ok(await w.Workspace.Get<ConstantService>().CreateAsync(w.Workspace.Admin, w.Unique("C"), isSecret: false)), w.Unique("Renamed"))),
        ["delete a constant"] = (AuditActions.ConstantDeleted, async a =>
            await w.Workspace.Get<ConstantService>().DeleteAsync(a, ResultAssert.Ok(await w.Workspace.Get<ConstantService>().CreateAsync(w.Workspace.Admin, w.Unique("C"), isSecret: false)))),
        ["list data sources"] = (AuditActions.DataSourcesViewed, async a => await w.Workspace.Get<DataSourceService>().ListAsync(a)),
        ["name Alpha's data sources in the editor"] = (AuditActions.DataSourceNamesViewed, async a => await w.Workspace.Get<DataSourceService>().NamesAsync(a, w.Alpha)),
        ["create a data source"] = (AuditActions.DataSourceCreated, async a => await w.Workspace.Get<DataSourceService>().CreateAsync(a, w.Unique("ds"), DataSourceKind.StaticJson)),
        ["configure a data source"] = (AuditActions.DataSourceSettingsSaved, async a =>
            await w.Workspace.Get<DataSourceService>().SaveSettingsAsync(a, ResultAssert.Ok(await w.Workspace.Get<DataSourceService>().CreateAsync(w.Workspace.Admin, w.Unique("ds"), DataSourceKind.StaticJson)), DeploymentEnvironment.Development, new DataSourceSettingsInput(null, null, null, "[]"))),
        ["list the outbound allowlist"] = (AuditActions.AllowlistViewed, async a => await w.Workspace.Get<OutboundAllowlistService>().ListAsync(a)),
        ["allow a host outbound"] = (AuditActions.AllowlistAdded, async a => await w.Workspace.Get<OutboundAllowlistService>().AddAsync(a, $"{w.Unique("api")}.corp.test", null)),
        ["remove an allowed host"] = (AuditActions.AllowlistRemoved, async a =>
            await w.Workspace.Get<OutboundAllowlistService>().RemoveAsync(a, ResultAssert.Ok(await w.Workspace.Get<OutboundAllowlistService>().AddAsync(w.Workspace.Admin, $"{w.Unique("api")}.corp.test", null)))),
        ["list users"] = (AuditActions.UsersViewed, async a => await w.Workspace.UserAdmin.ListAsync(a, null, 1, 20)),
        ["see a user's effective rights"] = (AuditActions.GroupsViewed, async a => await w.Workspace.GroupAdmin.EffectiveRightsAsync(a, (await w.NewcomerAsync()).UserId)),
        ["create a user in Newcomers"] = (AuditActions.UserCreated, async a => await CreateUserAsync(w, a, w.Newcomers)),
        ["create a user in End users"] = (AuditActions.UserCreated, async a => await CreateUserAsync(w, a, Group.EndUsersId)),
        ["create a user in Admins"] = (AuditActions.UserCreated, async a => await CreateUserAsync(w, a, Group.AdminsId)),
        ["reset a newcomer's password"] = (AuditActions.UserPasswordReset, async a => await w.Workspace.UserAdmin.ResetPasswordAsync(a, (await w.NewcomerAsync()).UserId)),
        ["reset a builder's password"] = (AuditActions.UserPasswordReset, async a => await w.Workspace.UserAdmin.ResetPasswordAsync(a, (await w.BuilderAsync()).UserId)),
        ["reset an admin's password"] = (AuditActions.UserPasswordReset, async a => await w.Workspace.UserAdmin.ResetPasswordAsync(a, w.Workspace.Admin.UserId)),
        ["disable a newcomer"] = (AuditActions.UserDisabled, async a => await w.Workspace.UserAdmin.DisableAsync(a, (await w.NewcomerAsync()).UserId)),
        ["disable an admin"] = (AuditActions.UserDisabled, async a => await w.Workspace.UserAdmin.DisableAsync(a, (await w.SecondAdminAsync()).UserId)),
        ["enable a newcomer"] = (AuditActions.UserEnabled, async a =>
        {
            var newcomer = await w.NewcomerAsync();
            ResultAssert.Ok(await w.Workspace.UserAdmin.DisableAsync(w.Workspace.Admin, newcomer.UserId));
            return await w.Workspace.UserAdmin.EnableAsync(a, newcomer.UserId);
        }),
        ["list groups"] = (AuditActions.GroupsViewed, async a => await w.Workspace.GroupAdmin.ListAsync(a)),
        ["create a group"] = (AuditActions.GroupCreated, async a => await w.Workspace.GroupAdmin.CreateAsync(a, w.Unique("Group"))),
        ["grant a right the granter holds"] = (AuditActions.GroupPermissionGranted, async a =>
            await w.Workspace.GroupAdmin.SetPermissionAsync(a, await w.Workspace.CreateGroupAsync(w.Unique("Scratch")), Permission.ManageGroups, null, granted: true)),
        ["grant a right the granter lacks"] = (AuditActions.GroupPermissionGranted, async a =>
            await w.Workspace.GroupAdmin.SetPermissionAsync(a, await w.Workspace.CreateGroupAsync(w.Unique("Scratch")), Permission.ViewApp, w.Alpha, granted: true)),
        ["add a newcomer to Newcomers"] = (AuditActions.GroupMemberAdded, async a =>
        {
            var newcomer = await w.NewcomerAsync();
            ResultAssert.Ok(await w.Workspace.GroupAdmin.RemoveMemberAsync(w.Workspace.Admin, w.Newcomers, newcomer.UserId));
            return await w.Workspace.GroupAdmin.AddMemberAsync(a, w.Newcomers, newcomer.UserId);
        }),
        ["add a newcomer to End users"] = (AuditActions.GroupMemberAdded, async a => await w.Workspace.GroupAdmin.AddMemberAsync(a, Group.EndUsersId, (await w.NewcomerAsync()).UserId)),
        ["add oneself to Builders"] = (AuditActions.GroupMemberAdded, async a => await w.Workspace.GroupAdmin.AddMemberAsync(a, Group.BuildersId, a.UserId)),
        ["add oneself to Admins"] = (AuditActions.GroupMemberAdded, async a => await w.Workspace.GroupAdmin.AddMemberAsync(a, Group.AdminsId, a.UserId)),
        ["remove a newcomer from Newcomers"] = (AuditActions.GroupMemberRemoved, async a => await w.Workspace.GroupAdmin.RemoveMemberAsync(a, w.Newcomers, (await w.NewcomerAsync()).UserId)),
        ["remove an admin from Admins"] = (AuditActions.GroupMemberRemoved, async a => await w.Workspace.GroupAdmin.RemoveMemberAsync(a, Group.AdminsId, (await w.SecondAdminAsync()).UserId)),
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
        ["see Alpha's sharing settings"] = (AuditActions.SharingViewed, async a => await w.Workspace.Get<SharingService>().GetAsync(a, w.Alpha, w.AlphaV1)),
        // Each change is undone by the admin, so that the rows after it find Alpha as it was (private, at /apps/alpha, live).
        ["change Alpha's slug"] = (AuditActions.AppSlugChanged, async a =>
            await UndoneAsync(await w.Workspace.Get<SharingService>().ChangeSlugAsync(a, w.Alpha, w.Unique("alpha-")), () => w.Workspace.Get<SharingService>().ChangeSlugAsync(w.Workspace.Admin, w.Alpha, "alpha"))),
        ["make Alpha public"] = (AuditActions.AppVisibilityChanged, async a =>
            await UndoneAsync(await w.Workspace.Get<SharingService>().SetPublicAsync(a, w.Alpha, true), () => w.Workspace.Get<SharingService>().SetPublicAsync(w.Workspace.Admin, w.Alpha, false))),
        ["put Alpha in maintenance"] = (AuditActions.AppMaintenanceChanged, async a =>
            await UndoneAsync(await w.Workspace.Get<SharingService>().SetMaintenanceAsync(a, w.Alpha, true), () => w.Workspace.Get<SharingService>().SetMaintenanceAsync(w.Workspace.Admin, w.Alpha, false))),
        ["preview Alpha with development values"] = (AuditActions.AppPreviewed, async a => await w.Workspace.Get<PreviewService>().OpenAsync(a, "alpha", w.AlphaV1, DeploymentEnvironment.Development)),
        ["preview Alpha with staging values"] = (AuditActions.AppPreviewed, async a => await w.Workspace.Get<PreviewService>().OpenAsync(a, "alpha", w.AlphaV1, DeploymentEnvironment.Staging)),
        ["preview Alpha with production values"] = (AuditActions.AppPreviewed, async a => await w.Workspace.Get<PreviewService>().OpenAsync(a, "alpha", w.AlphaV1, DeploymentEnvironment.Production)),
        ["see the embedding settings"] = (AuditActions.EmbeddingViewed, async a => await w.Workspace.Get<EmbeddingService>().GetAsync(a)),
        ["allow a site to embed apps"] = (AuditActions.EmbeddingOriginAdded, async a => await w.Workspace.Get<EmbeddingService>().AddOriginAsync(a, $"https://{w.Unique("site")}.example")),
        ["stop a site embedding apps"] = (AuditActions.EmbeddingOriginRemoved, async a =>
            await w.Workspace.Get<EmbeddingService>().RemoveOriginAsync(a, ResultAssert.Ok(await w.Workspace.Get<EmbeddingService>().AddOriginAsync(w.Workspace.Admin, $"https://{w.Unique("site")}.example")))),
        ["allow embedding private apps"] = (AuditActions.EmbeddingPrivateAppsChanged, async a =>
            await UndoneAsync(await w.Workspace.Get<EmbeddingService>().SetPrivateAppsAsync(a, true), () => w.Workspace.Get<EmbeddingService>().SetPrivateAppsAsync(w.Workspace.Admin, false))),
    };

    /// <summary>Runs <paramref name="undo"/> as the admin after an allowed change, and answers the change's result.</summary>
    private static async Task<Result> UndoneAsync(Result result, Func<Task<Result>> undo)
    {
        if (result.IsSuccess)
        {
            ResultAssert.Ok(await undo());
        }

        return result;
    }

    private static async Task<Result> CreateUserAsync(MatrixWorld w, Actor actor, int groupId) =>
        await w.Workspace.UserAdmin.CreateUserAsync(actor, $"{w.Unique("new")}@lifecycle.test", "New Person", [groupId]);
}
