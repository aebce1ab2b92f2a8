using System.Text;
using Microsoft.Playwright;

namespace Lifecycle.Benchmarks.Screens;

/// <summary>
/// Issue 9's screens, measured in Chromium against the Release build of the web app: opening the editor and the
/// released app at 1,000 components, a property change on the canvas, the apps page with 1,000 apps, the version menu
/// with 500 versions, and server memory per idle tab. Usage:
/// <c>dotnet run -c Release --project Lifecycle.Benchmarks -- screens [--runs 5] [--tabs 10] [--skip-memory] [--heap-dumps DIR] [--out FILE] [--smoke]</c>.
/// </summary>
public static class ScreenBenchmark
{
    public const string ChromiumPath = "/usr/bin/chromium";

    public static Task RunAsync(string[] args) => RunAsync(ScreenOptions.Parse(args));

    /// <summary>
    /// The screens' smoke, run after the storage smoke by <c>--smoke</c> (scripts/test.sh): every scenario once, on tiny
    /// sizes, on one server. Without Chromium it says so and skips; any other failure fails the run.
    /// </summary>
    public static Task SmokeAsync(string[] args)
    {
        if (!File.Exists(ChromiumPath))
        {
            Console.Error.WriteLine($"Screens smoke skipped: Chromium is not installed at {ChromiumPath} (apt-get install chromium).");
            return Task.CompletedTask;
        }

        return RunAsync(ScreenOptions.Parse([.. args.Where(a => a != "--out"), "--smoke"]) with { Out = null });
    }

