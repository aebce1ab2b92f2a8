using Bunit;
using Lifecycle.Data.Definitions;
using Lifecycle.Data.Environments;
using Lifecycle.Data.Queries;
using Lifecycle.Web.Features.Rendering;
using MudBlazor.Services;

namespace Lifecycle.Tests.Components;

/// <summary>Issue 7, must-fix 9: the renderer gives an img element only an http(s) or relative address, whatever a binding resolves to.</summary>
public sealed class ImageRenderingTests
{
    [Theory]
    [InlineData("javascript:alert(1)", null)]
    [InlineData("data:image/svg+xml;base64,PHN2Zz4=", null)]
    [InlineData("https://cdn.example.com/logo.png", "https://cdn.example.com/logo.png")]
    [InlineData("/images/logo.png", "/images/logo.png")]
    public async Task AnImageBoundToAConstantRendersOnlyAnAllowedAddress(string resolved, string? expectedSource)
    {
        // issue 7 must-fix 9: the source as typed ({{constants.LOGO}}) is allowed; its value decides at render time
        await using var context = new BunitContext();
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        context.Services.AddMudServices();
        var runtime = new AppRuntime(AppDefinition.Empty(), _ => Task.FromResult<RenderData?>(null));
        runtime.Scope.Load(new RenderData(DeploymentEnvironment.Production, new Dictionary<string, string> { ["LOGO"] = resolved }, new Dictionary<string, QueryOutcome>()));
        var image = new ComponentDefinition("c1", "image1", ComponentType.Image,
            ComponentCatalog.DefaultProperties(ComponentType.Image).SetItem(ImageSources.Property, "{{constants.LOGO}}"), 0);

        var view = context.Render<PlacedComponent>(p => p.Add(c => c.Component, image).Add(c => c.Runtime, runtime));

        Assert.Equal(expectedSource, view.FindAll("img").SingleOrDefault()?.GetAttribute("src"));
        Assert.Equal(expectedSource is null, view.FindAll("[data-testid=image-refused]").Count == 1);
    }
}
