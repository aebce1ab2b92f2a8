using Bunit;
using Lifecycle.Data.Versions;
using Lifecycle.Web.Features.Versions;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor.Services;

namespace Lifecycle.Tests.Components;

/// <summary>The read-only prompt above a released or saved version. Pure UI: no services needed beyond MudBlazor.</summary>
public sealed class BlockedEditPromptTests
{
    // SPEC V7, SPEC T1
    [Theory]
    [InlineData(DisplayedVersionState.Released, "This version is released. Create a new version to make changes.")]
    [InlineData(DisplayedVersionState.Saved, "This version is saved. Create a new version to make changes.")]
    public async Task Prompt_says_why_the_version_is_read_only(DisplayedVersionState state, string message)
    {
        await using var ctx = NewContext();

        var cut = ctx.Render<BlockedEditPrompt>(p => p.Add(x => x.State, state).Add(x => x.OnCreateNewVersion, () => { }));

        var prompt = cut.Find("[data-testid=blocked-edit-prompt]");
        Assert.Equal(message, prompt.QuerySelector("p.mud-typography")!.TextContent.Trim());
    }

    // SPEC V7: its button starts creating a new version
    [Fact]
    public async Task Create_new_version_button_invokes_the_callback()
    {
        await using var ctx = NewContext();
        var clicks = 0;
        var cut = ctx.Render<BlockedEditPrompt>(p => p.Add(x => x.State, DisplayedVersionState.Released).Add(x => x.OnCreateNewVersion, () => clicks++));

        await cut.Find("[data-testid=blocked-edit-prompt] [data-testid=create-new-version]").ClickAsync(new MouseEventArgs());

        Assert.Equal(1, clicks);
    }

    // SPEC V7, SPEC A1: a user who may not edit still sees why, but gets no button
    [Fact]
    public async Task Create_new_version_button_is_hidden_when_the_user_may_not_create()
    {
        await using var ctx = NewContext();

        var cut = ctx.Render<BlockedEditPrompt>(p => p
            .Add(x => x.State, DisplayedVersionState.Released)
            .Add(x => x.CanCreate, false)
            .Add(x => x.OnCreateNewVersion, () => { }));

        Assert.Single(cut.FindAll("[data-testid=blocked-edit-prompt]"));
        Assert.Empty(cut.FindAll("[data-testid=create-new-version]"));
    }

    private static BunitContext NewContext()
    {
        var ctx = new BunitContext();
        ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        ctx.Services.AddMudServices();
        return ctx;
    }
}
