using Lifecycle.Data.Access;
using Lifecycle.Data.Common;
using Lifecycle.Data.Definitions;
using Lifecycle.Tests.Domain;
using Lifecycle.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Lifecycle.Tests.Integration;

/// <summary>
/// Issue 7, must-fix 9: every use case that stores text people read refuses bad input with a field error and stores
/// nothing. The figures in docs/security.md ("bad inputs tried") come from this class.
/// </summary>
public sealed class InputHygieneTests
{
    [Fact]
    public async Task EveryNameRefusesControlInvisibleAndDirectionChangingCharacters()
    {
        // issue 7 must-fix 9: apps, groups, users' display names, versions (create and rename), pages, release notes,
        // descriptions. Inside the text: at its ends, the ones that are white space are trimmed away before storing.
        await using var workspace = await TestWorkspace.StartAsync();
        var app = await workspace.CreateAppAsync(workspace.Admin, "Orders");
        var v1 = await workspace.FirstVersionIdAsync(app.Id);
        var group = await workspace.CreateGroupAsync("Reviewers");
        var released = await workspace.CreateProductionVersionAsync(workspace.Admin, app.Id, "ready", v1);
        var draft = await workspace.CreateVersionAsync(workspace.Admin, app.Id, "draft", v1);
        var definition = ResultAssert.Ok(await workspace.Versions.GetAsync(workspace.Admin, v1)).Definition;
        var attempts = new List<(string UseCase, string Field, Func<string, Task<Result>> Run)>
        {
            ("create app", "name", async bad => await workspace.Apps.CreateAsync(workspace.Admin, $"Sh{bad}op", $"shop-{Guid.NewGuid():N}"[..20])),
            ("create group", "name", async bad => await workspace.GroupAdmin.CreateAsync(workspace.Admin, $"Te{bad}am")),
            ("rename group", "name", async bad => await workspace.GroupAdmin.RenameAsync(workspace.Admin, group, $"Te{bad}am")),
            ("create user", "name", async bad => await workspace.UserAdmin.CreateUserAsync(workspace.Admin, $"{Guid.NewGuid():N}@lifecycle.test", $"E{bad}ve", [Group.EndUsersId])),
            ("create version", "name", async bad => await workspace.Versions.CreateAsync(workspace.Admin, app.Id, $"v{bad}2", v1)),
            ("rename version", "name", async bad => await workspace.Versions.RenameAsync(workspace.Admin, draft.Id, $"v{bad}3")),
            ("add page", "pageName", bad => Task.FromResult<Result>(DefinitionEdits.AddPage(definition, $"Pa{bad}ge"))),
            ("rename page", "pageName", bad => Task.FromResult<Result>(DefinitionEdits.RenamePage(definition, definition.Pages[0].Id, $"Ho{bad}me"))),
            ("save version (description)", "description", async bad => await workspace.Versions.SaveAsync(workspace.Admin, draft.Id, $"Fi{bad}xes")),
            ("release (notes)", "notes", async bad => await workspace.Releases.ReleaseAsync(workspace.Admin, released, $"Lau{bad}nch")),
        };
        // Line breaks and tabs are refused in names but fine in notes and descriptions (TextRulesTests checks both).
        var badCharacters = TextRulesTests.UnsafeCharacters.Where(bad => bad is not ("\t" or "\n" or "\r")).ToList();

        var accepted = new List<string>();
        foreach (var (useCase, field, run) in attempts)
        {
            foreach (var bad in badCharacters)
            {
                var result = await run(bad);
                if (result.Status != ResultStatus.Invalid || result.Field != field)
                {
                    accepted.Add($"{useCase} with U+{(int)bad[0]:X4}: {result.Status} {result.Field} {result.Error}");
                }
            }
        }

        Assert.True(accepted.Count == 0, string.Join(Environment.NewLine, accepted));
        Assert.Equal(10 * 23, attempts.Count * badCharacters.Count); // the figure in docs/security.md
        await using var db = await workspace.DbAsync();
        Assert.Equal(["Orders"], await db.Apps.Select(a => a.Name).ToListAsync());
        Assert.Equal(["draft", "ready", "v1"], (await db.Versions.Select(v => v.Name).ToListAsync()).Order());
        Assert.False(await db.Users.AnyAsync(u => u.DisplayName.StartsWith("Eve")));
        Assert.Null((await workspace.AppRowAsync(app.Id)).ReleasedVersionId);
    }

