using Lifecycle.Data.Access;
using Lifecycle.Data.GitSync;

namespace Lifecycle.Tests.Support;

/// <summary>
/// SPEC A1, A2, A6, A7: the single table of who may do what. Columns are the built-in groups and one-right custom groups;
/// each row is a use case, "Y" allowed and "." refused (Forbidden). The service-level test runs every row as a member of
/// every column (<c>PermissionMatrixTests</c>); the hosted-app test runs every page route and endpoint against the rows
/// that govern them (<c>RouteMatrixTests</c>). Alpha and Beta are two apps; a row acts on Alpha unless it says Beta.
/// "Newcomers" is a custom group that grants nothing, so handing out its membership raises nobody's rights.
/// </summary>
public static class PermissionMatrix
{
    public const string Admins = "Admins";
    public const string Builders = "Builders";
    public const string EndUsers = "End users";
    public const string AlphaEditors = "Alpha editors";     // custom: edit on Alpha only
    public const string AlphaReleasers = "Alpha releasers"; // custom: release and roll back on Alpha only
    public const string Auditors = "Auditors";              // custom: view audit log only
    public const string UserManagers = "User managers";     // custom: manage users only
    public const string GroupManagers = "Group managers";   // custom: manage groups only

    public static readonly IReadOnlyList<string> Columns = [Admins, Builders, EndUsers, AlphaEditors, AlphaReleasers, Auditors, UserManagers, GroupManagers];

