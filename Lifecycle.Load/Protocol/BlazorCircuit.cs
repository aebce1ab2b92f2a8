using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.DependencyInjection;

namespace Lifecycle.Load.Protocol;

/// <summary>
/// One Blazor Server circuit, spoken to as blazor.web.js speaks to it (decision 037): a SignalR connection to /_blazor with
/// the blazorpack protocol; StartCircuit with the page's address and prerendered state; when the server attaches its
/// renderer's interop object, UpdateRootComponents adds the page's server components; every render batch is applied to a
/// model of the page and acknowledged with OnRenderCompleted; JavaScript calls from the server are answered; browser events
/// go to the renderer's DispatchEventAsync through BeginInvokeDotNetFromJS.
/// </summary>
internal sealed class BlazorCircuit : IAsyncDisposable
{
    private readonly HubConnection _hub;
    private readonly HttpClient _http;
    private readonly PrerenderedPage _page;
    private readonly Lock _gate = new();

    /// <summary>
    /// The browser's one thread: a render batch is applied and acknowledged, and an event is read from the page and sent,
    /// one after the other. Without it an event could carry a handler id read before a batch that the acknowledgement then
    /// retired on the server (the server keeps a replaced id only until the batch that replaced it is acknowledged).
    /// </summary>
    private readonly SemaphoreSlim _browserThread = new(1, 1);
    private readonly PageRenderer _renderer = new();
    private readonly TaskCompletionSource _rootComponentsAdded = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentDictionary<string, (ulong HandlerId, string EventName)> _sentCalls = new();
    private readonly ConcurrentDictionary<string, int> _jsCalls = new();
    private long _interopObjectId;
    private long _nextCallId;
    private long _nextJsObjectId;
    private volatile bool _disposing;

    public BlazorCircuit(HttpClient http, CookieContainer cookies, PrerenderedPage page)
    {
        _http = http;
        _page = page;
        var builder = new HubConnectionBuilder().WithUrl(new Uri(page.Address, "/_blazor"), options =>
        {
            options.Cookies = cookies;
            options.Transports = HttpTransportType.WebSockets;
        });
        builder.Services.AddSingleton<IHubProtocol, BlazorPackHubProtocol>();
        _hub = builder.Build();

        _hub.On<int, string>("JS.AttachComponent", (componentId, _) =>
        {
            lock (_gate)
            {
                _renderer.AttachRootComponent(componentId);
            }
        });
        _hub.On<long, byte[]>("JS.RenderBatch", OnRenderBatchAsync);
        _hub.On<long, string, string, int, long, int>("JS.BeginInvokeJS", OnBeginInvokeJSAsync);
        _hub.On<string, bool, string>("JS.EndInvokeDotNet", OnEndInvokeDotNet);
        _hub.On<long>("JS.EndUpdateRootComponents", _ => _rootComponentsAdded.TrySetResult());
        _hub.On<string>("JS.Error", error => Fail($"The server reported a circuit error: {error}"));
        _hub.Closed += error =>
        {
            if (!_disposing)
            {
                Fail($"The circuit's connection closed: {error?.Message ?? "by the server"}");
            }

            return Task.CompletedTask;
        };
    }

    public string? CircuitId { get; private set; }

    /// <summary>Set once the circuit failed (an error from the server, a dropped connection, a refused event); it stays failed.</summary>
    public string? Failure { get; private set; }

    public event Action<string>? Failed;

    /// <summary>After each render batch or canvas patch is applied: when it arrived (Stopwatch timestamp).</summary>
    public event Action<long>? PageChanged;

    public int BatchesReceived { get; private set; }

    /// <summary>The JavaScript functions the server called, for a failure's message.</summary>
    public string JSCallsSeen => string.Join(", ", _jsCalls.Keys);

