using System.Threading.RateLimiting;
using Lifecycle.Data.Common;
using Lifecycle.Data.SignIn;
using Microsoft.Extensions.Options;

namespace Lifecycle.Data.Sharing;

/// <summary>The "Sharing" configuration section (README): how many times a minute a visitor who is not signed in may run a public app's queries.</summary>
public sealed class SharingSettings
{
    public const string SectionName = "Sharing";

    /// <summary>Runs of queries (a page opening, a button that runs one) per minute from one address (an IPv6 /64).</summary>
    public int AnonymousQueryRunsPerMinutePerIp { get; set; } = 60;
}

/// <summary>
/// SPEC S6: a public app runs its queries on the server for anyone, so each anonymous run is a request this server makes
/// to the app's APIs. Visitors who are not signed in get a fixed number of runs a minute per source address (an IPv6
/// client counts as its /64, as for sign-in, decision 016); signed-in users are not limited. Kept in memory, per
/// instance (decision 027).
/// </summary>
public sealed class AnonymousQueryLimit : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter;
    private readonly int _perMinute;

    public AnonymousQueryLimit(IOptions<SharingSettings> settings)
    {
        _perMinute = Math.Max(1, settings.Value.AnonymousQueryRunsPerMinutePerIp);
        _limiter = PartitionedRateLimiter.Create<string, string>(source => RateLimitPartition.GetFixedWindowLimiter(source, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = _perMinute,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        }));
    }

    /// <summary>Takes one run for the visitor at <paramref name="clientIp"/> (all visitors without a known address share one count), or says why not.</summary>
    public Result? TryTake(string? clientIp)
    {
        using var lease = _limiter.AttemptAcquire(SignInThrottle.SourceOf(clientIp));
        return lease.IsAcquired
            ? null
            : Result.Unavailable($"Too many requests from your address: visitors who are not signed in may run this app's queries {_perMinute} times a minute. Wait a minute and try again, or sign in.");
    }

    public void Dispose() => _limiter.Dispose();
}
