using Bunit;
using Lifecycle.Data.Access;
using Lifecycle.Data.Apps;
using Lifecycle.Data.Common;
using Lifecycle.Web.Features.Admin;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace Lifecycle.Tests.Components;

/// <summary>bUnit tests of the admin components (SPEC A2). One context per test: MudBlazor's services are only async-disposable.</summary>
public sealed class AdminComponentTests
{
    private static readonly IReadOnlyList<GroupApp> Apps = [new(1, "Alpha"), new(2, "Beta")];
    private static readonly UserRights Admin = new(isAdmin: true, []);

    private static BunitContext NewContext()
    {
        var context = new BunitContext();
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        context.Services.AddMudServices();
        return context;
    }

    [Fact]
    public async Task A2_PermissionsPanelShowsWorkspaceSwitchesAndARowForAllAppsAndEachApp()
    {
        // SPEC A2
        await using var context = NewContext();
        var panel = context.Render<GroupPermissionsPanel>(p => p
            .Add(c => c.Grants, [new GroupGrant(Permission.ViewAuditLog, null), new GroupGrant(Permission.EditApp, 1)])
            .Add(c => c.Apps, Apps)
            .Add(c => c.Viewer, Admin));

        var workspace = panel.Find("[data-testid=workspace-permissions]");
        Assert.Equal(7, workspace.QuerySelectorAll("input[type=checkbox]").Length);
        Assert.Equal(["View audit log"], workspace.QuerySelectorAll("label").Where(l => l.QuerySelector("input")!.HasAttribute("checked")).Select(l => l.TextContent.Trim()));
        Assert.NotNull(panel.Find("[data-testid=app-permissions-all]"));
        Assert.True(panel.Find("input[aria-label='Edit on Alpha']").HasAttribute("checked"));
        Assert.False(panel.Find("input[aria-label='Edit on Beta']").HasAttribute("checked"));
        Assert.False(panel.Find("input[aria-label='Release and roll back on All apps']").HasAttribute("checked"));
    }

    [Fact]
    public async Task A2_TickingACellRaisesThePermissionTheAppAndTheNewState()
    {
        // SPEC A2
        await using var context = NewContext();
        var toggles = new List<GroupPermissionsPanel.PermissionToggle>();
        var panel = context.Render<GroupPermissionsPanel>(p => p
            .Add(c => c.Grants, [new GroupGrant(Permission.EditApp, 1)])
            .Add(c => c.Apps, Apps)
            .Add(c => c.Viewer, Admin)
            .Add(c => c.OnToggle, EventCallback.Factory.Create<GroupPermissionsPanel.PermissionToggle>(this, toggles.Add)));

        panel.Find("input[aria-label='Release and roll back on Beta']").Change(true);
        panel.Find("input[aria-label='Edit on Alpha']").Change(false);
        panel.Find("[data-testid=workspace-permissions] input").Change(true);

        Assert.Equal(
        [
            new GroupPermissionsPanel.PermissionToggle(Permission.ReleaseApp, 2, true),
            new GroupPermissionsPanel.PermissionToggle(Permission.EditApp, 1, false),
            new GroupPermissionsPanel.PermissionToggle(Permission.ManageUsers, null, true),
        ], toggles);
    }

    [Fact]
    public async Task A1_AdminsPermissionsAreShownAllHeldAndCannotBeChanged()
    {
        // SPEC A1: Admins hold everything
        await using var context = NewContext();
        var panel = context.Render<GroupPermissionsPanel>(p => p.Add(c => c.Grants, []).Add(c => c.Apps, Apps).Add(c => c.ReadOnly, true).Add(c => c.Viewer, Admin));

        Assert.All(panel.FindAll("[data-testid=app-permissions] input"), box => Assert.True(box.HasAttribute("disabled") && box.HasAttribute("checked")));
        Assert.True(panel.Find("[data-testid=workspace-permissions]").HasAttribute("disabled"));
    }

    [Fact]
    public async Task A2_EffectiveRightsNameTheGrantingGroups()
    {
        // SPEC A2
        await using var context = NewContext();
        var rights = new EffectiveRights(false, [],
        [
            new RightReason(Permission.CreateApps, null, null, ["Builders"]),
            new RightReason(Permission.EditApp, 1, "Alpha", ["Alpha editors", "Builders"]),
        ]);

        var view = context.Render<EffectiveRightsView>(p => p.Add(c => c.Rights, rights));

        var rows = view.FindAll("[data-testid=right-row]").Select(r => string.Join("|", r.QuerySelectorAll("td").Select(td => td.TextContent.Trim()))).ToList();
        Assert.Equal(["Create apps|Workspace|Builders", "Edit|Alpha|Alpha editors, Builders"], rows);
        var admin = context.Render<EffectiveRightsView>(p => p.Add(c => c.Rights, new EffectiveRights(true, ["Admins"], [])));
        Assert.Contains("Everything, granted by Admins.", admin.Find("[data-testid=rights-everything]").TextContent);
        Assert.Contains("disabled", admin.Markup);
    }

