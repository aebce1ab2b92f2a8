using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Lifecycle.Tests.EndToEnd;

/// <summary>The editor and its App Version Manager, scripted through the hooks of SPEC T1-T3.</summary>
public sealed class EditorPageObject(IPage page)
{
    public IPage Page => page;
    public ILocator VersionManager => page.GetByTestId("version-manager");
    public ILocator VersionState => page.GetByTestId("version-state");
    public ILocator BlockedEditPrompt => page.GetByTestId("blocked-edit-prompt");
    public ILocator SaveStatus => page.GetByTestId("save-status");

    /// <summary>The bar below the header when an autosave was refused, with the two ways out of a conflict.</summary>
    public ILocator SaveConflict => page.GetByTestId("save-conflict");

    /// <summary>The autosave chip once every change is stored (its words differ from the "Saved" state badge).</summary>
    public const string StoredText = "All changes stored";

    public static async Task WaitUntilInteractiveAsync(IPage page) =>
        await Expect(page.GetByTestId("interactive")).ToBeAttachedAsync();

    /// <summary>
    /// Picks an option of a pop-up select and waits until the select shows it: the choice reaches the server with that
    /// render, so a click right after cannot overtake it (docs/testing.md, "pop-up selects").
    /// </summary>
    public static async Task PickAsync(IPage page, ILocator select, string option)
    {
        await select.ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = option, Exact = true }).ClickAsync();
        await Expect(select).ToHaveTextAsync(option);
    }

    /// <summary>Adds a component and waits until it is on the canvas and selected in the property panel.</summary>
    public async Task AddComponentAsync(string typeName, string expectedName)
    {
        await page.GetByTestId("add-component").ClickAsync();
        await page.GetByRole(AriaRole.Menuitem, new() { Name = typeName, Exact = true }).ClickAsync();
        await Expect(page.GetByTestId($"component-{expectedName}")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("property-panel")).ToContainTextAsync($": {expectedName}");
    }

    public async Task SelectComponentAsync(string name)
    {
        await page.GetByTestId($"component-{name}").ClickAsync();
        await Expect(page.GetByTestId("property-panel")).ToContainTextAsync($": {name}");
    }

    public async Task SetPropertyAsync(string property, string value)
    {
        var field = page.GetByTestId("property-panel").GetByLabel(property, new() { Exact = true });
        await field.FillAsync(value);
        await field.PressAsync("Tab"); // fields commit on change, as a user leaving the field does
        await Expect(SaveStatus).ToHaveTextAsync(StoredText);
    }

    public async Task OpenVersionAsync(string name)
    {
        await VersionManager.ClickAsync();
        await page.GetByRole(AriaRole.Menuitem).Filter(new() { HasText = name }).First.ClickAsync();
        await Expect(VersionManager).ToHaveTextAsync(name);
    }

    /// <summary>Fills the Create Version modal (opened by the caller) and submits it; "from" is left at its default.</summary>
    public async Task SubmitCreateVersionAsync(string name, string expectedFrom)
    {
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Expect(dialog).ToContainTextAsync("Create Version");
        await Expect(dialog.GetByTestId("version-from")).ToContainTextAsync(expectedFrom);
        await dialog.GetByLabel("Version Name").FillAsync(name);
        await dialog.GetByTestId("create-version-submit").ClickAsync();
        await Expect(VersionManager).ToHaveTextAsync(name);
        await Expect(VersionState).ToHaveTextAsync("Draft");
    }

    public async Task CreateVersionAsync(string name, string expectedFrom)
    {
        await VersionManager.ClickAsync();
        await page.GetByTestId("create-version").ClickAsync();
        await SubmitCreateVersionAsync(name, expectedFrom);
    }

    public async Task SaveVersionAsync(string description)
    {
        await page.GetByTestId("save-version").ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByLabel("Description (optional)").FillAsync(description);
        await page.GetByTestId("save-version-submit").ClickAsync();
        await Expect(VersionState).ToHaveTextAsync("Saved");
    }

    /// <summary>SPEC E2: one step up, after the confirmation that names from and to.</summary>
    public async Task PromoteAsync(string from, string to)
    {
        await Expect(page.GetByTestId("version-environment")).ToHaveTextAsync(from);
        await page.GetByTestId("promote-button").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Dialog)).ToContainTextAsync($"from {from} to {to}");
        await page.GetByTestId("promote-confirm").ClickAsync();
        await Expect(page.GetByTestId("version-environment")).ToHaveTextAsync(to);
    }

    /// <summary>Save, promote to staging and production, release: the path of a version to end users.</summary>
    public async Task SavePromoteAndReleaseAsync(string description)
    {
        await SaveVersionAsync(description);
        await Expect(page.GetByTestId("release-button")).ToHaveCountAsync(0); // SPEC V6: not in production yet, so the next step is a promotion
        await PromoteAsync("Development", "Staging");
        await PromoteAsync("Staging", "Production");
        await ReleaseAsync();
    }

    public async Task ReleaseAsync()
    {
        await page.GetByTestId("release-button").ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByLabel("Release notes (optional)").FillAsync($"Released {(await VersionManager.TextContentAsync())?.Trim()}");
        await page.GetByTestId("release-confirm").ClickAsync();
        await Expect(VersionState).ToHaveTextAsync("Released");
    }

    /// <summary>Adds a query on a data source; a REST query gets its path. "Run when the page opens" is ticked on request (SPEC D5).</summary>
    public async Task AddQueryAsync(string name, string dataSource, string? path = null, bool runWhenPageOpens = false)
    {
        var panel = page.GetByTestId("queries-panel");
        await panel.GetByLabel("New query name").FillAsync(name);
        await PickAsync(page, panel.GetByLabel("Data source"), dataSource);
        await panel.GetByRole(AriaRole.Button, new() { Name = "Add query" }).ClickAsync();
        await Expect(page.GetByTestId($"query-{name}")).ToBeVisibleAsync();
        if (path is not null)
        {
            var pathField = panel.GetByLabel($"{name} path");
            await pathField.FillAsync(path);
            await pathField.PressAsync("Tab");
            await Expect(SaveStatus).ToHaveTextAsync(StoredText);
        }

        if (runWhenPageOpens)
        {
            await panel.GetByTestId($"query-{name}").GetByLabel("Run when the page opens").CheckAsync();
            await Expect(SaveStatus).ToHaveTextAsync(StoredText);
        }
    }

    /// <summary>SPEC D5: adds "Run a query" to the selected button's On click.</summary>
    public async Task AddRunQueryActionAsync(string query)
    {
        var events = page.GetByTestId("events-panel");
        var before = await events.GetByTestId("event-action").CountAsync();
        await PickAsync(page, events.GetByLabel("Query"), query);
        await events.GetByTestId("add-event-action").ClickAsync();
        await Expect(events.GetByTestId("event-action")).ToHaveCountAsync(before + 1);
        await Expect(SaveStatus).ToHaveTextAsync(StoredText);
    }

    /// <summary>Drags a component by its handle onto the canvas cell of the given column (0-11), in the first row.</summary>
    public async Task DragToFirstRowAsync(string name, int column)
    {
        var canvas = page.GetByTestId("canvas");
        var box = (await canvas.BoundingBoxAsync())!;
        const float padding = 16; // the canvas's padding; columns share the rest
        var columnWidth = (box.Width - 2 * padding) / 12;
        await page.GetByTestId($"drag-{name}").DragToAsync(canvas, new() { TargetPosition = new() { X = padding + (column + 0.5f) * columnWidth, Y = padding + 10 } });
        await Expect(page.GetByTestId($"component-{name}")).ToHaveAttributeAsync("data-column", column.ToString());
        await Expect(SaveStatus).ToHaveTextAsync(StoredText);
    }
}