    private static async Task RunAsync(ScreenOptions options)
    {
        var report = new StringBuilder();
        void Print(string line)
        {
            Console.WriteLine(line);
            report.AppendLine(line);
        }

        var loadAtStart = Machine.LoadAverage();
        await using var workspace = await ScreenWorkspace.SeedAsync(options, Console.WriteLine);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
        });

        // Memory first, each on a server of its own: nothing else has run there, and no earlier tab's circuit is held.
        // The smoke uses one server for everything: it proves the scenarios run, quickly.
        await using var web = await WebServer.StartAsync(workspace);
        await using var signedIn = await SignedInAsync(browser, web);
        var memory = new List<(string Name, MemoryFigures Figures)>();
        foreach (var (name, path, selector) in new[]
        {
            ($"editor, {options.SmallComponents} components", $"/apps/{ScreenWorkspace.SmallSlug}/edit", Component(workspace.SmallLastComponent)),
            ($"released app, {options.SmallComponents} components", $"/apps/{ScreenWorkspace.SmallSlug}", Component(workspace.SmallLastComponent)),
            ($"editor, {options.Components:N0} components", $"/apps/{ScreenWorkspace.BigSlug}/edit", Component(workspace.BigLastComponent)),
        })
        {
            if (options.SkipMemory)
            {
                break;
            }

            Console.WriteLine($"Memory: {name}");
            if (options.Smoke)
            {
                memory.Add((name, await MemoryAsync(web, signedIn, path, selector, options.Tabs, null)));
                continue;
            }

            await using var server = await WebServer.StartAsync(workspace);
            await using var context = await SignedInAsync(browser, server);
            memory.Add((name, await MemoryAsync(server, context, path, selector, options.Tabs, options.HeapDumps)));
        }

        var opens = new List<(string Name, IReadOnlyList<(OpenFigures Open, long Received, long Sent)> Runs)>();
        foreach (var (name, path, selector) in new[]
        {
            ($"editor, {options.Components:N0} components", $"/apps/{ScreenWorkspace.BigSlug}/edit", Component(workspace.BigLastComponent)),
            ($"released app, {options.Components:N0} components", $"/apps/{ScreenWorkspace.BigSlug}", Component(workspace.BigLastComponent)),
            ($"apps page, {options.Apps:N0} apps", "/apps", "[data-testid=\"app-list\"]"),
            ($"editor, {options.Versions} versions", $"/apps/{ScreenWorkspace.HistorySlug}/edit", "[data-testid=\"version-manager\"]"),
        })
        {
            Console.WriteLine($"Open: {name}");
            opens.Add((name, await RepeatAsync(options, () => OpenAsync(signedIn, path, selector))));
        }

        Console.WriteLine("Property change");
        var change = await PropertyChangeAsync(signedIn, workspace, options);
        Console.WriteLine("Version menu");
        var menu = await RepeatAsync(options, () => VersionMenuAsync(signedIn));

        Print($"# Lifecycle screens ({(options.Smoke ? "smoke run: proves the scenarios run, the figures mean nothing" : "Chromium, Release build")})");
        Print($"Machine: {Environment.ProcessorCount} cores, {Machine.CpuModel()}, {Machine.MemoryGiB()} GiB RAM; load average {loadAtStart} at start, {Machine.LoadAverage()} at the end; {DateTime.UtcNow:u}");
        Print($"Medians of {options.Runs} runs after {options.Warmup} warm-up, (min–max) after them. Times in ms from the start of the navigation (or of the action); KB = 1,000 bytes.");
        Print("");
        Print("| opening | content shown | interactive | both (ready) | HTML KB | circuit KB to browser | circuit KB from browser |");
        Print("|---|---:|---:|---:|---:|---:|---:|");
        foreach (var (name, runs) in opens)
        {
            Print($"| {name} | {Spread(runs.Select(r => r.Open.VisibleMs))} | {Spread(runs.Select(r => r.Open.InteractiveMs))} | {Spread(runs.Select(r => r.Open.ReadyMs))} | " +
                  $"{Kb(Median(runs.Select(r => (double)r.Open.HtmlBytes)))} | {Kb(Median(runs.Select(r => (double)r.Received)))} | {Kb(Median(runs.Select(r => (double)r.Sent)))} |");
        }

        Print("");
        Print("Where an opening's time goes (medians, ms from the start of the navigation): blazor.web.js loaded, the circuit's WebSocket open, the first render batch arrived, interactive.");
        Print("| opening | scripts loaded | socket open | first batch | interactive |");
        Print("|---|---:|---:|---:|---:|");
        foreach (var (name, runs) in opens)
        {
            string Step(Func<OpenTimeline, double?> step) =>
                runs.Select(r => step(r.Open.Timeline)).OfType<double>().ToList() is { Count: > 0 } values ? Median(values).ToString("F0") : "–";
            Print($"| {name} | {Step(t => t.ScriptsMs)} | {Step(t => t.SocketOpenMs)} | {Step(t => t.FirstBatchMs)} | {Median(runs.Select(r => r.Open.InteractiveMs)):F0} |");
        }

        Print("");
        Print("| action | until shown, ms | circuit KB to browser (until quiet) | circuit KB from browser |");
        Print("|---|---:|---:|---:|");
        Print($"| property change on the canvas, {options.Components:N0} components | {Spread(change.Select(c => c.Ms))} | {Kb(Median(change.Select(c => (double)c.Received)), 1)} | {Kb(Median(change.Select(c => (double)c.Sent)), 1)} |");
        Print($"| open the version menu, {options.Versions} versions | {Spread(menu.Select(c => c.Ms))} | {Kb(Median(menu.Select(c => (double)c.Received)), 1)} | {Kb(Median(menu.Select(c => (double)c.Sent)), 1)} |");
        Print("");
        Print($"Server memory: the managed heap after full collections, with {options.Tabs} more idle tabs open than before (each interactive and quiet), then with them hidden (the server pauses a hidden tab's circuit after a second here), then after closing them.");
        Print("| idle tab | heap per open tab KB | working set per open tab KB | circuits held while hidden | heap per hidden tab KB | circuits held after closing | heap per closed tab KB |");
        Print("|---|---:|---:|---:|---:|---:|---:|");
        foreach (var (name, figures) in memory)
        {
            Print($"| {name} | {Kb(figures.HeapPerTab)} | {Kb(figures.WorkingSetPerTab)} | {figures.CircuitsWhileHidden} of {options.Tabs} | {Kb(figures.HeapPerHiddenTab)} | {figures.CircuitsAfterClosing} of {options.Tabs} | {Kb(figures.HeapPerClosedTab)} |");
        }

        foreach (var (name, figures) in memory.Where(m => m.Figures.Census is not null))
        {
            Print("");
            Print($"Heap census, {name}: the live objects that grew most between one open tab and {options.Tabs + 1} (dotnet-dump).");
            figures.Census!.ToList().ForEach(Print);
        }

        if (options.Out is not null)
        {
            await File.WriteAllTextAsync(options.Out, report.ToString());
        }
    }

    private static string Component(string name) => $"[data-testid=\"component-{name}\"]";

    private static async Task<IBrowserContext> SignedInAsync(IBrowser browser, WebServer server)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = server.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        });
        context.SetDefaultTimeout(120_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/Account/Login");
        await page.GetByLabel("Email").FillAsync(ScreenWorkspace.AdminEmail);
        await page.GetByLabel("Password").FillAsync(ScreenWorkspace.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync("**/apps");
        await page.CloseAsync();
        return context;
    }

    private static async Task<IReadOnlyList<T>> RepeatAsync<T>(ScreenOptions options, Func<Task<T>> run)
    {
        var results = new List<T>();
        for (var i = 0; i < options.Warmup + options.Runs; i++)
        {
            var result = await run();
            if (i >= options.Warmup)
            {
                results.Add(result);
            }
        }

        return results;
    }

    /// <summary>A new tab opens the page; the circuit's bytes count until it has been quiet for half a second.</summary>
    private static async Task<(OpenFigures, long, long)> OpenAsync(IBrowserContext context, string path, string selector)
    {
        var probe = await BrowserProbe.OpenAsync(context, selector);
        var open = await probe.NavigateAsync(path);
        await probe.SettleAsync();
        var figures = (open, probe.ReceivedBytes, probe.SentBytes);
        await probe.CloseAsync();
        return figures;
    }

    /// <summary>
    /// The editor of the big app, its middle Text component selected; each run types a new text into the property panel's
    /// field and leaves it (the change event), and times until the canvas shows the text.
    /// </summary>
    private static async Task<IReadOnlyList<(double Ms, long Received, long Sent)>> PropertyChangeAsync(IBrowserContext context, ScreenWorkspace workspace, ScreenOptions options)
    {
        var component = Component(workspace.BigEditedComponent);
        var probe = await BrowserProbe.OpenAsync(context, Component(workspace.BigLastComponent));
        await probe.NavigateAsync($"/apps/{ScreenWorkspace.BigSlug}/edit");
        await probe.SettleAsync();
        await probe.Page.Locator(component).ClickAsync();
        var panel = probe.Page.GetByTestId("property-panel");
        await panel.Filter(new() { HasText = $": {workspace.BigEditedComponent}" }).WaitForAsync();
        var field = panel.GetByLabel("text", new() { Exact = true });
        await probe.SettleAsync();
        var results = new List<(double, long, long)>();
        for (var i = 0; i < options.Warmup + options.Runs; i++)
        {
            var text = $"Changed {i} at {DateTime.UtcNow:HHmmssfff}";
            probe.ResetBytes();
            var ms = await field.EvaluateAsync<double>(
                """
                (input, args) => new Promise(resolve => {
                  input.value = args.text;
                  input.dispatchEvent(new Event('input', { bubbles: true }));
                  const shows = () => (document.querySelector(args.component)?.textContent ?? '').includes(args.text);
                  const started = performance.now();
                  const observer = new MutationObserver(() => {
                    if (shows()) { observer.disconnect(); resolve(performance.now() - started); }
                  });
                  observer.observe(document.body, { childList: true, subtree: true, characterData: true });
                  input.dispatchEvent(new Event('change', { bubbles: true }));
                })
                """, new { text, component });
            await probe.SettleAsync();
            if (i >= options.Warmup)
            {
                results.Add((ms, probe.ReceivedBytes, probe.SentBytes));
            }
        }

        await probe.CloseAsync();
        return results;
    }

    /// <summary>The editor of the app with many versions; times from the click on the version pill until the list shows a version.</summary>
    private static async Task<(double Ms, long Received, long Sent)> VersionMenuAsync(IBrowserContext context)
    {
        var probe = await BrowserProbe.OpenAsync(context, "[data-testid=\"version-manager\"]");
        await probe.NavigateAsync($"/apps/{ScreenWorkspace.HistorySlug}/edit");
        await probe.SettleAsync();
        probe.ResetBytes();
        var ms = await probe.Page.EvaluateAsync<double>(
            """
            () => new Promise(resolve => {
              const listed = () => document.querySelector('[role="menu"] [data-testid^="version-item-"]') !== null;
              const started = performance.now();
              const observer = new MutationObserver(() => {
                if (listed()) { observer.disconnect(); resolve(performance.now() - started); }
              });
              observer.observe(document.body, { childList: true, subtree: true });
              document.querySelector('[data-testid="version-manager"]').click();
            })
            """);
        await probe.SettleAsync();
        var figures = (ms, probe.ReceivedBytes, probe.SentBytes);
        await probe.CloseAsync();
        return figures;
    }

    /// <summary>
    /// A tab opened and closed first (first-use costs such as compiled queries are not any tab's), then one tab open as the
    /// baseline (so that what every tab shares is loaded), then <paramref name="tabs"/> more, each interactive and quiet:
    /// the heap's growth per tab. Then they close, and what the server still holds is measured. Each measurement waits
    /// until the server holds the circuits it should (the sign-in's own page included), for at most 30 seconds.
    /// </summary>
    private static async Task<MemoryFigures> MemoryAsync(WebServer server, IBrowserContext context, string path, string selector, int tabs, string? heapDumps)
    {
        var dumpTool = heapDumps is null ? null : HeapCensus.FindTool();
        var warmUp = await BrowserProbe.OpenAsync(context, selector);
        await warmUp.NavigateAsync(path);
        await warmUp.SettleAsync();
        await warmUp.CloseAsync();
        await server.WaitForCircuitsAsync(0);
        var first = await BrowserProbe.OpenAsync(context, selector);
        await first.NavigateAsync(path);
        await first.SettleAsync();
        var before = await server.WaitForCircuitsAsync(1);
        var dumpBefore = dumpTool is null ? null : await HeapCensus.DumpAsync(dumpTool, server.ProcessId, heapDumps!, "one-tab");
        var open = new List<BrowserProbe>();
        for (var i = 0; i < tabs; i++)
        {
            var probe = await BrowserProbe.OpenAsync(context, selector);
            await probe.NavigateAsync(path);
            await probe.SettleAsync();
            open.Add(probe);
        }

        var during = await server.WaitForCircuitsAsync(tabs + 1);
        var dumpDuring = dumpTool is null ? null : await HeapCensus.DumpAsync(dumpTool, server.ProcessId, heapDumps!, $"{tabs + 1}-tabs");
        foreach (var probe in open)
        {
            await probe.HideAsync();
        }

        var hidden = await server.WaitForCircuitsAsync(1);
        foreach (var probe in open)
        {
            await probe.CloseAsync();
        }

        var after = await server.WaitForCircuitsAsync(1);
        await first.CloseAsync();
        var census = dumpTool is null ? null : HeapCensus.Compare(
            await HeapCensus.LiveTypesAsync(dumpTool, dumpBefore!), await HeapCensus.LiveTypesAsync(dumpTool, dumpDuring!), tabs, top: 20);
        return new MemoryFigures(
            (during.GcHeapBytes - before.GcHeapBytes) / (double)tabs,
            (during.WorkingSetBytes - before.WorkingSetBytes) / (double)tabs,
            hidden.Circuits - before.Circuits,
            (hidden.GcHeapBytes - before.GcHeapBytes) / (double)tabs,
            after.Circuits - before.Circuits,
            (after.GcHeapBytes - before.GcHeapBytes) / (double)tabs,
            census);
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? double.NaN : sorted[sorted.Count / 2];
    }

    private static string Spread(IEnumerable<double> values)
    {
        var list = values.ToList();
        return list.Count == 1 ? $"{list[0]:F0}" : $"{Median(list):F0} ({list.Min():F0}–{list.Max():F0})";
    }

    private static string Kb(double bytes, int decimals = 0) => (bytes / 1000).ToString(decimals == 0 ? "N0" : "N1");
}

