using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Npgsql;

namespace Lifecycle.Data.Persistence.Postgres;

/// <summary>
/// PostgreSQL's advisory locks, the one place with raw SQL for them (decision 030). Each lock is a fixed 64-bit key in
/// this database; nothing else in the database uses advisory locks.
/// </summary>
internal static class PostgresLocks
{
    /// <summary>Every change transaction (the audit writer's gate): what SQLite's database-wide write lock gives for free.</summary>
    private const long WriteGate = 0x4C69_6663_0001; // "Lifc" 1

    /// <summary>Start-up of an instance: migrations, then the first key of the Data Protection key ring.</summary>
    private const long StartupGate = 0x4C69_6663_0002;

    /// <summary>
    /// Takes the write gate for the rest of the current transaction (<c>pg_advisory_xact_lock</c>): the commit or the
    /// rollback releases it, also when the process dies. Changes of every instance thus run one at a time, as on SQLite.
    /// </summary>
    public static Task TakeWriteGateAsync(DatabaseFacade database, CancellationToken cancellationToken) =>
        database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({WriteGate})", cancellationToken);

    /// <summary>Holds the start-up gate on a connection of its own until disposed (or until the process dies).</summary>
    public static async Task<IAsyncDisposable> HoldStartupGateAsync(string connectionString, CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        try
        {
            await using var take = new NpgsqlCommand($"SELECT pg_advisory_lock({StartupGate})", connection);
            await take.ExecuteNonQueryAsync(cancellationToken);
            return new HeldLock(connection);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private sealed class HeldLock(NpgsqlConnection connection) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                await using var release = new NpgsqlCommand($"SELECT pg_advisory_unlock({StartupGate})", connection);
                await release.ExecuteNonQueryAsync();
            }
            finally
            {
                await connection.DisposeAsync(); // closing the session would release it anyway
            }
        }
    }
}
