using System.Diagnostics;
using System.Text.Json;
using Microsoft.Playwright;

namespace Lifecycle.Benchmarks.Screens;

/// <summary>
/// One browser tab and what it exchanged with the server: the bytes of every WebSocket frame (the circuit) in each
/// direction and when the last one came. Timings are read in the page (<c>performance.now()</c>, from the start of the
/// navigation), so Playwright's own round trips do not count.
/// </summary>
public sealed class BrowserProbe
{
    private const string InteractiveSelector = "[data-testid=\"interactive\"]";

    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private long _received;
    private long _sent;
    private long _lastFrameAt;

    private BrowserProbe(IPage page)
    {
        Page = page;
        page.WebSocket += (_, socket) =>
        {
            socket.FrameReceived += (_, frame) => Count(ref _received, frame);
            socket.FrameSent += (_, frame) => Count(ref _sent, frame);
        };
    }

    public IPage Page { get; }

    public long ReceivedBytes => Interlocked.Read(ref _received);
    public long SentBytes => Interlocked.Read(ref _sent);

    /// <summary>A new tab that records, from the first byte of the document, when <paramref name="contentSelector"/> and the interactive marker appear.</summary>
    public static async Task<BrowserProbe> OpenAsync(IBrowserContext context, string contentSelector)
    {
        var page = await context.NewPageAsync();
        await page.AddInitScriptAsync(RecorderScript(contentSelector));
        return new BrowserProbe(page);
    }

    /// <summary>
    /// Navigates and waits until the content and the interactive marker are both in the document; returns when each came
    /// and the size of the HTML document (uncompressed, as served).
    /// </summary>
    public async Task<OpenFigures> NavigateAsync(string path)
    {
        var response = await Page.GotoAsync(path, new PageGotoOptions { WaitUntil = WaitUntilState.Commit, Timeout = 120_000 })
            ?? throw new InvalidOperationException($"{path} gave no response.");
        var html = (await response.BodyAsync()).Length;
        await Page.WaitForFunctionAsync("() => window.__lc && window.__lc.ready !== null", null, new PageWaitForFunctionOptions { Timeout = 120_000, PollingInterval = 50 });
        var times = await Page.EvaluateAsync<JsonElement>(
            "() => ({ ...window.__lc, scripts: performance.getEntriesByType('resource').find(r => r.name.includes('blazor.web'))?.responseEnd ?? null })");
        double? Optional(string name) => times.GetProperty(name).ValueKind == JsonValueKind.Number ? times.GetProperty(name).GetDouble() : null;
        return new OpenFigures(times.GetProperty("visible").GetDouble(), times.GetProperty("interactive").GetDouble(), times.GetProperty("ready").GetDouble(), html,
            new OpenTimeline(Optional("scripts"), Optional("socketOpen"), Optional("firstBatch")));
    }

    /// <summary>Waits until the circuit has been quiet for <paramref name="quietMs"/> (renders, autosaves and their echoes done).</summary>
    public async Task SettleAsync(int quietMs = 500, int maxMs = 20_000)
    {
        var started = _clock.ElapsedMilliseconds;
        while (_clock.ElapsedMilliseconds - Interlocked.Read(ref _lastFrameAt) < quietMs && _clock.ElapsedMilliseconds - started < maxMs)
        {
            await Task.Delay(50);
        }
    }

    public void ResetBytes()
    {
        Interlocked.Exchange(ref _received, 0);
        Interlocked.Exchange(ref _sent, 0);
    }

    public Task CloseAsync() => Page.CloseAsync();

    /// <summary>What the browser does when the user switches to another tab (the Page Visibility API): the page is hidden.</summary>
    public Task HideAsync() =>
        Page.EvaluateAsync(
            """
            () => {
              Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
              Object.defineProperty(document, 'hidden', { configurable: true, get: () => true });
              document.dispatchEvent(new Event('visibilitychange'));
            }
            """);

    private void Count(ref long total, IWebSocketFrame frame)
    {
        Interlocked.Add(ref total, frame.Binary?.Length ?? System.Text.Encoding.UTF8.GetByteCount(frame.Text ?? ""));
        Interlocked.Exchange(ref _lastFrameAt, _clock.ElapsedMilliseconds);
    }

    /// <summary>
    /// Records the first moment (ms since the navigation started) the content is in the document, the interactive
    /// marker is, and both are at once. A MutationObserver sees the parser's insertions as well as Blazor's.
    /// </summary>
    private static string RecorderScript(string contentSelector) => $$"""
        (() => {
          const times = window.__lc = { visible: null, interactive: null, ready: null, socketOpen: null, firstBatch: null };
          // The circuit's WebSocket: when it opened, and when the first large message (the first render batch) came.
          const NativeSocket = window.WebSocket;
          window.WebSocket = function (...args) {
            const socket = new NativeSocket(...args);
            socket.addEventListener('open', () => { times.socketOpen ??= performance.now(); });
            socket.addEventListener('message', e => {
              const size = e.data.byteLength ?? e.data.size ?? e.data.length;
              if (size > 1000) times.firstBatch ??= performance.now();
            });
            return socket;
          };
          Object.assign(window.WebSocket, NativeSocket);
          window.WebSocket.prototype = NativeSocket.prototype;
          const content = {{JsonSerializer.Serialize(contentSelector)}};
          const check = () => {
            const now = performance.now();
            const visible = document.querySelector(content) !== null;
            const interactive = document.querySelector('{{InteractiveSelector}}') !== null;
            if (visible && times.visible === null) times.visible = now;
            if (interactive && times.interactive === null) times.interactive = now;
            if (visible && interactive && times.ready === null) times.ready = now;
          };
          new MutationObserver(check).observe(document, { childList: true, subtree: true });
        })();
        """;
}

/// <summary>Milliseconds from the start of the navigation, and the HTML document's bytes.</summary>
public sealed record OpenFigures(double VisibleMs, double InteractiveMs, double ReadyMs, long HtmlBytes, OpenTimeline Timeline);

/// <summary>
/// Where an opening's time goes before the page is interactive (ms from the start of the navigation): blazor.web.js
/// loaded, the circuit's WebSocket open, the first render batch (the first message over 1 KB) arrived.
/// </summary>
public sealed record OpenTimeline(double? ScriptsMs, double? SocketOpenMs, double? FirstBatchMs);
