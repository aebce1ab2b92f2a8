using System.Diagnostics;
using System.Globalization;
using Lifecycle.Tests.Support;

namespace Lifecycle.Tests.Integration.Reliability;

/// <summary>
/// One test of the race and crash suites (docs/reliability.md): its rounds, its seed and its clock. A short run in the test
/// command; a soak when <c>LIFECYCLE_SOAK=1</c>; <c>LIFECYCLE_ROUNDS=N</c> sets the rounds (or kills) of every test, and
/// <c>LIFECYCLE_SEED=N</c> replays the random choices of a failed run (the interleaving of a race is the machine's, so a
/// replay repeats the choices, not the timing).
/// </summary>
public sealed class ReliabilityRun
{
    public const string SoakVariable = "LIFECYCLE_SOAK";
    public const string RoundsVariable = "LIFECYCLE_ROUNDS";
    public const string SeedVariable = "LIFECYCLE_SEED";

    private readonly Stopwatch _clock = Stopwatch.StartNew();

    private ReliabilityRun(int seed, int rounds) => (Seed, Rounds) = (seed, rounds);

    public int Seed { get; }

    public int Rounds { get; }

    public static bool IsSoak => Environment.GetEnvironmentVariable(SoakVariable) is "1" or "true";

    /// <summary>Starts the clock of a test that runs <paramref name="shortRun"/> rounds in the test command and <paramref name="soak"/> in a soak.</summary>
    public static ReliabilityRun Start(int shortRun, int soak)
    {
        var rounds = int.TryParse(Environment.GetEnvironmentVariable(RoundsVariable), NumberStyles.None, CultureInfo.InvariantCulture, out var given) && given > 0
            ? given
            : IsSoak ? soak : shortRun;
        var seed = int.TryParse(Environment.GetEnvironmentVariable(SeedVariable), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var replayed)
            ? replayed
            : Random.Shared.Next(1, 1_000_000);
        return new ReliabilityRun(seed, rounds);
    }

    /// <summary>What a failure message starts with, so that the run's choices can be replayed.</summary>
    public string Replay => $"seed {Seed} ({SeedVariable} replays it)";

    /// <summary>What a failure message in a round starts with.</summary>
    public string At(int round) => $"{Replay}, round {round}";

    /// <summary>The line each test prints when it ends; the figures of docs/reliability.md come from these lines.</summary>
    public string Summary(string test, string outcomes) =>
        FormattableString.Invariant($"{test}: seed {Seed}, {Rounds} rounds in {_clock.Elapsed.TotalSeconds:F1} s on {TestWorkspace.Provider}; {outcomes}");
}
