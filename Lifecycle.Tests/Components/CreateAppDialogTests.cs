using Bunit;
using Lifecycle.Data.Apps;
using Lifecycle.Web.Features.Apps;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;

namespace Lifecycle.Tests.Components;

/// <summary>The New app dialog: the slug is what the builder typed, else the one derived from the name (SPEC S1).</summary>
public sealed class CreateAppDialogTests
{
    // Issue 8: a name typed after the slug (or arriving late) never overwrites or doubles the typed slug
    [Fact]
    public async Task A_typed_slug_is_kept_whatever_the_name_does_afterwards()
    {
        await using var harness = await ComponentHarness.CreateAsync();
        var (_, dialogs) = harness.RenderProviders();
        var pending = await OpenAsync(harness, dialogs);

        await dialogs.Find("[data-testid=app-slug]").InputAsync(new ChangeEventArgs { Value = "stress" });
        await dialogs.Find("[data-testid=app-name]").InputAsync(new ChangeEventArgs { Value = "stress78548" });
        await dialogs.Find("[data-testid=app-name]").InputAsync(new ChangeEventArgs { Value = "stress78548 again" });

        Assert.Equal("stress", dialogs.Find("[data-testid=app-slug]").GetAttribute("value"));
        await dialogs.Find("[data-testid=create-app-submit]").ClickAsync(new MouseEventArgs());
        var created = await pending.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("stress", created!.Slug);
        Assert.Equal("stress78548 again", created.Name);
    }

    // SPEC S1: left empty, the slug is derived from the name, shown as the field's placeholder
    [Fact]
    public async Task An_empty_slug_is_derived_from_the_name()
    {
        await using var harness = await ComponentHarness.CreateAsync();
        var (_, dialogs) = harness.RenderProviders();
        var pending = await OpenAsync(harness, dialogs);

        await dialogs.Find("[data-testid=app-name]").InputAsync(new ChangeEventArgs { Value = "Stock Room" });

        var slug = dialogs.Find("[data-testid=app-slug]");
        Assert.Equal("", slug.GetAttribute("value") ?? "");
        Assert.Equal("stock-room", slug.GetAttribute("placeholder"));
        await dialogs.Find("[data-testid=create-app-submit]").ClickAsync(new MouseEventArgs());
        Assert.Equal("stock-room", (await pending.WaitAsync(TimeSpan.FromSeconds(10)))!.Slug);
    }

    /// <summary>Opens the dialog as the apps page does; the task ends with the created app when it closes.</summary>
    private static async Task<Task<AppSummary?>> OpenAsync(ComponentHarness harness, IRenderedComponent<MudDialogProvider> dialogs)
    {
        Task<AppSummary?> pending = null!;
        await dialogs.InvokeAsync(() =>
        {
            pending = Open(harness.Dialogs);
        });
        await dialogs.WaitForElementAsync("[data-testid=create-app-submit]");
        return pending;
    }

    private static async Task<AppSummary?> Open(IDialogService dialogs)
    {
        var dialog = await dialogs.ShowAsync<CreateAppDialog>("New app");
        return await dialog.Result is { Canceled: false, Data: AppSummary created } ? created : null;
    }
}