    //                                                                             Admins Builders EndUsers AlphaEditors AlphaReleasers Auditors UserManagers GroupManagers
    public static readonly IReadOnlyList<(string UseCase, string Expected)> Rows =
    [
        ("list apps",                                     "Y Y Y Y Y Y Y Y"),
        ("create app",                                    "Y Y . . . . . ."),
        ("open the released app",                         "Y Y Y Y Y . . ."), // SPEC A6: View is using the released app
        ("run released Alpha's queries",                  "Y Y Y Y Y . . ."),
        ("open Alpha in the editor",                      "Y Y . Y Y . . ."), // SPEC A6: the version list needs edit, promote or release
        ("open a version of Alpha",                       "Y Y . Y Y . . ."),
        ("open Beta in the editor",                       "Y Y . . . . . ."),
        ("see release history",                           "Y Y . Y Y . . ."),
        ("run Alpha's queries",                           "Y Y . Y Y . . ."),
        ("create version",                                "Y Y . Y . . . ."),
        ("create version on Beta",                        "Y Y . . . . . ."),
        ("edit a draft (autosave)",                       "Y Y . Y . . . ."),
        ("replace a draft's definition",                  "Y Y . Y . . . ."),
        ("rename a draft",                                "Y Y . Y . . . ."),
        ("save a version",                                "Y Y . Y . . . ."),
        ("delete a version",                              "Y Y . Y . . . ."),
        ("promote to staging",                            "Y Y . . . . . ."),
        ("promote to production",                         "Y . . . . . . ."),
        ("release",                                       "Y . . . Y . . ."),
        ("roll back",                                     "Y . . . Y . . ."),
        ("list constants",                                "Y . . . . . . ."),
        ("create a constant",                             "Y . . . . . . ."),
        ("set a constant's value",                        "Y . . . . . . ."),
        ("rename a constant",                             "Y . . . . . . ."),
        ("delete a constant",                             "Y . . . . . . ."),
        ("list data sources",                             "Y . . . . . . ."),
        ("name Alpha's data sources in the editor",       "Y Y . Y Y . . ."), // names only, for the query panel (SPEC A6)
        ("create a data source",                          "Y . . . . . . ."),
        ("configure a data source",                       "Y . . . . . . ."),
        ("rename a data source",                          "Y . . . . . . ."),
        ("delete a data source",                          "Y . . . . . . ."),
        ("list the outbound allowlist",                   "Y . . . . . . ."),
        ("allow a host outbound",                         "Y . . . . . . ."),
        ("remove an allowed host",                        "Y . . . . . . ."),
        ("list users",                                    "Y . . . . . Y ."),
        ("see a user's effective rights",                 "Y . . . . . Y Y"),
        ("create a user in Newcomers",                    "Y . . . . . Y ."),
        ("create a user in End users",                    "Y . . . . . . ."), // SPEC A7: End users grants View, which a user manager does not hold
        ("create a user in Admins",                       "Y . . . . . . ."), // SPEC A7: only Admins make admins
        ("reset a newcomer's password",                   "Y . . . . . Y ."),
        ("reset a builder's password",                    "Y . . . . . . ."), // SPEC A7: the reset would hand over rights the resetter lacks
        ("reset an admin's password",                     "Y . . . . . . ."),
        ("disable a newcomer",                            "Y . . . . . Y ."),
        ("disable an admin",                              "Y . . . . . . ."),
        ("enable a newcomer",                             "Y . . . . . Y ."),
        ("list groups",                                   "Y . . . . . . Y"),
        ("create a group",                                "Y . . . . . . Y"),
        ("grant a right the granter holds",               "Y . . . . . . Y"),
        ("grant a right the granter lacks",               "Y . . . . . . ."), // SPEC A7
        ("add a newcomer to Newcomers",                   "Y . . . . . . Y"),
        ("add a newcomer to End users",                   "Y . . . . . . ."), // SPEC A7: hands out View
        ("add oneself to Builders",                       "Y . . . . . . ."), // SPEC A7: nobody raises their own rights
        ("add oneself to Admins",                         "Y . . . . . . ."),
        ("remove a newcomer from Newcomers",              "Y . . . . . . Y"),
        ("remove an admin from Admins",                   "Y . . . . . . ."),
        ("view the audit log",                            "Y . . . . Y . ."),
        ("export the audit log",                          "Y . . . . Y . ."),
        ("verify the audit chain",                        "Y . . . . Y . ."),
        ("see the GitSync settings",                      "Y . . . . . . ."),
        ("connect GitSync",                               "Y . . . . . . ."),
        ("test the GitSync connection",                   "Y . . . . . . ."),
        ("commit to git",                                 "Y . . . . . . ."),
        ("fetch from git",                                "Y . . . . . . ."),
        ("list what git holds",                           "Y . . . . . . ."),
        ("pull from git",                                 "Y . . . . . . ."),
        ("restore from git",                              "Y . . . . . . ."),
        ("see the git history",                           "Y . . . . . . ."),
        ("export an app",                                 "Y . . . . . . ."),
        ("preview an import",                             "Y . . . . . . ."),
        ("import an app",                                 "Y . . . . . . ."),
        ("see Alpha's sharing settings",                  "Y Y . Y Y . . ."), // the Share dialog opens with the editor (SPEC A6)
        ("change Alpha's slug",                           "Y . . . Y . . ."), // decision 027: what end users get at the address is a release decision
        ("make Alpha public",                             "Y . . . Y . . ."),
        ("put Alpha in maintenance",                      "Y . . . Y . . ."),
        ("preview Alpha with development values",         "Y Y . Y Y . . ."), // SPEC S4: v1 is in development, its own environment
        ("preview Alpha with staging values",             "Y Y . Y . . . ."), // decision 027: Edit or a promotion acts in staging
        ("preview Alpha with production values",          "Y . . . Y . . ."), // decision 027: promote to production or release
        ("see the embedding settings",                    "Y . . . . . . ."), // decision 029: Admins only
        ("allow a site to embed apps",                    "Y . . . . . . ."),
        ("stop a site embedding apps",                    "Y . . . . . . ."),
        ("allow embedding private apps",                  "Y . . . . . . ."),
    ];

    /// <summary>Whether a member of <paramref name="column"/> may do <paramref name="useCase"/>, as the table says.</summary>
    public static bool Allows(string useCase, string column)
    {
        var row = Rows.Single(r => r.UseCase == useCase);
        return row.Expected.Split(' ')[IndexOf(column)] == "Y";
    }

    private static int IndexOf(string column)
    {
        var index = Columns.ToList().IndexOf(column);
        return index >= 0 ? index : throw new ArgumentOutOfRangeException(nameof(column), column, "Not a column of the matrix.");
    }
}

/// <summary>
/// The workspace the matrix is run in: Alpha (released once) and Beta, set up by the admin, and the custom groups of
/// the columns. Use cases arrange what they need as the admin, through the use cases themselves.
/// </summary>
public sealed class MatrixWorld
{
    private readonly Dictionary<string, int> _customGroups = [];
    private int _counter;

    private MatrixWorld(TestWorkspace workspace) => Workspace = workspace;

    public TestWorkspace Workspace { get; }
    public int Alpha { get; private set; }
    public int AlphaV1 { get; private set; }
    public int Beta { get; private set; }
    public int BetaV1 { get; private set; }

