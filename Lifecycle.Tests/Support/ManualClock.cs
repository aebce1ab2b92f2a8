namespace Lifecycle.Tests.Support;

/// <summary>A clock the test moves by hand, for rules that depend on time passing (lockouts).</summary>
public sealed class ManualClock : TimeProvider
{
    private DateTimeOffset _now = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
