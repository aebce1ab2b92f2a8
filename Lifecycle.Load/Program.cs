using Lifecycle.Load;

/// <summary>The load tool of issue 12: see <see cref="LoadOptions.Usage"/>, docs/performance.md ("Load") and decision 037.</summary>
internal static class LoadProgram
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Contains("--help") || args.Contains("-h"))
        {
            Console.WriteLine(LoadOptions.Usage);
            return 0;
        }

        LoadOptions options;
        try
        {
            options = LoadOptions.Parse(args);
        }
        catch (Exception invalid) when (invalid is ArgumentException or FormatException or UriFormatException)
        {
            Console.Error.WriteLine(invalid.Message);
            Console.Error.WriteLine(LoadOptions.Usage);
            return 2;
        }

        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };

        var report = await LoadRun.RunAsync(options, RepositoryRoot(), line => Console.WriteLine($"[{DateTime.Now:HH:mm:ss}] {line}"), stop.Token);
        if (options.SeedOnly)
        {
            return 0;
        }

        if (options.Out is not null)
        {
            await File.WriteAllTextAsync(options.Out, report.ToMarkdown());
        }

        // Fails when a circuit did not open or hold, or any error happened; timings never fail the run.
        return report.Errors == 0 && report.CircuitsHeld == options.Circuits && report.Metrics.VisibleMs.Count > 0 ? 0 : 1;
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Lifecycle.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? Directory.GetCurrentDirectory();
    }
}
