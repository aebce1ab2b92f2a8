using AngleSharp.Dom;
using Bunit;
using MudBlazor.Services;

namespace Lifecycle.Tests.Components;

/// <summary>A bUnit context with MudBlazor's services and loose JS interop, for components that need no database.</summary>
public abstract class MudComponentTest : IAsyncLifetime
{
    protected BunitContext Context { get; } = NewContext();

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await Context.DisposeAsync();

    /// <summary>Each element's classes, sorted, less the ones named: markup drawn by hand is compared with MudBlazor's own this way.</summary>
    protected static List<string> Classes(IEnumerable<IElement> elements, params string[] leftOut) =>
        elements.Select(e => string.Join(' ', e.ClassList.Where(c => !leftOut.Contains(c)).OrderBy(c => c, StringComparer.Ordinal))).ToList();

    private static BunitContext NewContext()
    {
        var context = new BunitContext();
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        context.Services.AddMudServices();
        return context;
    }
}
