using Lifecycle.Data.Access;
using Lifecycle.Data.Apps;
using Lifecycle.Data.Common;
using Lifecycle.Data.Definitions;
using Lifecycle.Data.Events;
using Lifecycle.Data.Queries;
using Lifecycle.Data.Versions;
using Lifecycle.Web.Components.Shared;
using Lifecycle.Web.Features.Rendering;
using Lifecycle.Web.Features.Versions;
using Microsoft.AspNetCore.Components;

namespace Lifecycle.Web.Features.Editor;

/// <summary>The editor: loads the app and the version to open, keeps the version list live (SPEC V10) and runs the preview.</summary>
public sealed partial class EditorPage
{
    [Parameter]
    public string Slug { get; set; } = "";

    /// <summary>The version to open, as the address gives it: text, so that a malformed id answers 404 rather than failing the page.</summary>
    [SupplyParameterFromQuery(Name = "version")]
    public string? VersionQuery { get; set; }

    private int? VersionId => int.TryParse(VersionQuery, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id) ? id : null;

    /// <summary>
    /// The version this page opened, carried to the circuit that follows the prerendering or a paused tab's resume
    /// (decision 036), so an address without <c>version</c> reopens the same version rather than choosing again.
    /// </summary>
    [PersistentState]
    public int? OpenedVersionId { get; set; }

    private Actor? _actor;
    private AppSummary? _app;
    private UserRights _rights = UserRights.None;
    private IReadOnlyList<VersionSummary> _versions = [];
    private EditorSession? _session;
    private AppRuntime? _runtime;
    private string? _selectedComponentId;
    private Result? _failure;
    private string? _promotionError;
    private bool _preview;
    private IDisposable? _subscription;
    private bool _loading;
    private readonly TitleInTab _title = new();

    private string Title => $"{_app?.Name ?? "Editor"} · Lifecycle";

    /// <summary>The queries that ran last; a promotion re-runs them with the new environment's values (SPEC E4).</summary>
    private QuerySelection _lastSelection = QuerySelection.OnPageOpen;

    protected override async Task OnParametersSetAsync()
    {
        _actor ??= await CurrentActor.GetAsync();
        if (VersionQuery is not null && VersionId is null)
        {
            Navigation.NotFound();
            return;
        }

        if (_actor is null || (_session is not null && _session.Version.Summary.Id == VersionId))
        {
            return;
        }

        _loading = true;
        try
        {
            if (!await LoadAsync(_actor))
            {
                return;
            }

            // Only the queries that run when the page opens; the rest run when asked (Run, an event). They run once, in
            // the circuit: the prerendered editor shows no results (decision 035). The same call brings the environment's
            // constants, so it runs for a version without queries too, as part of loading, since it is quick then.
            if (RendererInfo.IsInteractive)
            {
                if (_session!.Definition.Queries.Count > 0)
                {
                    _loading = false;
                    StateHasChanged(); // the editor shows while its queries run, which may take a while
                }

                await _runtime!.RunQueriesAsync(_lastSelection);
            }
        }
        finally
        {
            _loading = false;
        }

        _subscription ??= Changes.Subscribe(change =>
        {
            if (change.AppId == _app?.Id)
            {
                _ = InvokeAsync(() => OnAppChangedAsync(change));
            }
        });
    }

    /// <summary>Finds the app and opens its version; false (with <see cref="_failure"/> set) when it cannot.</summary>
    private async Task<bool> LoadAsync(Actor actor)
    {
        var found = await Apps.FindBySlugAsync(actor, Slug);
        if (!found.IsSuccess)
        {
            _failure = found;
            return false;
        }

        _app = found.Value!;
        var detail = await OpenVersionAsync(actor, _app.Id);
        if (!detail.IsSuccess || detail.Value!.Summary.AppId != _app.Id)
        {
            _failure = detail.IsSuccess ? Result.NotFound("That version belongs to another app.") : detail; // SPEC A6: refused without edit or release rights
            return false;
        }

        OpenedVersionId = detail.Value.Summary.Id;
        _session ??= NewSession(actor);
        _session.Load(detail.Value);
        _runtime = NewRuntime(actor, detail.Value);
        (_selectedComponentId, _promotionError, _lastSelection) = (null, null, QuerySelection.OnPageOpen);
        await RefreshAsync();
        return true;
    }

    /// <summary>
    /// No render while a version loads: the session's and the runtime's change events would draw the editor half loaded,
    /// and the render after loading would draw every panel again. A circuit keeps two frame buffers for each component
    /// drawn twice and one for a component drawn once (~1.3-5 KB each; issue 12). The first render (the progress bar)
    /// happens whatever this says.
    /// </summary>
    protected override bool ShouldRender() => !_loading;

    protected override Task OnAfterRenderAsync(bool firstRender) => RendererInfo.IsInteractive ? _title.SetAsync(JS, Title) : Task.CompletedTask;

