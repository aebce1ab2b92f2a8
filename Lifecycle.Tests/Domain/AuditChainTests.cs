using Lifecycle.Data.Audit;

namespace Lifecycle.Tests.Domain;

/// <summary>SPEC A4: each audit entry's hash covers the previous entry's hash and its own fields.</summary>
public sealed class AuditChainTests
{
    private static readonly DateTime At = new(2026, 11, 27, 9, 30, 15, 123, DateTimeKind.Utc);

    private static AuditFacts Facts(string action = AuditActions.AppReleased, string? details = "first") =>
        new("user-1", "Ada Admin", action, AppId: 7, VersionId: 12, VersionName: "v2", Environment: "Production", ClientIp: "127.0.0.1", Details: details);

    private static List<AuditEntry> Chain(int length)
    {
        var entries = new List<AuditEntry>();
        var previous = AuditChain.Genesis;
        for (var i = 0; i < length; i++)
        {
            var entry = AuditEntry.Create(Facts(details: $"entry {i}"), AuditOutcome.Allowed, At.AddSeconds(i), previous);
            entries.Add(entry);
            previous = entry.Hash;
        }

        return entries;
    }

    [Fact]
    public void A4_HashIsSha256HexOfThePreviousHashAndTheFields()
    {
        // SPEC A4
        var entry = AuditEntry.Create(Facts(), AuditOutcome.Allowed, At, AuditChain.Genesis);

        Assert.Matches("^[0-9a-f]{64}$", entry.Hash);
        Assert.Equal(entry.Hash, entry.ComputeHash(AuditChain.Genesis));
        Assert.Equal(entry.Hash, AuditEntry.Create(Facts(), AuditOutcome.Allowed, At, AuditChain.Genesis).Hash);
    }

    [Fact]
    public void A4_HashChangesWithThePreviousHashAndWithEveryField()
    {
        // SPEC A4
        var entry = AuditEntry.Create(Facts(), AuditOutcome.Allowed, At, AuditChain.Genesis);

        Assert.NotEqual(entry.Hash, entry.ComputeHash(new string('1', 64)));
        Assert.NotEqual(entry.Hash, AuditEntry.Create(Facts(action: AuditActions.AppRolledBack), AuditOutcome.Allowed, At, AuditChain.Genesis).Hash);
        Assert.NotEqual(entry.Hash, AuditEntry.Create(Facts(), AuditOutcome.Refused, At, AuditChain.Genesis).Hash);
        Assert.NotEqual(entry.Hash, AuditEntry.Create(Facts(), AuditOutcome.Allowed, At.AddMicroseconds(1), AuditChain.Genesis).Hash); // times are kept to the microsecond (decision 030)
        Assert.NotEqual(entry.Hash, AuditEntry.Create(Facts(details: "firs"), AuditOutcome.Allowed, At, AuditChain.Genesis).Hash);
    }

    [Fact]
    public void A4_FieldBoundariesCannotBeShifted()
    {
        // SPEC A4: "ab" + "c" and "a" + "bc" must not hash alike
        var one = AuditEntry.Create(new AuditFacts("u", "ab", "c"), AuditOutcome.Allowed, At, AuditChain.Genesis);
        var two = AuditEntry.Create(new AuditFacts("u", "a", "bc"), AuditOutcome.Allowed, At, AuditChain.Genesis);

        Assert.NotEqual(one.Hash, two.Hash);
    }

    [Fact]
    public void A4_AnIntactChainHasNoBrokenEntry()
    {
        // SPEC A4
        Assert.Null(AuditChain.FirstBroken(Chain(5)));
        Assert.Null(AuditChain.FirstBroken([]));
    }

    [Fact]
    public void A4_ARemovedEntryBreaksTheChainAtTheNextOne()
    {
        // SPEC A4
        var entries = Chain(5);
        var next = entries[3];
        entries.RemoveAt(2);

        Assert.Same(next, AuditChain.FirstBroken(entries));
    }

    [Fact]
    public void A4_ReorderedEntriesBreakTheChain()
    {
        // SPEC A4
        var entries = Chain(4);
        (entries[1], entries[2]) = (entries[2], entries[1]);

        Assert.Same(entries[1], AuditChain.FirstBroken(entries));
    }

    [Fact]
    public void A4_LongDetailsAreCutToTheColumnLength()
    {
        // SPEC A4
        var entry = AuditEntry.Create(Facts(details: new string('x', AuditEntry.MaxDetailsLength + 50)), AuditOutcome.Failed, At, AuditChain.Genesis);

        Assert.Equal(AuditEntry.MaxDetailsLength, entry.Details!.Length);
        Assert.Equal(entry.Hash, entry.ComputeHash(AuditChain.Genesis));
    }
}
