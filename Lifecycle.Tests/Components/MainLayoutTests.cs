using Bunit;
using Lifecycle.Web.Components.Layout;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Lifecycle.Tests.Components;

/// <summary>The layout every page shares (issue 12): the snackbar provider is mounted with the first message, not before.</summary>
public sealed class MainLayoutTests : MudComponentTest
{
    [Fact]
    public async Task The_first_message_mounts_the_snackbar_provider_and_is_shown()
    {
        Context.AddAuthorization(); // a visitor: the layout shows the sign-in link
        Context.Services.AddSingleton<AntiforgeryStateProvider, NoAntiforgery>();
        Context.Renderer.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        var layout = Context.Render<MainLayout>(p => p.Add(l => l.Body, (RenderFragment)(b => b.AddContent(0, "page"))));

        Assert.Empty(layout.FindComponents<MudSnackbarProvider>());
        Assert.NotNull(layout.Find("[data-testid=sign-in-link]"));

        var snackbar = Context.Services.GetRequiredService<ISnackbar>();
        await layout.InvokeAsync(() => snackbar.Add("Version v2 created.", Severity.Info));

        layout.WaitForAssertion(() => Assert.Contains("Version v2 created.", layout.Markup));
        Assert.Single(layout.FindComponents<MudSnackbarProvider>());
        await layout.InvokeAsync(() => snackbar.Add("Released.", Severity.Info));
        layout.WaitForAssertion(() => Assert.Contains("Released.", layout.Markup));
    }

    private sealed class NoAntiforgery : AntiforgeryStateProvider
    {
        public override AntiforgeryRequestToken? GetAntiforgeryToken() => null;
    }
}
