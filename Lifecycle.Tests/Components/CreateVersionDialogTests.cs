using AngleSharp.Dom;
using Bunit;
using Lifecycle.Data.Environments;
using Lifecycle.Data.Versions;
using Lifecycle.Web.Features.Versions;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;

namespace Lifecycle.Tests.Components;

/// <summary>The Create Version modal, opened the way the app opens it, creating through the real use case.</summary>
public sealed class CreateVersionDialogTests
{
    // SPEC V2, SPEC T1; SPEC V7 (opened from a released version, "from" is that version)
    [Fact]
    public async Task Modal_has_its_title_and_labelled_fields_with_from_preset_to_the_given_version()
    {
        await using var harness = await ComponentHarness.CreateAsync();
        var app = await harness.SeedAppWithEveryStateAsync();
        var (popovers, dialogs) = harness.RenderProviders();

        await OpenAsync(harness, dialogs, app, from: app.Named("v2"));

        Assert.Equal("Create Version", dialogs.Find(".mud-dialog-title").TextContent.Trim());
        var name = dialogs.Find("[data-testid=version-name]");
        Assert.Equal("Version Name", dialogs.Find($"label[for='{name.Id}']").TextContent.Trim());
        Assert.Equal("", name.GetAttribute("value"));
        var from = dialogs.Find("[data-testid=version-from]");
        Assert.Equal("Create version from", from.GetAttribute("aria-label"));
        Assert.Equal("v2 (Released)", from.TextContent.Trim());
    }

    // SPEC V2: the from-selector lists every version of the app with its state
    [Fact]
    public async Task From_selector_lists_every_version_with_its_state_and_selects_the_given_one()
    {
        await using var harness = await ComponentHarness.CreateAsync();
        var app = await harness.SeedAppWithEveryStateAsync();
        var (popovers, dialogs) = harness.RenderProviders();
        await OpenAsync(harness, dialogs, app, from: app.Named("v3"));

        var options = await OpenFromSelectorAsync(dialogs, popovers);

        Assert.Equal(["v1 (Draft)", "v2 (Released)", "v3 (Saved)"], options.Select(o => o.TextContent.Trim()));
        var selected = Assert.Single(options, o => o.GetAttribute("aria-selected") == "true");
        Assert.Equal("v3 (Saved)", selected.TextContent.Trim());
    }

