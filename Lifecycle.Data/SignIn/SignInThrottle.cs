using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace Lifecycle.Data.SignIn;

/// <summary>
/// Issue 7, decision 016: failed password attempts are counted per account name <em>and</em> source address, so a
/// stranger who guesses at an admin's email locks only their own address out, never the admin. After
/// <see cref="SignInThrottleSettings.MaxFailedAttempts"/> failures from one source, each within the lockout time of the
/// one before, that source is locked out for that email for <see cref="SignInThrottleSettings.LockoutMinutes"/>, whether the account exists or not (so the lockout says
/// nothing about which emails exist). An IPv6 source counts as its /64, which one client usually holds whole.
/// Kept in memory: a restart forgets the counts, which an attacker cannot cause.
/// </summary>
public sealed class SignInThrottle(TimeProvider clock, IOptions<SignInThrottleSettings> settings)
{

    /// <summary>Past this many tracked pairs, expired ones are dropped before a new one is added (bounded memory).</summary>
    private const int PruneAbove = 50_000;

    private readonly ConcurrentDictionary<(string Account, string Source), Failures> _failures = new();

    private sealed record Failures(int Count, DateTimeOffset LastAtUtc);

    public bool IsLockedOut(string account, string? clientIp) =>
        _failures.TryGetValue(Key(account, clientIp), out var failures) && failures.Count >= settings.Value.MaxFailedAttempts && !Expired(failures);

    public void RecordFailure(string account, string? clientIp)
    {
        if (_failures.Count > PruneAbove)
        {
            foreach (var expired in _failures.Where(f => Expired(f.Value)).Select(f => f.Key).ToList())
            {
                _failures.TryRemove(expired, out _);
            }
        }

        var now = clock.GetUtcNow();
        _failures.AddOrUpdate(Key(account, clientIp), _ => new Failures(1, now), (_, before) => new Failures(Expired(before) ? 1 : before.Count + 1, now));
    }

    public void Reset(string account, string? clientIp) => _failures.TryRemove(Key(account, clientIp), out _);

    /// <summary>The source a client is counted as: its IPv4 address, or its IPv6 /64 prefix.</summary>
    public static string SourceOf(string? clientIp)
    {
        if (!IPAddress.TryParse(clientIp, out var address))
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        return address.AddressFamily == AddressFamily.InterNetworkV6
            ? new IPNetwork(new IPAddress([.. address.GetAddressBytes()[..8], .. new byte[8]]), 64).ToString()
            : address.ToString();
    }

    private bool Expired(Failures failures) => clock.GetUtcNow() - failures.LastAtUtc >= TimeSpan.FromMinutes(settings.Value.LockoutMinutes);

    private static (string, string) Key(string account, string? clientIp) => (account.Trim().ToUpperInvariant(), SourceOf(clientIp));
}

/// <summary>The lockout's limits, bound from the "SignIn" configuration section (decision 016).</summary>
public sealed class SignInThrottleSettings
{
    public const string SectionName = "SignIn";

    public int MaxFailedAttempts { get; set; } = 5;
    public int LockoutMinutes { get; set; } = 5;
}
