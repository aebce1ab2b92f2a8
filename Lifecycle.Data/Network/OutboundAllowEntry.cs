using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Lifecycle.Data.Common;
using Lifecycle.Data.Queries;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Lifecycle.Data.Network;

/// <summary>
/// SPEC Q1: one entry of the admin's outbound allowlist, which lets data source calls reach a host name or an address
/// block that would otherwise be refused (a team's internal API is the common case). The value is stored normalized:
/// a lowercase host name, or a CIDR block (a single address is a /32 or /128).
/// </summary>
public sealed partial class OutboundAllowEntry
{
    public const int MaxNoteLength = 200;

    /// <summary>The widest blocks an entry may name: anything wider would switch the guard off for a large part of the network.</summary>
    public const int MinIpv4PrefixLength = 8;
    public const int MinIpv6PrefixLength = 16;

    private OutboundAllowEntry() { }

    public int Id { get; private set; }
    public string Value { get; private set; } = "";
    public bool IsNetwork { get; private set; }
    public string Note { get; private set; } = "";
    public string AddedByName { get; private set; } = "";
    public DateTime AddedAtUtc { get; private set; }

    [GeneratedRegex(@"^\d{1,3}(\.\d{1,3}){3}(/\d{1,2})?$")]
    private static partial Regex DottedQuad();

    /// <summary>A new entry from what the admin typed, or why it is not one.</summary>
    public static Result<OutboundAllowEntry> Create(string value, string? note, string addedByName, DateTime nowUtc)
    {
        var parsed = Parse(value);
        if (!parsed.IsSuccess)
        {
            return Result<OutboundAllowEntry>.From(parsed);
        }

        var trimmedNote = (note ?? "").Trim();
        if (trimmedNote.Length > MaxNoteLength)
        {
            return Result<OutboundAllowEntry>.From(Result.Invalid($"A note has at most {MaxNoteLength} characters.", "note"));
        }

        var (normalized, isNetwork) = parsed.Value;
        return new OutboundAllowEntry { Value = normalized, IsNetwork = isNetwork, Note = trimmedNote, AddedByName = addedByName, AddedAtUtc = nowUtc };
    }

    /// <summary>A host name (<c>api.corp.example</c>), an address (<c>10.1.2.3</c>, <c>fd00::5</c>) or a block (<c>10.20.0.0/16</c>), normalized.</summary>
    public static Result<(string Value, bool IsNetwork)> Parse(string value)
    {
        var text = value.Trim().TrimEnd('.').ToLowerInvariant();
        var looksLikeAddress = DottedQuad().IsMatch(text) || text.Contains(':');
        if (looksLikeAddress)
        {
            var withPrefix = text.Contains('/') ? text : text + (text.Contains(':') ? "/128" : "/32");
            if (!IPNetwork.TryParse(withPrefix, out var network) || !IPAddress.Parse(withPrefix.Split('/')[0]).Equals(network.BaseAddress))
            {
                return Invalid("This is not an address or a block such as 10.20.0.0/16 (a block's address has no bits set past its prefix).");
            }

            var minimum = network.BaseAddress.AddressFamily == AddressFamily.InterNetwork ? MinIpv4PrefixLength : MinIpv6PrefixLength;
            if (network.PrefixLength < minimum)
            {
                return Invalid($"A block this wide would let calls reach too much; name blocks of /{minimum} or narrower.");
            }

            return (network.ToString(), true);
        }

        if (text.Length is 0 or > 253 || Uri.CheckHostName(text) != UriHostNameType.Dns)
        {
            return Invalid("Enter a host name (api.corp.example), an address (10.1.2.3) or a block (10.20.0.0/16).");
        }

        return (text, false);
    }

    /// <summary>Whether a call to <paramref name="host"/> that resolved to <paramref name="address"/> may go through because of this entry.</summary>
    public bool Allows(string host, IPAddress address) =>
        IsNetwork
            ? IPNetwork.Parse(Value).Contains(SpecialPurposeAddresses.Normalize(address))
            : string.Equals(Value, host.TrimEnd('.'), StringComparison.OrdinalIgnoreCase);

    private static Result<(string, bool)> Invalid(string message) => Result<(string, bool)>.From(Result.Invalid(message, "value"));
}

internal sealed class OutboundAllowEntryConfiguration : IEntityTypeConfiguration<OutboundAllowEntry>
{
    public void Configure(EntityTypeBuilder<OutboundAllowEntry> entry)
    {
        entry.ToTable("OutboundAllowlist");
        entry.Property(e => e.Value).HasMaxLength(256);
        entry.HasIndex(e => e.Value).IsUnique();
        entry.Property(e => e.Note).HasMaxLength(OutboundAllowEntry.MaxNoteLength);
        entry.Property(e => e.AddedByName).HasMaxLength(256);
    }
}
