using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Lifecycle.Data.Audit;

/// <summary>How an attempted action ended (SPEC A4).</summary>
public enum AuditOutcome
{
    Allowed = 1,
    Refused = 2,
    Failed = 3,
}

/// <summary>
/// One append-only row of the audit log (SPEC A4). Nothing in the product updates or deletes it: the context refuses
/// to save a changed or removed entry. <see cref="Hash"/> chains it to the entry before it (<see cref="AuditChain"/>).
/// </summary>
public sealed class AuditEntry
{
    public const int MaxDetailsLength = 1000;

    private AuditEntry() { }

    public long Id { get; private set; }
    public DateTime AtUtc { get; private set; }

    /// <summary>Null for an anonymous visitor.</summary>
    public string? UserId { get; private set; }
    public string UserName { get; private set; } = "";
    public string Action { get; private set; } = "";
    public int? AppId { get; private set; }
    public int? VersionId { get; private set; }
    public string? VersionName { get; private set; }
    public string? Environment { get; private set; }
    public AuditOutcome Outcome { get; private set; }
    public string? ClientIp { get; private set; }

    /// <summary>A short explanation (the refusal's message, a description of the change); never a secret.</summary>
    public string? Details { get; private set; }

    /// <summary>SHA-256 (hex) over the previous entry's hash and this entry's canonical fields.</summary>
    public string Hash { get; private set; } = "";

    public static AuditEntry Create(AuditFacts facts, AuditOutcome outcome, DateTime atUtc, string previousHash)
    {
        var details = facts.Details is { Length: > MaxDetailsLength } text ? text[..MaxDetailsLength] : facts.Details;
        var entry = new AuditEntry
        {
            // Kept as the database keeps it (to the microsecond), so the hash recomputed from the stored row matches.
            AtUtc = Persistence.Timestamps.ToMicroseconds(DateTime.SpecifyKind(atUtc, DateTimeKind.Utc)),
            UserId = facts.UserId,
            UserName = facts.UserName,
            Action = facts.Action,
            AppId = facts.AppId,
            VersionId = facts.VersionId,
            VersionName = facts.VersionName,
            Environment = facts.Environment,
            Outcome = outcome,
            ClientIp = facts.ClientIp,
            Details = details,
        };
        entry.Hash = entry.ComputeHash(previousHash);
        return entry;
    }

    /// <summary>The hash this entry should carry after <paramref name="previousHash"/>; differs from <see cref="Hash"/> once a field was changed.</summary>
    public string ComputeHash(string previousHash)
    {
        // A JSON array is an unambiguous encoding: no separator inside a value can shift a field into the next.
        var canonical = JsonSerializer.Serialize(new object?[]
        {
            previousHash,
            AtUtc.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture),
            UserId,
            UserName,
            Action,
            AppId,
            VersionId,
            VersionName,
            Environment,
            Outcome.ToString(),
            ClientIp,
            Details,
        });
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }
}

/// <summary>What a use case says about an action; <see cref="AuditWriter"/> adds the outcome, the time and the chain.</summary>
public sealed record AuditFacts(
    string? UserId,
    string UserName,
    string Action,
    int? AppId = null,
    int? VersionId = null,
    string? VersionName = null,
    string? Environment = null,
    string? ClientIp = null,
    string? Details = null);

/// <summary>The hash chain of the audit log: each entry's hash covers the previous entry's hash.</summary>
public static class AuditChain
{
    /// <summary>The "previous hash" of the very first entry.</summary>
    public static readonly string Genesis = new('0', 64);

    /// <summary>The first entry, in order, whose hash does not follow from the entries before it; null when the chain is intact.</summary>
    public static AuditEntry? FirstBroken(IEnumerable<AuditEntry> entriesInOrder)
    {
        var previous = Genesis;
        foreach (var entry in entriesInOrder)
        {
            if (entry.ComputeHash(previous) != entry.Hash)
            {
                return entry;
            }

            previous = entry.Hash;
        }

        return null;
    }
}
