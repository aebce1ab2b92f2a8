using System.Globalization;
using Lifecycle.Data.Access;
using Lifecycle.Data.Persistence;

namespace Lifecycle.CrashWorker;

/// <summary>The worker's command line: the database, who acts, the seed of its choices, the prefix of the names it gives.</summary>
internal sealed record WorkerOptions(DatabaseSettings Database, Actor Actor, int Seed, string Prefix, int Steps)
{
    public static WorkerOptions Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            values[args[i]] = args[i + 1];
        }

        string Required(string name) => values.TryGetValue(name, out var value) ? value : throw new ArgumentException($"{name} is missing.");
        var provider = Enum.Parse<DatabaseProvider>(Required("--provider"), ignoreCase: true);
        return new WorkerOptions(
            new DatabaseSettings(provider, Required("--connection")),
            new Actor(Required("--actor-id"), Required("--actor-name")),
            int.Parse(Required("--seed"), CultureInfo.InvariantCulture),
            Required("--prefix"),
            values.TryGetValue("--steps", out var steps) ? int.Parse(steps, CultureInfo.InvariantCulture) : 100_000);
    }
}