public sealed record MemoryFigures(
    double HeapPerTab, double WorkingSetPerTab, int CircuitsWhileHidden, double HeapPerHiddenTab, int CircuitsAfterClosing, double HeapPerClosedTab,
    IReadOnlyList<string>? Census);

public sealed record ScreenOptions(bool Smoke, int Components, int SmallComponents, int Apps, int Versions, int Tabs, int Warmup, int Runs, bool SkipMemory, string? HeapDumps, string? Out)
{
    public static ScreenOptions Parse(string[] args)
    {
        string? Value(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        int Number(string name, int full, int smoke) => int.Parse(Value(name) ?? (args.Contains("--smoke") ? smoke : full).ToString());
        var isSmoke = args.Contains("--smoke");
        return new ScreenOptions(
            isSmoke,
            Components: Number("--components", 1_000, 20),
            SmallComponents: Number("--small", 10, 5),
            Apps: Number("--apps", 1_000, 5),
            Versions: Number("--versions", 500, 4),
            Tabs: Number("--tabs", 10, 1),
            Warmup: Number("--warmup", 1, 0),
            Runs: Number("--runs", 5, 1),
            SkipMemory: args.Contains("--skip-memory"),
            HeapDumps: Value("--heap-dumps"),
            Out: Value("--out"));
    }
}
