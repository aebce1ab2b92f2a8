using Lifecycle.Data.Common;
using Lifecycle.Data.Definitions;

namespace Lifecycle.Tests.Domain;

/// <summary>Issue 7, must-fix 9: an image source is an http(s) or relative address, where it is edited and where it renders.</summary>
public sealed class ImageSourcesTests
{
    public static TheoryData<string> Refused => new()
    {
        "javascript:alert(1)", "JavaScript:alert(1)", "  javascript:alert(1)", "java\tscript:alert(1)", "java\nscript:alert(1)",
        "vbscript:msgbox(1)", "data:image/svg+xml;base64,PHN2Zz4=", "data:text/html,<script>alert(1)</script>", "file:///etc/passwd",
        "ftp://example.com/a.png", "blob:https://example.com/1", "{{constants.SCHEME}}:alert(1)", "java{{x}}script:alert(1)",
    };

    public static TheoryData<string> Allowed => new()
    {
        "", "https://example.com/logo.png", "HTTP://example.com/logo.png", "/images/logo.png", "images/logo.png", "./logo.png",
        "//cdn.example.com/logo.png", "logo.png?v=2#top", "{{queries.logo.data.url}}", "https://{{constants.CDN}}/logo.png",
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void OtherSchemesAreRefusedWhenTypedAndWhenResolved(string source)
    {
        // issue 7 must-fix 9
        Assert.False(ImageSources.IsAllowedTemplate(source));
        var definition = AppDefinition.Empty();
        var withImage = DefinitionEdits.AddComponent(definition, definition.Pages[0].Id, ComponentType.Image, out var image).Value!;

        var edited = DefinitionEdits.SetProperty(withImage, withImage.Pages[0].Id, image!.Id, ImageSources.Property, source);

        Assert.Equal((ResultStatus.Invalid, ImageSources.Property), (edited.Status, edited.Field));
    }

    [Theory]
    [MemberData(nameof(Allowed))]
    public void HttpAndRelativeAddressesAreAllowed(string source)
    {
        // issue 7 must-fix 9
        Assert.True(ImageSources.IsAllowedTemplate(source));
        Assert.True(ImageSources.IsAllowed(source) || source.Contains("{{"));
    }

    [Fact]
    public void ASavedDefinitionNamesTheImagesWhoseSourceIsRefused()
    {
        // issue 7 must-fix 9: a definition that did not come through the editor's edits is checked as a whole
        var definition = AppDefinition.Empty();
        var page = definition.Pages[0];
        var image = new ComponentDefinition("c1", "image1", ComponentType.Image, ComponentCatalog.DefaultProperties(ComponentType.Image).SetItem(ImageSources.Property, "javascript:alert(1)"), 0);
        var crafted = definition with { Pages = [page with { Components = [image] }] };

        Assert.Equal(["image1"], ImageSources.Offending(crafted));
        Assert.Empty(ImageSources.Offending(definition));
    }
}
