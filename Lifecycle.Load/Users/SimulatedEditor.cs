using System.Diagnostics;
using Lifecycle.Load.Protocol;
using Lifecycle.Load.Seeding;

namespace Lifecycle.Load.Users;

/// <summary>
/// One simulated user in the editor of their app: opens it (a real circuit), waits until it is interactive, selects the Text
/// component in the middle of the page and, every few seconds, changes its "text" in the property panel as a person does:
/// a key down in the field, the field's change event with the new text, then leaving the field. An edit's round trip is
/// the time from sending the change event to the arrival of the canvas patch that shows the new text on the canvas;
/// "stored" is when the autosave chip says so (SPEC V4).
/// </summary>
internal sealed class SimulatedEditor(int number, BrowserSession browser, LoadApp app, LoadMetrics metrics) : IAsyncDisposable
{
    private static readonly TimeSpan OpenTimeout = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan EditTimeout = TimeSpan.FromSeconds(60);
    private const string EditedProperty = "text";

    /// <summary>SPEC T3: the test id of the element present once the circuit is interactive.</summary>
    private const string InteractiveMarkerTestId = "interactive";

    private readonly Lock _pendingGate = new();
    private BlazorCircuit? _circuit;
    private TaskCompletionSource _batchArrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private PendingEdit? _pending;
    private int _edits;

    public bool IsHealthy => _circuit is { Failure: null, CircuitId: not null };

    public BlazorCircuit? Circuit => _circuit;

    private string CanvasTestId => $"component-{app.ComponentName}";

    /// <summary>The edited component on the canvas: the HTML of the item's element and what it shows (decisions 043, 044).</summary>
    private MarkupNode? CanvasItem(PageRenderer page) => page.FindMarkupByTestId(CanvasTestId);

    /// <summary>The autosave chip's words: the chip is one markup frame (decision 045).</summary>
    private static string? SaveStatus(PageRenderer page) =>
        (page.FindByTestId("save-status")?.Text() ?? page.FindMarkupByTestId("save-status")?.Text())?.Trim();

    public async Task OpenAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var page = await browser.OpenAsync($"/apps/{app.Slug}/edit", cancellationToken);
        _circuit = new BlazorCircuit(browser.Http, browser.Cookies, page);
        _circuit.PageChanged += OnPageChanged;
        _circuit.Failed += message =>
        {
            metrics.Error(message);
            _batchArrived.TrySetResult();
            _pending?.Done.TrySetResult();
        };
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(OpenTimeout);
        await _circuit.StartAsync(timeout.Token);
        await WaitUntilAsync(r => r.FindByTestId(InteractiveMarkerTestId) is not null && CanvasItem(r) is not null, "the editor to become interactive", timeout.Token);

        // Select the component on the canvas: its property panel opens. The canvas listens for its items' clicks on the
        // grid; lifecycle.js sends the clicked item's data-component-id with the event (decision 043).
        var componentId = _circuit.Read(r => CanvasItem(r)?.FirstAttribute("data-component-id"))
            ?? throw new InvalidOperationException($"{CanvasTestId} has no data-component-id.");
        if (!await _circuit.DispatchToCurrentAsync(r => r.FindByTestId("canvas"), "canvasselect", new { componentId }))
        {
            throw new InvalidOperationException("The canvas has no canvasselect handler.");
        }