    /// <summary>A custom group that grants nothing (SPEC A7: its membership raises nobody's rights).</summary>
    public int Newcomers { get; private set; }

    /// <summary>A bare repository the admin connected before the members act (GitSync use cases); empty when not connected.</summary>
    public string Repository { get; private set; } = "";

    public GitSyncService GitSync => Workspace.Get<GitSyncService>();

    /// <summary>An export of Alpha made by the admin, whose slug the member's import makes new.</summary>
    public async Task<string> ExportOfAlphaAsync() =>
        ResultAssert.Ok(await Workspace.Get<AppTransferService>().ExportAsync(Workspace.Admin, Alpha, null)).Text.Replace("\"slug\": \"alpha\"", $"\"slug\": \"{Unique("copy-")}\"");

    /// <summary>The world; with <paramref name="git"/>, GitSync is connected to a new bare repository (no automatic commits).</summary>
    public static async Task<MatrixWorld> ArrangeAsync(TestWorkspace workspace, GitRepositories? git = null)
    {
        var world = new MatrixWorld(workspace);
        if (git is not null)
        {
            world.Repository = git.CreateBare();
            ResultAssert.Ok(await world.GitSync.ConnectAsync(workspace.Admin, GitSyncInstance.LocalConnection(world.Repository, autoCommit: false)));
        }

        world.Alpha = (await workspace.CreateAppAsync(workspace.Admin, "Alpha")).Id;
        world.AlphaV1 = await workspace.FirstVersionIdAsync(world.Alpha);
        world.Beta = (await workspace.CreateAppAsync(workspace.Admin, "Beta")).Id;
        world.BetaV1 = await workspace.FirstVersionIdAsync(world.Beta);
        ResultAssert.Ok(await workspace.Releases.ReleaseAsync(workspace.Admin, await world.InProductionAsync(), "first"));
        world.Newcomers = await workspace.CreateGroupAsync("Newcomers");
        return world;
    }

    /// <summary>A new member of the column's group (its custom group is created once per world).</summary>
    public async Task<Actor> MemberOfAsync(string column) =>
        await Workspace.AddUserAsync(Unique($"Member {column.Replace(" ", "")} "), await GroupOfAsync(column));

    private async Task<int> GroupOfAsync(string column)
    {
        switch (column)
        {
            case PermissionMatrix.Admins: return Group.AdminsId;
            case PermissionMatrix.Builders: return Group.BuildersId;
            case PermissionMatrix.EndUsers: return Group.EndUsersId;
        }

        if (!_customGroups.TryGetValue(column, out var id))
        {
            (Permission, int?) grant = column switch
            {
                PermissionMatrix.AlphaEditors => (Permission.EditApp, Alpha),
                PermissionMatrix.AlphaReleasers => (Permission.ReleaseApp, Alpha),
                PermissionMatrix.Auditors => (Permission.ViewAuditLog, null),
                PermissionMatrix.UserManagers => (Permission.ManageUsers, null),
                PermissionMatrix.GroupManagers => (Permission.ManageGroups, null),
                _ => throw new ArgumentOutOfRangeException(nameof(column), column, "Not a column of the matrix."),
            };
            _customGroups[column] = id = await Workspace.CreateGroupAsync(column, grant);
        }

        return id;
    }

    public string Unique(string prefix) => $"{prefix}{++_counter}";

    public async Task<int> DraftAsync() => (await Workspace.CreateVersionAsync(Workspace.Admin, Alpha, Unique("draft"), AlphaV1)).Id;

    public Task<int> SavedAsync() => Workspace.CreateSavedVersionAsync(Workspace.Admin, Alpha, Unique("saved"), AlphaV1);

    public Task<int> InProductionAsync() => Workspace.CreateProductionVersionAsync(Workspace.Admin, Alpha, Unique("prod"), AlphaV1);

    /// <summary>A user in Newcomers only: no rights, so anyone who manages users or groups may change their account.</summary>
    public Task<Actor> NewcomerAsync() => Workspace.AddUserAsync(Unique("Newcomer "), Newcomers);

    public Task<Actor> BuilderAsync() => Workspace.AddUserAsync(Unique("Builder "), Group.BuildersId);

    /// <summary>A second admin, so that disabling or removing them keeps an active admin (SPEC A1).</summary>
    public Task<Actor> SecondAdminAsync() => Workspace.AddUserAsync(Unique("Admin "), Group.AdminsId);
}