    [Fact]
    public async Task A3_AdminStateShowsTheServersRefusalInsteadOfTheContent()
    {
        // SPEC A3: the server's refusal is what the page shows
        await using var context = NewContext();
        var state = context.Render<AdminState>(p => p
            .Add(c => c.Loading, false)
            .Add(c => c.Failure, Result.Forbidden("You may not manage users."))
            .Add(c => c.ChildContent, (RenderFragment)(b => b.AddMarkupContent(0, "<p id=secret>users</p>"))));

        Assert.Equal("You may not manage users.", state.Find("[data-testid=not-allowed]").TextContent.Trim());
        Assert.Empty(state.FindAll("#secret"));
    }

    [Fact]
    public async Task A7_APermissionTheViewerDoesNotHoldCannotBeTickedButAHeldOneCanBeWithdrawn()
    {
        // SPEC A7: the panel asks the viewer's rights what may be granted
        await using var context = NewContext();
        var groupManager = new UserRights(false, [(Permission.ManageGroups, null), (Permission.EditApp, 1)]);
        var panel = context.Render<GroupPermissionsPanel>(p => p
            .Add(c => c.Grants, [new GroupGrant(Permission.ReleaseApp, 2)])
            .Add(c => c.Apps, Apps)
            .Add(c => c.Viewer, groupManager));

        Assert.False(panel.Find("input[aria-label='Edit on Alpha']").HasAttribute("disabled"));
        Assert.False(panel.Find("input[aria-label='View on Alpha']").HasAttribute("disabled")); // edit includes view
        Assert.True(panel.Find("input[aria-label='Edit on Beta']").HasAttribute("disabled"));
        Assert.True(panel.Find("input[aria-label='Edit on All apps']").HasAttribute("disabled"));
        Assert.False(panel.Find("input[aria-label='Release and roll back on Beta']").HasAttribute("disabled")); // held by the group: may be withdrawn
        var workspace = panel.Find("[data-testid=workspace-permissions]").QuerySelectorAll("label")
            .Where(l => !l.QuerySelector("input")!.HasAttribute("disabled")).Select(l => l.TextContent.Trim());
        Assert.Equal(["Manage groups"], workspace);
    }

    [Fact]
    public async Task A7_UserRowsOfferResetAndDisableOnlyWhereTheServerAllowsThem()
    {
        // SPEC A7: no reset or disable on an admin's row for a user manager
        await using var context = NewContext();
        var table = context.Render<UserTable>(p => p.Add(c => c.Users,
        [
            new UserRow("1", "Ada Admin", "ada@example.com", false, ["Admins"], MayChange: false),
            new UserRow("2", "Nick Newcomer", "nick@example.com", false, ["Newcomers"], MayChange: true),
            new UserRow("3", "Dora Disabled", "dora@example.com", true, ["Newcomers"], MayChange: true),
        ]));

        Assert.Empty(table.Find("[data-testid='user-row-ada@example.com']").QuerySelectorAll("button"));
        Assert.Equal(["Disable", "Reset password"], table.Find("[data-testid='user-row-nick@example.com']").QuerySelectorAll("button").Select(b => b.TextContent.Trim()));
        Assert.Equal(["Enable", "Reset password"], table.Find("[data-testid='user-row-dora@example.com']").QuerySelectorAll("button").Select(b => b.TextContent.Trim()));
    }

    [Fact]
    public async Task A7_MembersPanelOffersAddingAndRemovingOnlyWhereTheServerAllowsThem()
    {
        // SPEC A7
        await using var context = NewContext();
        IReadOnlyList<GroupMemberRow> members =
        [
            new("1", "Ada Admin", "ada@example.com", false, MayChange: false),
            new("2", "Nick Newcomer", "nick@example.com", false, MayChange: true),
        ];
        var panel = context.Render<GroupMembersPanel>(p => p
            .Add(c => c.GroupName, "Admins").Add(c => c.Members, members).Add(c => c.Candidates, []).Add(c => c.MayAdd, false));

        Assert.Empty(panel.FindAll("[aria-label='Remove Ada Admin from Admins']"));
        Assert.NotEmpty(panel.FindAll("[aria-label='Remove Nick Newcomer from Admins']"));
        Assert.Empty(panel.FindAll("[data-testid=add-member-user]"));
        Assert.NotNull(panel.Find("[data-testid=add-member-not-allowed]"));
    }
}
