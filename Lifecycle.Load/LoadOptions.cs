using System.Globalization;
using Lifecycle.Data.Persistence;

namespace Lifecycle.Load;

/// <summary>Where the load goes to.</summary>
public enum TargetKind
{
    /// <summary>The tool starts one instance of the built app on a new SQLite file.</summary>
    Sqlite,

    /// <summary>The tool starts PostgreSQL, two instances and nginx (scripts/postgres.sh, scripts/nginx.sh).</summary>
    Cluster,

    /// <summary>A server already running (<c>--url</c>).</summary>
    Existing,
}

/// <summary>The tool's options: see <see cref="Usage"/>.</summary>
public sealed record LoadOptions
{
    public int Circuits { get; init; } = 20;
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(60);
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(5);
    /// <summary>Longer than the server's 15 s for an idle HTTP connection (decision 046), so the reading is of idle circuits alone.</summary>
    public TimeSpan Settle { get; init; } = TimeSpan.FromSeconds(20);
    public int Components { get; init; } = 150;

    /// <summary>How many circuits share one account (and its sign-in cookie), as tabs of one browser; 0 means one account per circuit.</summary>
    public int CircuitsPerAccount { get; init; } = 10;

    public int ConnectConcurrency { get; init; } = 8;
    public TargetKind Target { get; init; } = TargetKind.Sqlite;
    public int Instances { get; init; } = 2;
    public Uri? Url { get; init; }
    public IReadOnlyList<Uri> InstanceUrls { get; init; } = [];
    public DatabaseSettings? Database { get; init; }
    public string Configuration { get; init; } = "Release";

    /// <summary>Where the tool keeps its SQLite database between runs (seeding is skipped for what exists); a new temporary folder otherwise.</summary>
    public string? DataDirectory { get; init; }

    public string? Out { get; init; }

    /// <summary>Seed (and start) only, then stop: prepares a --data folder for later runs.</summary>
    public bool SeedOnly { get; init; }

    /// <summary>Extra configuration for the instances the tool starts (environment variable names), e.g. CircuitOptions under test.</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();

    public int Accounts => CircuitsPerAccount <= 0 ? Circuits : (Circuits + CircuitsPerAccount - 1) / CircuitsPerAccount;

    public const string Usage = """
        Lifecycle load tool: real Blazor Server circuits in the editor, at the SignalR protocol level (decision 037).

          dotnet run -c Release --project Lifecycle.Load -- [options]

          --circuits N            circuits (simulated users in the editor), default 20
          --duration 60s          how long the users edit, after all circuits are open and memory is read
          --interval 5s           time between one user's edits
          --settle 20s            idle time before the idle-memory reading (past the server's 15 s for an idle connection)
          --components 150        components on each user's app
          --circuits-per-account 10  circuits sharing one account's sign-in cookie (0: an account each)
          --connect-concurrency 8 circuits opened at once while ramping up
          --cluster               two instances on PostgreSQL behind nginx (scripts/postgres.sh, scripts/nginx.sh)
          --instances 2           instances in --cluster
          --url URL               a server already running; with --database it is seeded first
          --instance URL          (repeatable) instances behind --url to read memory from; default --url
          --database CONN         the database of --url, to seed (--provider Sqlite|Postgres, default Sqlite)
          --data DIR              keep the tool's SQLite database here and reuse it (seeding skips what exists)
          --configuration Release which build of Lifecycle.Web to start
          --set KEY=VALUE         configuration for the started instances (environment variable form, e.g. CircuitOptions__…)
          --out FILE              also write the report (Markdown) to FILE
          --seed-only             seed the --data folder and stop (a 1,000-circuit workspace takes minutes to seed)
        """;

    public static LoadOptions Parse(IReadOnlyList<string> args)
    {
        var options = new LoadOptions();
        var instances = new List<Uri>();
        var settings = new Dictionary<string, string>();
        string? database = null;
        var provider = DatabaseProvider.Sqlite;
        for (var i = 0; i < args.Count; i++)
        {
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            options = args[i] switch
            {
                "--circuits" => options with { Circuits = PositiveInt(Value()) },
                "--duration" => options with { Duration = ParseDuration(Value()) },
                "--interval" => options with { Interval = ParseDuration(Value()) },
                "--settle" => options with { Settle = ParseDuration(Value()) },
                "--components" => options with { Components = PositiveInt(Value()) },
                "--circuits-per-account" => options with { CircuitsPerAccount = int.Parse(Value(), CultureInfo.InvariantCulture) },
                "--connect-concurrency" => options with { ConnectConcurrency = PositiveInt(Value()) },
                "--cluster" => options with { Target = TargetKind.Cluster },
                "--instances" => options with { Instances = PositiveInt(Value()) },
                "--url" => options with { Target = TargetKind.Existing, Url = new Uri(Value()) },
                "--configuration" => options with { Configuration = Value() },
                "--data" => options with { DataDirectory = Path.GetFullPath(Value()) },
                "--out" => options with { Out = Value() },
                "--seed-only" => options with { SeedOnly = true },
                _ => options,
            };
            switch (args[i])
            {
                case "--instance":
                    instances.Add(new Uri(Value()));
                    break;
                case "--database":
                    database = Value();
                    break;
                case "--provider":
                    provider = Enum.Parse<DatabaseProvider>(Value(), ignoreCase: true);
                    break;
                case "--set":
                    var pair = Value().Split('=', 2);
                    settings[pair[0]] = pair.Length == 2 ? pair[1] : throw new ArgumentException("--set needs KEY=VALUE.");
                    break;
                case var known when known.StartsWith("--", StringComparison.Ordinal) && !IsKnown(known):
                    throw new ArgumentException($"Unknown option {known}.");
            }
        }

        return options with
        {
            InstanceUrls = instances,
            Settings = settings,
            Database = database is null ? null : new DatabaseSettings(provider, database),
        };
    }

    private static bool IsKnown(string option) => option is "--circuits" or "--duration" or "--interval" or "--settle" or "--components" or "--circuits-per-account"
        or "--connect-concurrency" or "--cluster" or "--instances" or "--url" or "--configuration" or "--data" or "--out" or "--instance" or "--database"
        or "--provider" or "--set" or "--seed-only";

    private static int PositiveInt(string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : throw new ArgumentException($"'{value}' is not a positive number.");

    /// <summary>"90s", "5m", "500ms" or a number of seconds.</summary>
    public static TimeSpan ParseDuration(string value) => value switch
    {
        _ when value.EndsWith("ms", StringComparison.Ordinal) => TimeSpan.FromMilliseconds(double.Parse(value[..^2], CultureInfo.InvariantCulture)),
        _ when value.EndsWith('s') => TimeSpan.FromSeconds(double.Parse(value[..^1], CultureInfo.InvariantCulture)),
        _ when value.EndsWith('m') => TimeSpan.FromMinutes(double.Parse(value[..^1], CultureInfo.InvariantCulture)),
        _ => TimeSpan.FromSeconds(double.Parse(value, CultureInfo.InvariantCulture)),
    };
}
