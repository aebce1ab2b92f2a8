using System.Text.Json;
using System.Threading.Channels;
using Lifecycle.Data.Instances;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Lifecycle.Data.Events;

/// <summary>
/// Live updates across the instances that share one PostgreSQL database (SPEC V10, decision 031). A change published here
/// reaches this instance's listeners at once, as with <see cref="InProcessAppChangeNotifier"/>, and is sent to the others
/// with NOTIFY (the <see cref="AppChange"/> as JSON, marked with this instance). A dedicated connection LISTENs and hands
/// the other instances' changes to the listeners here; it reconnects when the connection drops. Changes sent while an
/// instance was not listening are not replayed: pages show them at their next load.
/// </summary>
public sealed class PostgresAppChangeNotifier : IAppChangeNotifier, IAsyncDisposable
{
    public const string ChannelName = "lifecycle_app_changes";
    private static readonly TimeSpan FirstRetry = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan LastRetry = TimeSpan.FromSeconds(10);

    private readonly InProcessAppChangeNotifier _everyInstance = new();
    private readonly InProcessAppChangeNotifier _thisInstance = new();
    private readonly Channel<AppChange> _outgoing = Channel.CreateUnbounded<AppChange>(new UnboundedChannelOptions { SingleReader = true });
    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _startGate = new();
    private readonly string _connectionString;
    private readonly string _origin;
    private readonly ILogger<PostgresAppChangeNotifier> _log;
    private Task _loops = Task.CompletedTask;
    private bool _started;

    public PostgresAppChangeNotifier(string connectionString, ThisInstance instance, ILogger<PostgresAppChangeNotifier> log)
    {
        // The listening connection notices a dead server or network through keepalives, then reconnects.
        _connectionString = new NpgsqlConnectionStringBuilder(connectionString) { KeepAlive = 10, Enlist = false }.ConnectionString;
        _origin = instance.Id;
        _log = log;
    }

    /// <summary>Completes once the first LISTEN is in place: from then on, other instances' changes arrive here.</summary>
    public Task Listening
    {
        get
        {
            Start();
            return _listening.Task;
        }
    }

    public void Publish(AppChange change)
    {
        Start();
        _everyInstance.Publish(change);
        _thisInstance.Publish(change);
        _outgoing.Writer.TryWrite(change);
    }

    public IDisposable Subscribe(Action<AppChange> listener, AppChangeOrigin origin = AppChangeOrigin.AnyInstance)
    {
        Start();
        return (origin == AppChangeOrigin.ThisInstance ? _thisInstance : _everyInstance).Subscribe(listener);
    }

    private void Start()
    {
        lock (_startGate)
        {
            if (_started || _stopping.IsCancellationRequested)
            {
                return;
            }

            _started = true;
            _loops = Task.WhenAll(Task.Run(() => ListenAsync(_stopping.Token)), Task.Run(() => SendAsync(_stopping.Token)));
        }
    }

    private async Task SendAsync(CancellationToken stopping)
    {
        NpgsqlConnection? connection = null;
        try
        {
            await foreach (var change in _outgoing.Reader.ReadAllAsync(stopping))
            {
                var payload = JsonSerializer.Serialize(new Envelope(_origin, change));
                for (var delay = FirstRetry; ; delay = Longer(delay))
                {
                    try
                    {
                        connection ??= await OpenAsync(stopping);
                        await using var notify = new NpgsqlCommand("SELECT pg_notify(@channel, @payload)", connection);
                        notify.Parameters.AddWithValue("channel", ChannelName);
                        notify.Parameters.AddWithValue("payload", payload);
                        await notify.ExecuteNonQueryAsync(stopping);
                        break;
                    }
                    catch (Exception failure) when (failure is NpgsqlException or InvalidOperationException or TimeoutException)
                    {
                        _log.LogWarning(failure, "Sending a change notice to the other instances failed; trying again in {Delay}.", delay);
                        await DropAsync(connection);
                        connection = null;
                        await Task.Delay(delay, stopping);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
        finally
        {
            await DropAsync(connection);
        }
    }

    private async Task ListenAsync(CancellationToken stopping)
    {
        for (var delay = FirstRetry; !stopping.IsCancellationRequested; delay = Longer(delay))
        {
            NpgsqlConnection? connection = null;
            try
            {
                connection = await OpenAsync(stopping);
                connection.Notification += (_, notice) => Receive(notice.Payload);
                await using (var listen = new NpgsqlCommand($"LISTEN {ChannelName}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stopping);
                }

                if (!_listening.TrySetResult())
                {
                    _log.LogInformation("Listening to the other instances' changes again.");
                }

                delay = FirstRetry;
                while (true)
                {
                    await connection.WaitAsync(stopping);
                }
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception failure) when (failure is NpgsqlException or InvalidOperationException or TimeoutException or IOException)
            {
                _log.LogWarning(failure, "Listening to the other instances' changes failed; reconnecting in {Delay}.", delay);
            }
            finally
            {
                await DropAsync(connection);
            }

            try
            {
                await Task.Delay(delay, stopping);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private void Receive(string payload)
    {
        Envelope? envelope;
        try
        {
            envelope = JsonSerializer.Deserialize<Envelope>(payload);
        }
        catch (JsonException failure)
        {
            _log.LogWarning(failure, "A change notice that is not one of ours was ignored.");
            return;
        }

        // This instance's own changes were delivered here when they were published: once is enough.
        if (envelope?.Change is { } change && envelope.Origin != _origin)
        {
            try
            {
                _everyInstance.Publish(change);
            }
            catch (Exception failure)
            {
                // A listener's bug must not end the listening connection.
                _log.LogError(failure, "A listener failed on a change notice from another instance.");
            }
        }
    }

    private async Task<NpgsqlConnection> OpenAsync(CancellationToken stopping)
    {
        var connection = new NpgsqlConnection(_connectionString);
        try
        {
            await connection.OpenAsync(stopping);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private static async Task DropAsync(NpgsqlConnection? connection)
    {
        if (connection is not null)
        {
            await connection.DisposeAsync();
        }
    }

    private static TimeSpan Longer(TimeSpan delay) => delay * 2 < LastRetry ? delay * 2 : LastRetry;

    public async ValueTask DisposeAsync()
    {
        lock (_startGate)
        {
            _stopping.Cancel();
        }

        _outgoing.Writer.TryComplete();
        await _loops;
        _stopping.Dispose();
    }

    private sealed record Envelope(string Origin, AppChange Change);
}