    public long BytesReceived { get; private set; }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await _hub.StartAsync(cancellationToken);
        var address = _page.Address.ToString();
        var baseUri = new Uri(_page.Address, "/").ToString();
        CircuitId = await _hub.InvokeAsync<string?>("StartCircuit", baseUri, address, "[]", _page.ApplicationState, cancellationToken)
            ?? throw new InvalidOperationException("The server refused to start the circuit.");
        await _rootComponentsAdded.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Reads the page model under the lock that render batches take.</summary>
    public T Read<T>(Func<PageRenderer, T> read)
    {
        lock (_gate)
        {
            return read(_renderer);
        }
    }

    /// <summary>
    /// Sends <paramref name="eventName"/> to the element <paramref name="target"/> finds on the page as it is now, as a
    /// browser's event delegator would: no render batch is acknowledged between reading its handler and sending the event.
    /// False when the element or its handler is not on the page.
    /// </summary>
    public async Task<bool> DispatchToCurrentAsync(Func<PageRenderer, ElementNode?> target, string eventName, object eventArgs, string? fieldValue = null)
    {
        await _browserThread.WaitAsync();
        try
        {
            var found = Read(r => target(r) is { } element && element.Handler(eventName) is { } id ? (id, element.RenderingComponentId) : default);
            if (found == default)
            {
                return false;
            }

            await SendEventAsync(found.id, eventName, found.RenderingComponentId, eventArgs, fieldValue);
            return true;
        }
        finally
        {
            _browserThread.Release();
        }
    }

    /// <summary>
    /// Sends a browser event to a handler, as the event delegator of blazor.web.js does: the renderer's DispatchEventAsync
    /// with the event descriptor (handler id, event name, the field's new value for change events) and the event's arguments.
    /// </summary>
    private Task SendEventAsync(ulong handlerId, string eventName, int renderingComponentId, object eventArgs, string? fieldValue)
    {
        var descriptor = new JsonObject
        {
            ["eventHandlerId"] = handlerId,
            ["eventName"] = eventName,
            ["eventFieldInfo"] = fieldValue is null ? null : new JsonObject { ["componentId"] = renderingComponentId, ["fieldValue"] = fieldValue },
        };
        var arguments = new JsonArray(descriptor, JsonSerializer.SerializeToNode(eventArgs));
        var callId = Interlocked.Increment(ref _nextCallId).ToString(System.Globalization.CultureInfo.InvariantCulture);
        _sentCalls[callId] = (handlerId, eventName);
        return _hub.SendAsync("BeginInvokeDotNetFromJS", callId, null, "DispatchEventAsync", Interlocked.Read(ref _interopObjectId), arguments.ToJsonString());
    }

    private Task OnRenderBatchAsync(long batchId, byte[] data)
    {
        var arrived = Stopwatch.GetTimestamp();
        var batch = new RenderBatch(data);
        return ApplyAsTheBrowserAsync(
            renderer =>
            {
                BatchesReceived++;
                renderer.Apply(batch);
            },
            data.Length,
            // The browser acknowledges each batch once applied, with the error if applying it failed (RenderQueue).
            error => _hub.SendAsync("OnRenderCompleted", batchId, error),
            $"Render batch {batchId}",
            arrived);
    }

    /// <summary>
    /// Applies what the server sent to the page, one thing at a time as the browser's one thread does (no event is read
    /// meanwhile), acknowledges it with the error if applying it failed, and tells the page's watchers.
    /// </summary>
    private async Task ApplyAsTheBrowserAsync(Action<PageRenderer> apply, int bytes, Func<string?, Task> acknowledge, string what, long arrived)
    {
        string? error = null;
        await _browserThread.WaitAsync();
        try
        {
            lock (_gate)
            {
                try
                {
                    apply(_renderer);
                }
                catch (Exception exception)
                {
                    error = exception.Message;
                }

                BytesReceived += bytes;
            }

            await acknowledge(error);
        }
        finally
        {
            _browserThread.Release();
        }

        if (error is not null)
        {
            Fail($"{what} could not be applied: {error}");
            return;
        }

        PageChanged?.Invoke(arrived);
    }

