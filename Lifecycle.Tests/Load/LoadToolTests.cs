using Lifecycle.Load;
using Lifecycle.Tests.EndToEnd;
using Xunit.Abstractions;

namespace Lifecycle.Tests.Load;

/// <summary>
/// A short run of the load tool (decision 037) against the app it starts from this build, on SQLite: every circuit opens
/// and holds, edits come back in render batches and are stored, nothing fails. Timings are printed, never asserted: this
/// shared machine says nothing about them.
/// </summary>
public sealed class LoadToolTests(ITestOutputHelper output)
{
    [Fact]
    public async Task TwentyCircuitsEditForTenSecondsWithoutErrors()
    {
        var options = new LoadOptions
        {
            Circuits = 20,
            Duration = TimeSpan.FromSeconds(10),
            Interval = TimeSpan.FromSeconds(2),
            Settle = TimeSpan.FromSeconds(1),
            Components = 60,
            Configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}") ? "Release" : "Debug",
        };

        var report = await LoadRun.RunAsync(options, AppServer.RepositoryRoot(), output.WriteLine, CancellationToken.None);

        Assert.Empty(report.Metrics.Errors);
        Assert.Equal(20, report.CircuitsOpened);
        Assert.Equal(20, report.CircuitsHeld);
        Assert.Equal(20, report.ServerCircuits);
        Assert.NotEmpty(report.Metrics.VisibleMs);
        Assert.NotEmpty(report.Metrics.StoredMs);
        Assert.NotNull(report.Idle); // the memory endpoint answered
    }
}
