using Bunit;
using Lifecycle.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;

namespace Lifecycle.Tests.Components;

/// <summary>Decision 041: a page's title goes into the head with the page, and from the circuit through one JS call per change.</summary>
public sealed class DocumentTitleTests : IAsyncLifetime
{
    private readonly BunitContext _context = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _context.DisposeAsync();

    [Fact]
    public void Rendered_with_the_page_it_is_the_head_s_title()
    {
        _context.SetRendererInfo(new RendererInfo("Static", isInteractive: false));
        var title = _context.Render<DocumentTitle>(p => p.Add(t => t.Text, "Apps · Lifecycle"));

        var pageTitle = title.FindComponent<PageTitle>().Instance;
        Assert.Equal("Apps · Lifecycle", _context.Render(pageTitle.ChildContent!).Markup);
        Assert.Empty(_context.JSInterop.Invocations);
    }

    [Fact]
    public void In_the_circuit_it_sets_the_document_title_once_per_change()
    {
        _context.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        _context.JSInterop.SetupVoid("lifecycle.setTitle", _ => true);

        var title = _context.Render<DocumentTitle>(p => p.Add(t => t.Text, "Editor · Lifecycle"));
        title.Render(p => p.Add(t => t.Text, "Editor · Lifecycle"));
        title.Render(p => p.Add(t => t.Text, "Shop · Lifecycle"));

        Assert.Empty(title.FindComponents<PageTitle>());
        Assert.Equal(["Editor · Lifecycle", "Shop · Lifecycle"],
            _context.JSInterop.Invocations["lifecycle.setTitle"].Select(call => (string)call.Arguments[0]!));
    }
}