    /// <summary>
    /// A JavaScript call from the server. The renderer's interop object arrives with attachWebRendererInterop, after which
    /// the page's root components are added; other calls (MudBlazor's element helpers, navigation, the page title) get the
    /// result a browser with no layout would give: nothing, or a new object reference when one is asked for.
    /// </summary>
    private async Task OnBeginInvokeJSAsync(long asyncHandle, string identifier, string argsJson, int resultType, long targetInstanceId, int callType)
    {
        var arrived = Stopwatch.GetTimestamp();
        _jsCalls.AddOrUpdate(identifier, 1, (_, n) => n + 1);
        if (identifier == CanvasApply)
        {
            await ApplyCanvasPatchAsync(asyncHandle, argsJson, arrived);
            return;
        }

        var addRootComponents = false;
        if (identifier == "Blazor._internal.attachWebRendererInterop")
        {
            var arguments = JsonNode.Parse(argsJson)!.AsArray();
            Interlocked.Exchange(ref _interopObjectId, (long)arguments[1]!["__dotNetObject"]!);
            addRootComponents = true;
        }

        if (asyncHandle != 0)
        {
            var result = resultType switch
            {
                1 => $"{{\"__jsObjectId\":{Interlocked.Increment(ref _nextJsObjectId)}}}",
                _ => ResultOf(identifier),
            };
            await _hub.SendAsync("EndInvokeJSFromDotNet", asyncHandle, true, $"[{asyncHandle},true,{result}]");
        }

        if (addRootComponents)
        {
            await _hub.SendAsync("UpdateRootComponents", _page.AddOperationsJson(), _page.ApplicationState);
        }
    }

    /// <summary>The editor canvas's items arrive as JavaScript calls, not in render batches (decision 044).</summary>
    private const string CanvasApply = "lifecycle.canvas.apply";

    /// <summary>Applies a canvas patch between render batches, as the browser's one thread does, then reports it done.</summary>
    private Task ApplyCanvasPatchAsync(long asyncHandle, string argsJson, long arrived) =>
        ApplyAsTheBrowserAsync(
            renderer => renderer.ApplyCanvasPatch(JsonNode.Parse(argsJson)?.AsArray()[1]),
            System.Text.Encoding.UTF8.GetByteCount(argsJson),
            error => _hub.SendAsync("EndInvokeJSFromDotNet", asyncHandle, error is null,
                error is null ? $"[{asyncHandle},true,null]" : $"[{asyncHandle},false,{JsonSerializer.Serialize(error)}]"),
            "A canvas patch",
            arrived);

    private string ResultOf(string identifier) => identifier switch
    {
        "Blazor._internal.navigationManager.getBaseURI" => JsonSerializer.Serialize(new Uri(_page.Address, "/").ToString()),
        "Blazor._internal.navigationManager.getLocationHref" => JsonSerializer.Serialize(_page.Address.ToString()),
        // MudBlazor asks whether its script is loaded and how many popover providers the page has (one, in MainLayout).
        "window.hasOwnProperty" => "true",
        "mudpopoverHelper.countProviders" => "1",
        _ => "null",
    };

    private void OnEndInvokeDotNet(string callId, bool success, string resultOrError)
    {
        if (_sentCalls.TryRemove(callId, out var sent) && !success)
        {
            Fail($"The {sent.EventName} event for handler {sent.HandlerId} failed on the server: {resultOrError}");
        }
    }

    private void Fail(string message)
    {
        if (Failure is not null)
        {
            return;
        }

        Failure = message;
        _rootComponentsAdded.TrySetException(new InvalidOperationException(message));
        Failed?.Invoke(message);
    }

    /// <summary>Closes the connection and tells the server to drop the circuit now, as a browser leaving the page does.</summary>
    public async ValueTask DisposeAsync()
    {
        _disposing = true;
        await _hub.DisposeAsync();
        if (CircuitId is not null)
        {
            try
            {
                using var form = new FormUrlEncodedContent([new("circuitId", CircuitId)]);
                using var _ = await _http.PostAsync(new Uri(_page.Address, "/_blazor/disconnect"), form);
            }
            catch (HttpRequestException)
            {
                // The server is gone; nothing is left to release.
            }
        }
    }
}
