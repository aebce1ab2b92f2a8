using Lifecycle.Data.Common;
using Lifecycle.Data.Releases;
using Lifecycle.Data.Sharing;
using Lifecycle.Data.Versions;

namespace Lifecycle.Data.Apps;

/// <summary>
/// An application built in the editor. Points at its one released version (SPEC V6) and says how end users reach it:
/// its address (SPEC S1), whether anyone may use it without signing in (SPEC S2), and whether it is down for
/// maintenance (SPEC S5).
/// </summary>
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

    /// <summary>SPEC S2: a public app opens for anyone, signed in or not; a private one (the default) for its viewers only.</summary>
    public bool IsPublic { get; private set; }

    /// <summary>SPEC S5: end users see a maintenance page and the released app's queries do not run; previews still work.</summary>
    public bool InMaintenance { get; private set; }

    public bool IsReleased => ReleasedVersionId is not null;

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

    /// <summary>
    /// SPEC S1: moves the app to a new address. Returns the redirect that keeps the old address working for
    /// <see cref="SlugRedirect.Lifetime"/>; the caller checks that no other app holds <paramref name="newSlug"/> and stores
    /// both in one transaction.
    /// </summary>
    public Result<SlugRedirect> ChangeSlug(string? newSlug, DateTime nowUtc)
    {
        var slug = newSlug?.Trim();
        if (SlugRules.Validate(slug) is { } invalid)
        {
            return Result<SlugRedirect>.From(Result.Invalid(invalid, "slug"));
        }

        if (slug == Slug)
        {
            return Result<SlugRedirect>.From(Result.Invalid($"The app is at /apps/{slug} already.", "slug"));
        }

        var redirect = new SlugRedirect(Slug, Id, nowUtc);
        Slug = slug!;
        return redirect;
    }

    /// <summary>SPEC S2: making an app public hands its released version to anyone with the link, so there must be one.</summary>
    public Result MakePublic()
    {
        if (!IsReleased)
        {
            return Result.Invalid("Release the app before making it public: until then there is nothing to share.", "visibility");
        }

        IsPublic = true;
        return Result.Success();
    }

    /// <summary>SPEC S2: only signed-in people allowed to view the app may open it again.</summary>
    public void MakePrivate() => IsPublic = false;

    /// <summary>SPEC S5: end users see the maintenance page until it is ended; builders still preview.</summary>
    public void StartMaintenance() => InMaintenance = true;

    public void EndMaintenance() => InMaintenance = false;
}