    /// <summary>
    /// The version to open: the address's; else, on this page's first load, the one the prerendering (or the tab before a
    /// pause) opened, while it is still there; else the most recently changed draft, the released version, or the newest
    /// (docs/testing.md).
    /// </summary>
    private async Task<Result<VersionDetail>> OpenVersionAsync(Actor actor, int appId)
    {
        if (VersionId is { } requested)
        {
            return await VersionService.GetAsync(actor, requested);
        }

        if (_session is null && OpenedVersionId is { } restored && await VersionService.GetAsync(actor, restored) is { IsSuccess: true } reopened
            && reopened.Value!.Summary.AppId == appId)
        {
            return reopened;
        }

        var chosen = await VersionService.ChooseVersionToOpenAsync(actor, appId);
        return chosen.IsSuccess ? await VersionService.GetAsync(actor, chosen.Value) : Result<VersionDetail>.From(chosen);
    }

    private EditorSession NewSession(Actor actor)
    {
        var session = new EditorSession(VersionService, actor);
        session.Changed += () =>
        {
            _runtime?.Update(session.Definition);
            InvokeAsync(StateHasChanged);
        };
        return session;
    }

    /// <summary>The preview runs the version's queries on the server, in the version's environment (SPEC E4).</summary>
    private AppRuntime NewRuntime(Actor actor, VersionDetail version)
    {
        var runtime = new AppRuntime(version.Definition, async selection => (await Queries.RunForVersionAsync(actor, version.Summary.Id, selection)).Value);
        runtime.Scope.Changed += () => InvokeAsync(StateHasChanged);
        runtime.PageChanged += () => InvokeAsync(StateHasChanged);
        runtime.MessageShown += message => Snackbar.Add(message, MudBlazor.Severity.Info);
        return runtime;
    }

    /// <summary>Reloads the version list and the open version's state (after own actions and, live, others', SPEC V10).</summary>
    private async Task RefreshAsync()
    {
        var environment = _session!.Version.Summary.Environment;
        _rights = await Access.RightsOfAsync(_actor!);
        _versions = (await VersionService.ListAsync(_actor!, _app!.Id)).Value ?? [];
        _app = (await Apps.FindBySlugAsync(_actor!, Slug)).Value ?? _app; // its released version may have changed
        if (_versions.FirstOrDefault(v => v.Id == _session.Version.Summary.Id) is { } current && current != _session.Version.Summary)
        {
            await _session.FollowAsync();
        }

        if (_session.Version.Summary.Environment != environment)
        {
            await _runtime!.RunQueriesAsync(_lastSelection, replace: true); // promoted: results of the old environment go, the new one's values come
        }
    }

    private Task RunQueriesAsync(QuerySelection selection)
    {
        _lastSelection = selection;
        return _runtime!.RunQueriesAsync(selection);
    }

    /// <summary>
    /// A definition change goes to the session alone, which ignores its own echo and follows others' when it is safe
    /// (decision 019); other changes (saved, promoted, released, versions added or gone) refresh the version list, which
    /// also follows a change of the open version's summary. A failure surfaces through the page's error handling.
    /// </summary>
    private async Task OnAppChangedAsync(AppChange change)
    {
        try
        {
            if (change.Kind == AppChangeKinds.DefinitionChanged)
            {
                await _session!.OnDefinitionChangedAsync(change);
                return;
            }

            await RefreshAsync();
            StateHasChanged();
        }
        catch (Exception failure)
        {
            await DispatchExceptionAsync(failure);
        }
    }

    private void OpenVersion(int versionId) => Navigation.NavigateTo($"/apps/{Slug}/edit?version={versionId}");

    private async Task SelectPage(string pageId)
    {
        _selectedComponentId = null;
        if (_session!.Definition.FindPage(pageId) is { } page)
        {
            await _runtime!.OpenPageAsync(page.Handle);
        }
    }

    private async Task CreateFromOpenVersionAsync()
    {
        var created = await VersionDialogs.CreateVersionAsync(Dialogs, Snackbar, _app!.Id, _versions, _session!.Version.Summary.Id);
        if (created is not null)
        {
            OpenVersion(created.Id);
        }
    }

    private async Task AddComponentAsync(ComponentType type)
    {
        var adding = AddComponent.New(_runtime!.Page.Id, type);
        var result = await _session!.ApplyAsync(adding);
        if (result.IsSuccess)
        {
            _selectedComponentId = adding.ComponentId;
        }
    }

    private async Task MoveComponentAsync(GridMove move)
    {
        await _session!.ApplyAsync(new MoveComponentTo(_runtime!.Page.Id, move.ComponentId, move.Row, move.Column));
        _selectedComponentId = move.ComponentId;
    }

    public void Dispose() => _subscription?.Dispose();
}
