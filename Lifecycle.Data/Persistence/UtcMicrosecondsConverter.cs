using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Lifecycle.Data.Persistence;

/// <summary>
/// Stores a DateTime as UTC to the microsecond and reads it back as UTC. PostgreSQL's <c>timestamp with time zone</c>
/// refuses a DateTime whose kind is not UTC and keeps microseconds; SQLite keeps no kind and any precision. With this
/// converter both keep and return the same value (decision 030).
/// </summary>
internal sealed class UtcMicrosecondsConverter() : ValueConverter<DateTime, DateTime>(value => ToStored(value), value => DateTime.SpecifyKind(value, DateTimeKind.Utc))
{
    private static DateTime ToStored(DateTime value)
    {
        var utc = value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : DateTime.SpecifyKind(value, DateTimeKind.Utc);
        return Timestamps.ToMicroseconds(utc);
    }
}

/// <summary>Time values as the database keeps them.</summary>
public static class Timestamps
{
    /// <summary>Drops what is finer than a microsecond (a tick is 100 ns), which PostgreSQL would drop on storing.</summary>
    public static DateTime ToMicroseconds(DateTime value) => value.AddTicks(-(value.Ticks % TimeSpan.TicksPerMicrosecond));
}
