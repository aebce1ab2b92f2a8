using System.Data.Common;
using System.Text;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Lifecycle.Benchmarks;

/// <summary>
/// Counts the SQL commands a subject sends to the database (each one a round trip through the provider) and the bytes
/// it sends in data-changing commands (INSERT, UPDATE, DELETE): the sum of their parameter values. Both subjects go
/// through EF Core, so one meter measures them the same way.
/// </summary>
public sealed class WriteMeter : DbCommandInterceptor
{
    private long _bytes;
    private long _commands;

    public long Bytes => Interlocked.Read(ref _bytes);

    public long Commands => Interlocked.Read(ref _commands);

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Count(command);
        return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Count(command);
        return base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Count(command);
        return base.ScalarExecutingAsync(command, eventData, result, cancellationToken);
    }

    private void Count(DbCommand command)
    {
        Interlocked.Increment(ref _commands);
        var text = command.CommandText;
        if (!(text.Contains("INSERT", StringComparison.OrdinalIgnoreCase) || text.Contains("UPDATE", StringComparison.OrdinalIgnoreCase) || text.Contains("DELETE", StringComparison.OrdinalIgnoreCase)))
        {
            return;
        }

        long bytes = 0;
        foreach (DbParameter parameter in command.Parameters)
        {
            bytes += parameter.Value switch
            {
                null or DBNull => 0,
                string text2 => Encoding.UTF8.GetByteCount(text2),
                byte[] blob => blob.Length,
                _ => 8,
            };
        }

        Interlocked.Add(ref _bytes, bytes);
    }
}
