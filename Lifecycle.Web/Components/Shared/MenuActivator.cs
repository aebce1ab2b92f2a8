namespace Lifecycle.Web.Components.Shared;

/// <summary>What a <see cref="LazyMenu"/>'s custom activator calls to open (or close) the menu.</summary>
public sealed class MenuActivator(Func<EventArgs, Task> toggle)
{
    public Task ToggleAsync(EventArgs args) => toggle(args);
}
