using System.Data.Common;
using System.Diagnostics;
using Lifecycle.Data.Persistence;
using Lifecycle.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Xunit.Abstractions;

namespace Lifecycle.Tests.Integration.Reliability;

/// <summary>
/// Crash suite (docs/reliability.md): a child process runs a burst of lifecycle writes on the workspace's database and is
/// killed with SIGKILL at a random point, again and again on the same database. After each kill the database is whole and
/// holds every write the worker had reported done; the one it was in the middle of is there entirely or not at all.
/// </summary>
public sealed class CrashTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A4_D4_V6_AWorkerKilledAtRandomPoints_LeavesAnIntactDatabaseThatHoldsEveryWriteItReported()
    {
        // SPEC D4: no version points at a missing object; SPEC V6: a release and its history row commit together;
        // SPEC A4: every write's audit entry is there and the chain verifies
        var run = ReliabilityRun.Start(shortRun: 3, soak: 100);
        var random = new Random(run.Seed);
        await using var workspace = await TestWorkspace.StartAsync();
        await workspace.CreateAppAsync(workspace.Admin, "Crash A");
        await workspace.CreateAppAsync(workspace.Admin, "Crash B");
        var (writes, committed, rolledBack) = (0, 0, 0);
        var startup = TimeSpan.Zero;

        for (var kill = 0; kill < run.Rounds; kill++)
        {
            var (workerSeed, afterWrites, delayMs) = (run.Seed + kill, random.Next(0, 40), random.Next(0, 25));
            var context = $"{run.At(kill)}: worker seed {workerSeed}, killed {delayMs} ms after write {afterWrites} was reported";
            WorkspaceFacts before;
            await using (var db = await workspace.DbAsync())
            {
                before = await WorkspaceFacts.ReadAsync(db);
            }

            var (database, applicationName) = ForWorker(workspace.Database);
            WorkerReport report;
            await using (var worker = CrashWorkerProcess.Start(database, workspace.Admin, workerSeed, $"k{kill}"))
            {
                var started = Stopwatch.StartNew();
                await worker.WaitForDoneAsync(0, TimeSpan.FromMinutes(2));
                startup = startup.Add(started.Elapsed);
                await worker.WaitForDoneAsync(afterWrites, TimeSpan.FromMinutes(2));
                await Task.Delay(delayMs);
                report = await worker.KillAsync();
            }

            Assert.True(report.Failure is null, $"{context}: a write the rules allow was refused.{Environment.NewLine}{report.Output}");
            await using (var db = await workspace.DbAsync())
            {
                await WaitUntilDisconnectedAsync(db, applicationName);
                await AssertIntactAsync(db, context);
                var expected = report.Done.Aggregate(before, (facts, step) => facts.After(step));
                var withInFlight = report.InFlight is { } inFlight ? expected.After(inFlight) : null;
                var stored = await WorkspaceFacts.ReadAsync(db, before.AuditMark);
                Assert.True(stored.SameAs(expected) || stored.SameAs(withInFlight),
                    $"{context}: the database does not hold exactly the reported writes{(withInFlight is null ? "" : " (with or without the one in flight)")}:{Environment.NewLine}{stored.DifferencesFrom(expected)}");
                writes += report.Done.Count;
                var outcome = (stored.SameAs(expected), stored.SameAs(withInFlight)) switch
                {
                    _ when report.InFlight is null => "none in flight",
                    (true, false) => "rolled back",
                    (false, true) => "committed",
                    _ => "nothing to tell apart",
                };
                committed += outcome == "committed" ? 1 : 0;
                rolledBack += outcome == "rolled back" ? 1 : 0;
                output.WriteLine($"kill {kill}: worker seed {workerSeed}, {delayMs} ms after write {afterWrites}; {report.Done.Count} writes reported, in flight: {report.InFlight?.Kind ?? "-"} ({outcome})");
            }

            var chain = ResultAssert.Ok(await workspace.Audit.VerifyChainAsync(workspace.Admin));
            Assert.True(chain.IsIntact, $"{context}: the audit chain breaks at entry {chain.FirstBrokenId}.");
        }

        output.WriteLine(run.Summary(nameof(A4_D4_V6_AWorkerKilledAtRandomPoints_LeavesAnIntactDatabaseThatHoldsEveryWriteItReported),
            $"{run.Rounds} kills, {writes} writes reported before them, the workers took {startup.TotalSeconds:F1} s to start in all; the write in flight had committed at {committed} kills and was rolled back at {rolledBack} (at the others none was, or it changed nothing stored)"));
    }

    /// <summary>The workspace's database as the worker opens it; on PostgreSQL under a name of its own, to see its sessions end.</summary>
    private static (DatabaseSettings Database, string? ApplicationName) ForWorker(DatabaseSettings database)
    {
        if (!database.IsPostgres)
        {
            return (database, null);
        }

        var name = $"lifecycle-crash-{Guid.NewGuid():N}"[..40];
        return (DatabaseSettings.Postgres(new NpgsqlConnectionStringBuilder(database.ConnectionString) { ApplicationName = name }.ConnectionString), name);
    }

    /// <summary>
    /// PostgreSQL ends a killed client's sessions when it notices the closed connection, rolling back what was open (or
    /// committing a COMMIT that had arrived): the checks wait until the worker's sessions are gone.
    /// </summary>
    private static async Task WaitUntilDisconnectedAsync(DbContext db, string? applicationName)
    {
        if (applicationName is null)
        {
            return;
        }

        await Poll.UntilAsync(async () => await ScalarAsync(db, $"SELECT count(*) FROM pg_stat_activity WHERE application_name = '{applicationName}'") is 0L ? "gone" : null,
            TimeSpan.FromSeconds(30));
    }

    /// <summary>SQLite's own checks of the file (PRAGMA integrity_check, foreign_key_check), then every version's tree (SPEC D4).</summary>
    private static async Task AssertIntactAsync(LifecycleDbContext db, string context)
    {
        if (!db.Database.IsNpgsql())
        {
            Assert.Equal(["ok"], await RowsAsync(db, "PRAGMA integrity_check"));
            Assert.Empty(await RowsAsync(db, "PRAGMA foreign_key_check"));
        }

        var missing = await StoredTrees.MissingObjectsAsync(db);
        Assert.True(missing.Count == 0, $"{context}: {string.Join("; ", missing)}");
    }

    private static async Task<object?> ScalarAsync(DbContext db, string sql)
    {
        await using var command = await CommandAsync(db, sql);
        return await command.ExecuteScalarAsync();
    }

    private static async Task<List<string>> RowsAsync(DbContext db, string sql)
    {
        await using var command = await CommandAsync(db, sql);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add(string.Join(" ", Enumerable.Range(0, reader.FieldCount).Select(i => reader.GetValue(i))));
        }

        return rows;
    }

    private static async Task<DbCommand> CommandAsync(DbContext db, string sql)
    {
        var connection = db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open)
        {
            await connection.OpenAsync();
        }

        var command = connection.CreateCommand();
        command.CommandText = sql;
        return command;
    }
}
