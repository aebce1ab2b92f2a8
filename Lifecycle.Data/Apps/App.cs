namespace Lifecycle.Data.Apps;

/// <summary>An application built in the editor. Points at its one released version (SPEC V6).</summary>
public sealed class App
{
    public const int MaxNameLength = 100;

    private App() { }

    public App(string name, string slug, string createdById, DateTime createdAtUtc)
    {
        Name = name;
        Slug = slug;
        CreatedById = createdById;
        CreatedAtUtc = createdAtUtc;
        ReleaseStamp = Guid.NewGuid();
    }

    public int Id { get; private set; }
    public string Name { get; private set; } = "";
    public string Slug { get; private set; } = "";
    public string CreatedById { get; private set; } = "";
    public DateTime CreatedAtUtc { get; private set; }
    public int? ReleasedVersionId { get; private set; }

    /// <summary>Changes with every release so that two racing releases cannot both commit (optimistic concurrency).</summary>
    public Guid ReleaseStamp { get; private set; }

    public static string? ValidateName(string? name)
    {
        var trimmed = name?.Trim() ?? "";
        if (trimmed.Length == 0)
        {
            return "Enter a name.";
        }

        return trimmed.Length > MaxNameLength ? $"A name has at most {MaxNameLength} characters." : null;
    }

    internal void PointReleaseAt(int versionId)
    {
        ReleasedVersionId = versionId;
        ReleaseStamp = Guid.NewGuid();
    }
}
