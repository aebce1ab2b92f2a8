using Lifecycle.Data.Definitions;
using Lifecycle.Data.Queries;

namespace Lifecycle.Web.Features.Rendering;

/// <summary>
/// A running app (SPEC D3, D5): its bindings' scope, the open page, and the events of its components. The same runtime
/// serves the released app and the editor's Preview; only how queries run differs, and both run them on the server
/// through <see cref="QueryRunner"/> with the user's rights (the released app with production values). Events carry
/// names and templates only: nothing runs code, and templates see plain constants only (SPEC D2, E5).
/// </summary>
public sealed class AppRuntime(AppDefinition definition, Func<QuerySelection, Task<RenderData?>> runQueries)
{
    public RenderScope Scope { get; } = new();

    public AppDefinition Definition { get; private set; } = definition;

    /// <summary>The open page's handle.</summary>
    public string PageHandle { get; private set; } = definition.Pages[0].Handle;

    public PageDefinition Page => Definition.Pages.Find(p => p.Handle == PageHandle) ?? Definition.Pages[0];

    /// <summary>Another page opened (an event or the tabs).</summary>
    public event Action? PageChanged;

    /// <summary>A "show a message" action: the host shows the text.</summary>
    public event Action<string>? MessageShown;

    /// <summary>The editor's working copy changed; the runtime renders the new content.</summary>
    public void Update(AppDefinition changed) => Definition = changed;

    /// <summary>Opens a page and runs the queries that run when a page opens (SPEC D5); answers what they gave.</summary>
    public async Task<RenderData?> OpenPageAsync(string handle)
    {
        Show(handle);
        return await RunQueriesAsync(QuerySelection.OnPageOpen);
    }

    /// <summary>
    /// Opens a page with the results its opening gave before, without running its queries again: the released app's
    /// circuit takes over what its prerendering ran (decision 035).
    /// </summary>
    public void OpenPage(string handle, RenderData opened)
    {
        Show(handle);
        Scope.Load(opened);
    }

    /// <summary>Runs queries; their results join the others, or with <paramref name="replace"/> (another environment) replace them all.</summary>
    public async Task<RenderData?> RunQueriesAsync(QuerySelection selection, bool replace = false)
    {
        if (await runQueries(selection) is not { } data)
        {
            return null;
        }

        if (replace)
        {
            Scope.Load(data);
        }
        else
        {
            Scope.Merge(data);
        }

        return data;
    }

    private void Show(string handle)
    {
        PageHandle = Definition.Pages.Any(p => p.Handle == handle) ? handle : Definition.Pages[0].Handle;
        PageChanged?.Invoke();
    }

    /// <summary>Runs a click's actions in order. An action naming what no longer exists does nothing, as an unknown binding renders empty.</summary>
    public async Task RunAsync(IEnumerable<EventAction> actions)
    {
        foreach (var action in actions)
        {
            switch (action.Kind)
            {
                case EventActionKind.RunQuery when Definition.Queries.Any(q => q.Name == action.Target):
                    await RunQueriesAsync(QuerySelection.Named(action.Target));
                    break;
                case EventActionKind.SetValue:
                    Scope.SetInputValue(action.Target, Scope.Text(action.Value));
                    break;
                case EventActionKind.GoToPage when Definition.Pages.Any(p => p.Handle == action.Target):
                    await OpenPageAsync(action.Target);
                    break;
                case EventActionKind.ShowMessage:
                    MessageShown?.Invoke(Scope.Text(action.Value));
                    break;
            }
        }
    }
}
