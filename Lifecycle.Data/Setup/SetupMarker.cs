namespace Lifecycle.Data.Setup;

/// <summary>
/// The single row that records that the first admin was created (SPEC A5). Its fixed primary key makes the
/// database refuse a second setup, even when two requests race.
/// </summary>
public sealed class SetupMarker
{
    public const int SingletonId = 1;

    private SetupMarker() { }

    public SetupMarker(DateTime completedAtUtc)
    {
        Id = SingletonId;
        CompletedAtUtc = completedAtUtc;
    }

    public int Id { get; private set; }
    public DateTime CompletedAtUtc { get; private set; }
}