    // SPEC V2: the name rules, shown next to the field; nothing is created
    [Theory]
    [InlineData("", "Enter a version name.")]
    [InlineData("   ", "Enter a version name.")]
    [InlineData("v2!", "Use letters, digits, spaces and . _ - only.")]
    [InlineData("v2/beta", "Use letters, digits, spaces and . _ - only.")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "A version name has at most 50 characters.")]
    public async Task Invalid_name_shows_the_rule_next_to_the_field_and_creates_nothing(string name, string message)
    {
        await using var harness = await ComponentHarness.CreateAsync();
        var app = await harness.SeedAppWithEveryStateAsync();
        var (_, dialogs) = harness.RenderProviders();
        var pending = await OpenAsync(harness, dialogs, app, from: app.Named("v1"));

        await SubmitAsync(dialogs, name);

        await dialogs.WaitForAssertionAsync(() => Assert.Equal(message, NameFieldError(dialogs)));
        Assert.Equal("true", dialogs.Find("[data-testid=version-name]").GetAttribute("aria-invalid"));
        Assert.False(pending.IsCompleted);
        Assert.Equal(app.Versions.Select(v => v.Id), (await harness.ListVersionsAsync(app.AppId)).Select(v => v.Id));
    }

    // SPEC V2: unique within the app ignoring case (and surrounding spaces); the server's refusal shows next to the field
    [Theory]
    [InlineData("V2", "A version named V2 already exists in this app.")]
    [InlineData(" v3 ", "A version named v3 already exists in this app.")]
    public async Task Duplicate_name_shows_the_servers_refusal_next_to_the_field_and_creates_nothing(string name, string message)
    {
        await using var harness = await ComponentHarness.CreateAsync();
        var app = await harness.SeedAppWithEveryStateAsync();
        var (_, dialogs) = harness.RenderProviders();
        var pending = await OpenAsync(harness, dialogs, app, from: app.Named("v1"));

        await SubmitAsync(dialogs, name);

        await dialogs.WaitForAssertionAsync(() => Assert.Equal(message, NameFieldError(dialogs)));
        Assert.False(pending.IsCompleted);
        Assert.Equal(app.Versions.Select(v => v.Id), (await harness.ListVersionsAsync(app.AppId)).Select(v => v.Id));
    }

    // SPEC V2: a valid name creates a draft in development from the chosen source, recording its parent
    [Fact]
    public async Task Valid_name_creates_a_draft_from_the_chosen_source_and_returns_it()
    {
        await using var harness = await ComponentHarness.CreateAsync();
        var app = await harness.SeedAppWithEveryStateAsync();
        var (popovers, dialogs) = harness.RenderProviders();
        var pending = await OpenAsync(harness, dialogs, app, from: app.Named("v1"));
        var source = app.Named("v2");

        var options = await OpenFromSelectorAsync(dialogs, popovers);
        await options.Single(o => o.TextContent.Trim() == "v2 (Released)").ClickAsync(new MouseEventArgs());
        await dialogs.WaitForAssertionAsync(() => Assert.Equal("v2 (Released)", dialogs.Find("[data-testid=version-from]").TextContent.Trim()));
        await SubmitAsync(dialogs, "  release 2.0_rc-1  ");

        var returned = await pending.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.NotNull(returned);
        await dialogs.WaitForAssertionAsync(() => Assert.Empty(dialogs.FindAll("[data-testid=version-name]")));
        var created = await harness.LoadVersionRowAsync(returned.Id);
        var sourceRow = await harness.LoadVersionRowAsync(source.Id);
        Assert.Equal("release 2.0_rc-1", created.Name);
        Assert.Equal(app.AppId, created.AppId);
        Assert.Equal(VersionState.Draft, created.State);
        Assert.Equal(DeploymentEnvironment.Development, created.Environment);
        Assert.Equal(source.Id, created.ParentVersionId);
        Assert.Equal(sourceRow.DefinitionHash, created.DefinitionHash);
        Assert.Equal(app.Versions.Count + 1, (await harness.ListVersionsAsync(app.AppId)).Count);
    }

    /// <summary>Opens the modal as the version dropdown and the blocked-edit prompt do; the task ends when it closes.</summary>
    private static async Task<Task<VersionSummary?>> OpenAsync(ComponentHarness harness, IRenderedComponent<MudDialogProvider> dialogs, SeededApp app, VersionSummary from)
    {
        Task<VersionSummary?> pending = null!;
        // A statement lambda (an Action): InvokeAsync must not await the dialog's result, which comes only when it closes.
        await dialogs.InvokeAsync(() => { pending = VersionDialogs.CreateVersionAsync(harness.Dialogs, harness.Snackbar, app.AppId, app.Versions, from.Id); });
        await dialogs.WaitForElementAsync("[data-testid=create-version-submit]");
        return pending;
    }

    private static async Task SubmitAsync(IRenderedComponent<MudDialogProvider> dialogs, string name)
    {
        await dialogs.Find("[data-testid=version-name]").InputAsync(new ChangeEventArgs { Value = name });
        await dialogs.Find("[data-testid=create-version-submit]").ClickAsync(new MouseEventArgs());
    }

    /// <summary>MudSelect 9 opens on mousedown of its input control; returns the listed options.</summary>
    private static async Task<IReadOnlyList<IElement>> OpenFromSelectorAsync(IRenderedComponent<MudDialogProvider> dialogs, IRenderedComponent<MudPopoverProvider> popovers)
    {
        await dialogs.Find("[data-testid=version-from]").Closest(".mud-input-control")!.MouseDownAsync(new MouseEventArgs());
        await popovers.WaitForElementAsync("[role=listbox] [role=option]");
        return [.. popovers.FindAll("[role=listbox] [role=option]")];
    }

    /// <summary>The error shown in the Version Name field's own helper line, or null.</summary>
    private static string? NameFieldError(IRenderedComponent<MudDialogProvider> dialogs) =>
        dialogs.Find("[data-testid=version-name]").Closest(".mud-input-control")!.QuerySelector(".mud-input-helper-text.mud-input-error")?.TextContent.Trim();
}
