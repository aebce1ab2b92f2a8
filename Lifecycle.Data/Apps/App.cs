using Lifecycle.Data.Common;
using Lifecycle.Data.Releases;
using Lifecycle.Data.Versions;

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

    /// <summary>The shared rule for names people read (<see cref="TextRules"/>), at most <see cref="MaxNameLength"/> characters.</summary>
    public static string? ValidateName(string? name) => TextRules.ValidateName(name, MaxNameLength);

    /// <summary>
    /// SPEC V6, V8: points the app at a saved version in production and returns the history row that records it; the
    /// caller stores both in one transaction. A rollback re-releases a version that was released before.
    /// </summary>
    public Result<ReleaseRecord> Release(AppVersion version, ReleaseKind kind, bool wasReleasedBefore, string actorId, string actorName, DateTime nowUtc, string? notes)
    {
        var allowed = kind == ReleaseKind.Release
            ? ReleasePolicy.CanRelease(version, ReleasedVersionId)
            : ReleasePolicy.CanRollBack(version, ReleasedVersionId, wasReleasedBefore);
        if (!allowed.IsSuccess)
        {
            return Result<ReleaseRecord>.From(allowed);
        }

        if (TextRules.ValidateNotes(notes, TextRules.MaxNotesLength, "Release notes") is { } invalidNotes)
        {
            return Result<ReleaseRecord>.From(Result.Invalid(invalidNotes, "notes"));
        }

        ReleasedVersionId = version.Id;
        ReleaseStamp = Guid.NewGuid();
        var trimmedNotes = string.IsNullOrWhiteSpace(notes) ? null : notes.Trim();
        return new ReleaseRecord(Id, version.Id, version.Name, version.Environment, kind, actorId, actorName, nowUtc, trimmedNotes);
    }
}
