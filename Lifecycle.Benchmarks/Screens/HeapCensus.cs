using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Lifecycle.Benchmarks.Screens;

/// <summary>
/// Where an idle tab's memory goes (docs/performance.md, "Round 6"): with <c>--heap-dumps DIR</c> the server's heap is
/// dumped by dotnet-dump with one tab open and again with the idle tabs open, and the live objects of the two are
/// compared type by type. The report names the types that grew most per tab and counts the components each tab's
/// circuit holds (one <c>RemoteComponentState</c> per rendered component).
/// </summary>
public static partial class HeapCensus
{
    private const string ComponentStateType = "Microsoft.AspNetCore.Components.Server.Circuits.RemoteComponentState";

    /// <summary>dotnet-dump from PATH or the global tools folder; null (and a line saying how to install it) when missing.</summary>
    public static string? FindTool()
    {
        var candidates = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Append(Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".dotnet", "tools"))
            .Select(folder => Path.Combine(folder, "dotnet-dump"));
        var tool = candidates.FirstOrDefault(File.Exists);
        if (tool is null)
        {
            Console.Error.WriteLine("--heap-dumps needs dotnet-dump: dotnet tool install -g dotnet-dump");
        }

        return tool;
    }

    public static async Task<string> DumpAsync(string tool, int processId, string directory, string name)
    {
        Directory.CreateDirectory(directory);
        var file = Path.Combine(directory, $"{DateTime.UtcNow:HHmmss}-{name}.dmp");
        await RunAsync(tool, ["collect", "-p", processId.ToString(CultureInfo.InvariantCulture), "--type", "Heap", "-o", file]);
        return file;
    }

    /// <summary>The live objects of a dump, by type: count and bytes (SOS's <c>dumpheap -stat -live</c>).</summary>
    public static async Task<IReadOnlyDictionary<string, (long Count, long Bytes)>> LiveTypesAsync(string tool, string dumpFile)
    {
        var output = await RunAsync(tool, ["analyze", dumpFile, "-c", "dumpheap -stat -live", "-c", "exit"]);
        var types = new Dictionary<string, (long Count, long Bytes)>();
        foreach (var line in output.Split('\n'))
        {
            if (StatLine().Match(line) is { Success: true } match)
            {
                types[match.Groups["type"].Value.Trim()] = (ParseNumber(match.Groups["count"].Value), ParseNumber(match.Groups["bytes"].Value));
            }
        }

        return types;
    }

    /// <summary>The types that grew most between the two dumps, per tab, and the components per tab.</summary>
    public static IReadOnlyList<string> Compare(
        IReadOnlyDictionary<string, (long Count, long Bytes)> before, IReadOnlyDictionary<string, (long Count, long Bytes)> during, int tabs, int top)
    {
        (long Count, long Bytes) Growth(string type) =>
            (during.GetValueOrDefault(type).Count - before.GetValueOrDefault(type).Count, during.GetValueOrDefault(type).Bytes - before.GetValueOrDefault(type).Bytes);

        var growth = before.Keys.Union(during.Keys).Select(type => (Type: type, Growth: Growth(type))).ToList();
        var lines = new List<string>
        {
            $"Live heap per tab {growth.Sum(g => g.Growth.Bytes) / 1000.0 / tabs:N0} KB; components per tab {Growth(ComponentStateType).Count / (double)tabs:N0}.",
            "| type | KB per tab | objects per tab |",
            "|---|---:|---:|",
        };
        lines.AddRange(growth.OrderByDescending(g => g.Growth.Bytes).Take(top)
            .Select(g => $"| {g.Type} | {g.Growth.Bytes / 1000.0 / tabs:N1} | {g.Growth.Count / (double)tabs:N1} |"));
        return lines;
    }

    private static long ParseNumber(string text) => long.Parse(text.Replace(",", ""), CultureInfo.InvariantCulture);

    private static async Task<string> RunAsync(string tool, string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(tool, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })
            ?? throw new InvalidOperationException($"{tool} did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{tool} {string.Join(' ', arguments)} exited with {process.ExitCode}: {await error}");
        }

        return await output;
    }

    // "    MT    Count    TotalSize Class Name", e.g. "7fbbe69644a0 12,027 1,202,036 System.Byte[]".
    [GeneratedRegex(@"^\s*[0-9a-f]{8,}\s+(?<count>[\d,]+)\s+(?<bytes>[\d,]+)\s+(?<type>.+)$")]
    private static partial Regex StatLine();
}