    [Fact]
    public async Task LengthsAddressesSlugsAndImageSourcesAreCheckedByTheServer()
    {
        // issue 7 must-fix 9
        await using var workspace = await TestWorkspace.StartAsync();
        var app = await workspace.CreateAppAsync(workspace.Admin, "Orders");
        var v1 = await workspace.FirstVersionIdAsync(app.Id);
        var ready = await workspace.CreateProductionVersionAsync(workspace.Admin, app.Id, "ready", v1);
        var draft = await workspace.CreateVersionAsync(workspace.Admin, app.Id, "draft", v1);
        var longEmail = new string('a', 64) + "@" + string.Join(".", Enumerable.Repeat(new string('b', 62), 3)) + ".test"; // 255 characters

        ResultAssert.Failed(ResultStatus.Invalid, await workspace.UserAdmin.CreateUserAsync(workspace.Admin, longEmail, "Long Mail", [Group.EndUsersId]), "email");
        ResultAssert.Failed(ResultStatus.Invalid, await workspace.Setup.CreateFirstAdminAsync(longEmail, "Long Mail", TestWorkspace.Password), "email");
        ResultAssert.Failed(ResultStatus.Invalid, await workspace.Versions.SaveAsync(workspace.Admin, draft.Id, new string('d', 501)), "description");
        ResultAssert.Failed(ResultStatus.Invalid, await workspace.Releases.ReleaseAsync(workspace.Admin, ready, new string('n', 1001)), "notes");
        foreach (var slug in new[] { "---", "-shop", "shop-" })
        {
            ResultAssert.Failed(ResultStatus.Invalid, await workspace.Apps.CreateAsync(workspace.Admin, "Shop", slug), "slug");
        }

        var detail = ResultAssert.Ok(await workspace.Versions.GetAsync(workspace.Admin, draft.Id));
        var page = detail.Definition.Pages[0];
        var image = new ComponentDefinition("c1", "image1", ComponentType.Image, ComponentCatalog.DefaultProperties(ComponentType.Image).SetItem(ImageSources.Property, "javascript:alert(1)"), 0);
        var crafted = detail.Definition with { Pages = [page with { Components = [image] }] };
        ResultAssert.Failed(ResultStatus.Invalid, await workspace.Versions.UpdateDefinitionAsync(workspace.Admin, draft.Id, detail.Revision, crafted), ImageSources.Property);

        Assert.Equal(detail.Revision, (await workspace.VersionRowAsync(draft.Id)).Revision);

        // The editor's operations (decision 019): a property set or a whole component record, refused by the edit itself.
        var added = ResultAssert.Ok(await workspace.Versions.ApplyAsync(workspace.Admin, draft.Id, detail.Revision, [new AddComponent(page.Id, "c1", ComponentType.Image)]));
        var stored = ResultAssert.Ok(await workspace.Versions.GetAsync(workspace.Admin, draft.Id)).Definition.Pages[0].Components.Single();
        ResultAssert.Failed(ResultStatus.Invalid, await workspace.Versions.ApplyAsync(workspace.Admin, draft.Id, added,
            [new SetComponentProperty(page.Id, "c1", ImageSources.Property, "javascript:alert(1)")]), ImageSources.Property);
        ResultAssert.Failed(ResultStatus.Invalid, await workspace.Versions.ApplyAsync(workspace.Admin, draft.Id, added,
            [new ReplaceComponent(page.Id, stored with { Properties = stored.Properties.SetItem(ImageSources.Property, "data:text/html,x") })]), ImageSources.Property);
        Assert.Equal(added, (await workspace.VersionRowAsync(draft.Id)).Revision);
        Assert.Null((await workspace.AppRowAsync(app.Id)).ReleasedVersionId);
        ResultAssert.Ok(await workspace.Releases.ReleaseAsync(workspace.Admin, ready, "Line one.\nLine two."));
    }
}
