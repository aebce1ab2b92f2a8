using Lifecycle.Data;
using Microsoft.Extensions.DependencyInjection;

namespace Lifecycle.CrashWorker;

/// <summary>
/// The crash suite's child process (docs/reliability.md): a burst of lifecycle writes through the use cases, on the
/// database the test names, until it is killed (or has run --steps writes). Each write is announced ("start {json}") and
/// reported once committed ("done {json}") on standard output; the same seed on the same database makes the same choices.
/// Usage: dotnet Lifecycle.CrashWorker.dll --provider Sqlite|Postgres --connection CONNECTION --actor-id ID
/// --actor-name NAME --seed N --prefix NAME [--steps N]. A named class rather than top-level statements, so that the
/// tests, which reference this assembly for <see cref="CrashProtocol"/>, still see one <c>Program</c>: the web app's.
/// </summary>
internal static class CrashWorkerProgram
{
    public static async Task<int> Main(string[] args)
    {
        var options = WorkerOptions.Parse(args);
        var services = new ServiceCollection().AddLogging();
        services.AddLifecycleData(options.Database);
        await using var provider = services.BuildServiceProvider();
        var burst = await Burst.LoadAsync(provider, options);
        Console.WriteLine(CrashProtocol.Ready);
        return await burst.RunAsync();
    }
}