        await WaitUntilAsync(r => Field(r) is not null, "the property panel", timeout.Token);
        metrics.Connected(Stopwatch.GetElapsedTime(started));
    }

    /// <summary>One edit, awaited until it is shown and stored (or failed, or timed out).</summary>
    public async Task EditAsync(CancellationToken cancellationToken)
    {
        var circuit = _circuit ?? throw new InvalidOperationException("Open the editor first.");
        if (circuit.Read(Field) is null)
        {
            throw new InvalidOperationException($"The \"{EditedProperty}\" field of the property panel is gone.");
        }

        // Each event goes to the field as the page shows it at that moment: a key or the change may re-render it.
        var token = $"Edited by load user {number}, edit {++_edits}";
        await circuit.DispatchToCurrentAsync(FieldElement, "keydown", Events.KeyDown);
        var pending = new PendingEdit(token, Stopwatch.GetTimestamp());
        lock (_pendingGate)
        {
            _pending = pending;
        }

        metrics.EditSent();
        if (!await circuit.DispatchToCurrentAsync(FieldElement, "change", new { value = token }, token))
        {
            throw new InvalidOperationException($"The \"{EditedProperty}\" field has no change handler.");
        }

        if (!await circuit.DispatchToCurrentAsync(FieldElement, "blur", Events.Blur))
        {
            await circuit.DispatchToCurrentAsync(FieldElement, "focusout", Events.Blur);
        }

        try
        {
            await pending.Done.Task.WaitAsync(EditTimeout, cancellationToken);
        }
        catch (TimeoutException)
        {
            metrics.Error($"An edit was not {(pending.Visible ? "stored" : "shown")} within {EditTimeout.TotalSeconds} s.");
        }
        finally
        {
            lock (_pendingGate)
            {
                _pending = null;
            }
        }
    }

    private void OnPageChanged(long arrived)
    {
        PendingEdit? pending;
        lock (_pendingGate)
        {
            pending = _pending;
        }

        if (pending is not null && !pending.Done.Task.IsCompleted && _circuit is { } circuit)
        {
            if (!pending.Visible && circuit.Read(r => CanvasItem(r)?.Text().Contains(pending.Token, StringComparison.Ordinal) == true))
            {
                pending.Visible = true;
                metrics.EditVisible(pending.SentAt, arrived);
            }

            if (pending.Visible)
            {
                switch (circuit.Read(SaveStatus))
                {
                    case "All changes stored":
                        metrics.EditStored(pending.SentAt, arrived);
                        pending.Done.TrySetResult();
                        break;
                    case "Not stored":
                        metrics.Error("An edit was refused: the autosave chip says \"Not stored\".");
                        pending.Done.TrySetResult();
                        break;
                }
            }
        }

        Interlocked.Exchange(ref _batchArrived, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
    }

    private async Task WaitUntilAsync(Func<PageRenderer, bool> condition, string what, CancellationToken cancellationToken)
    {
        while (true)
        {
            var next = _batchArrived.Task;
            if (_circuit!.Failure is { } failure)
            {
                throw new InvalidOperationException(failure);
            }

            if (_circuit.Read(condition))
            {
                return;
            }

            try
            {
                await next.WaitAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                if (Environment.GetEnvironmentVariable("LIFECYCLE_LOAD_DUMP") is { Length: > 0 } dumpFile)
                {
                    await File.WriteAllTextAsync(dumpFile, _circuit.Read(r => r.Dump()), CancellationToken.None);
                }

                var seen = _circuit.Read(r => string.Join(", ", r.Elements().Select(e => e.Attribute("data-testid")).OfType<string>().Distinct().Where(t => !t.StartsWith("drag-", StringComparison.Ordinal) && !t.StartsWith("component-", StringComparison.Ordinal))));
                throw new TimeoutException($"Timed out waiting for {what} ({_circuit.BatchesReceived} render batches; test ids on the page: {seen}; JavaScript calls: {_circuit.JSCallsSeen}).");
            }
        }
    }

    private static ElementNode? FieldElement(PageRenderer page) => Field(page)?.Element;

    /// <summary>The property panel's field for the edited property: the input its label points at.</summary>
    private static EditField? Field(PageRenderer page)
    {
        if (page.FindByTestId("property-panel") is not { } panel)
        {
            return null;
        }

        foreach (var label in panel.Elements().Where(e => e.Tag == "label"))
        {
            if (label.Text().Trim() != EditedProperty)
            {
                continue;
            }

            var inputs = panel.Elements().Where(e => e.Tag is "input" or "textarea");
            var input = label.Attribute("for") is { } id ? inputs.FirstOrDefault(e => e.Attribute("id") == id) : null;
            if (input is null)
            {
                // Else the input in the same form control as the label.
                for (ContainerNode? node = label.Parent; node is not null && input is null; node = node.Parent)
                {
                    input = node.Elements().FirstOrDefault(e => e.Tag is "input" or "textarea");
                }
            }

            return input is null ? null : new EditField(input);
        }

        return null;
    }

    public async ValueTask DisposeAsync()
    {
        if (_circuit is not null)
        {
            await _circuit.DisposeAsync();
        }
    }

    private sealed record EditField(ElementNode Element);

    private sealed class PendingEdit(string token, long sentAt)
    {
        public string Token { get; } = token;
        public long SentAt { get; } = sentAt;
        public bool Visible { get; set; }
        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}

/// <summary>Event arguments as blazor.web.js builds them from a browser event (EventTypes.ts).</summary>
internal static class Events
{
    public static readonly object KeyDown = new
    {
        key = "e", code = "KeyE", location = 0, repeat = false, ctrlKey = false, shiftKey = false, altKey = false, metaKey = false, type = "keydown", isComposing = false,
    };

    public static readonly object Blur = new { type = "blur" };
}
