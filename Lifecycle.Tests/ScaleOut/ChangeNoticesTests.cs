using Lifecycle.Data.Events;
using Lifecycle.Data.Persistence;
using Lifecycle.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Lifecycle.Tests.ScaleOut;

/// <summary>
/// Change notices between instances on PostgreSQL (decision 031): each listener hears a change once, whichever instance
/// made it; work that one instance must do once hears only its own changes; a dropped listening connection comes back.
/// Always on PostgreSQL: SQLite runs one instance and needs none of this.
/// </summary>
public sealed class ChangeNoticesTests
{
    [Fact]
    public async Task EveryListenerHearsAChangeOnceAndOnlyItsInstanceHearsItAsItsOwn()
    {
        await using var workspace = await TestWorkspace.StartEmptyAsync(provider: DatabaseProvider.Postgres);
        await using var second = workspace.BuildInstance();
        await using var third = workspace.BuildInstance();
        var (a, b, c) = (Notifier(workspace.Get<IAppChangeNotifier>()), Notifier(second.GetRequiredService<IAppChangeNotifier>()), Notifier(third.GetRequiredService<IAppChangeNotifier>()));
        await Task.WhenAll(a.Listening, b.Listening, c.Listening);
        var heardOnA = new Heard(a);
        var heardOnB = new Heard(b);
        var ownOnA = new Heard(a, AppChangeOrigin.ThisInstance);
        var ownOnB = new Heard(b, AppChangeOrigin.ThisInstance);
        var change = new AppChange(7, AppChangeKinds.Released, "user-1", "Ada Admin", 70, 3);

        a.Publish(change);
        await Poll.UntilAsync(() => heardOnB.Count(change) == 1 ? "heard" : null, TimeSpan.FromSeconds(5));
        // PostgreSQL hands every listener the notices in one order: once the marker sent after it arrives on A, A's own
        // notice has come back to A too, and must have been dropped there.
        var marker = change with { Kind = AppChangeKinds.Saved };
        c.Publish(marker);
        await Poll.UntilAsync(() => heardOnA.Count(marker) == 1 ? "heard" : null, TimeSpan.FromSeconds(5));

        Assert.Equal(1, heardOnA.Count(change));
        Assert.Equal(1, heardOnB.Count(change));
        Assert.Equal(1, ownOnA.Count(change));
        Assert.Equal(0, ownOnB.Count(change));
        Assert.Equal(0, ownOnA.Count(marker));
    }

    [Fact]
    public async Task AListenerWhoseConnectionDroppedHearsChangesAgain()
    {
        await using var workspace = await TestWorkspace.StartEmptyAsync(provider: DatabaseProvider.Postgres);
        await using var second = workspace.BuildInstance();
        var (a, b) = (Notifier(workspace.Get<IAppChangeNotifier>()), Notifier(second.GetRequiredService<IAppChangeNotifier>()));
        await Task.WhenAll(a.Listening, b.Listening);
        var heardOnB = new Heard(b);

        await using (var admin = new NpgsqlConnection(workspace.Database.ConnectionString))
        {
            await admin.OpenAsync();
            await using var terminate = new NpgsqlCommand(
                $"SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = current_database() AND query = 'LISTEN {PostgresAppChangeNotifier.ChannelName}'", admin);
            Assert.Equal(2L, await terminate.ExecuteScalarAsync()); // both instances' listening connections are cut
        }

        // Notices sent while nobody listens are lost (pages show the change at their next load), so keep sending until one arrives.
        var round = 0;
        await Poll.UntilAsync(() =>
        {
            a.Publish(new AppChange(8, AppChangeKinds.Promoted, "user-1", "Ada Admin", 80, ++round));
            return heardOnB.Any ? "heard again" : null;
        }, TimeSpan.FromSeconds(15));
    }

    private static PostgresAppChangeNotifier Notifier(IAppChangeNotifier notifier) => Assert.IsType<PostgresAppChangeNotifier>(notifier);

    private sealed class Heard
    {
        private readonly List<AppChange> _changes = [];

        public Heard(IAppChangeNotifier notifier, AppChangeOrigin origin = AppChangeOrigin.AnyInstance) =>
            notifier.Subscribe(change =>
            {
                lock (_changes)
                {
                    _changes.Add(change);
                }
            }, origin);

        public bool Any
        {
            get
            {
                lock (_changes)
                {
                    return _changes.Count > 0;
                }
            }
        }

        public int Count(AppChange change)
        {
            lock (_changes)
            {
                return _changes.Count(c => c == change);
            }
        }
    }
}
