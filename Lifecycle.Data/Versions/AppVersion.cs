using Lifecycle.Data.Common;
using Lifecycle.Data.Environments;

namespace Lifecycle.Data.Versions;

/// <summary>
/// One named state of an app's definition. A draft is editable; a saved version is immutable (SPEC V4, V5).
/// The definition itself is stored by hash (SPEC D4).
/// </summary>
public sealed class AppVersion
{
    public const string FirstVersionName = "v1";
    public const int MaxDescriptionLength = 500;

    private AppVersion() { }

    private AppVersion(int appId, string name, string definitionHash, int? parentVersionId, string actorId, string actorName, DateTime nowUtc)
    {
        AppId = appId;
        Name = VersionNameRules.Normalize(name);
        NameKey = VersionNameRules.UniquenessKey(name);
        DefinitionHash = definitionHash;
        ParentVersionId = parentVersionId;
        State = VersionState.Draft;
        Environment = DeploymentEnvironment.Development;
        CreatedById = actorId;
        CreatedAtUtc = nowUtc;
        UpdatedById = actorId;
        UpdatedByName = actorName;
        UpdatedAtUtc = nowUtc;
        Revision = 1;
    }

    public int Id { get; private set; }
    public int AppId { get; private set; }
    public string Name { get; private set; } = "";

    /// <summary>Upper-cased name; a unique index on (AppId, NameKey) keeps names unique ignoring case, even under races.</summary>
    public string NameKey { get; private set; } = "";

    public VersionState State { get; private set; }
    public DeploymentEnvironment Environment { get; private set; }
    public string DefinitionHash { get; private set; } = "";
    public int? ParentVersionId { get; private set; }
    public string? Description { get; private set; }
    public string CreatedById { get; private set; } = "";
    public DateTime CreatedAtUtc { get; private set; }
    public string UpdatedById { get; private set; } = "";
    public string UpdatedByName { get; private set; } = "";
    public DateTime UpdatedAtUtc { get; private set; }
    public DateTime? SavedAtUtc { get; private set; }

    /// <summary>Who saved the version (SPEC V5); GitSync writes it as the version's author. Null on rows saved before it was kept.</summary>
    public string? SavedByName { get; private set; }

    /// <summary>Grows with every change; the optimistic concurrency token of SPEC V4.</summary>
    public int Revision { get; private set; }

    /// <summary>SPEC V1: a new app starts with one draft named v1, in development.</summary>
    public static AppVersion First(int appId, string definitionHash, string actorId, string actorName, DateTime nowUtc) =>
        new(appId, FirstVersionName, definitionHash, null, actorId, actorName, nowUtc);

    /// <summary>SPEC V2: a new draft in development with the source's definition at this moment, recording its parent.</summary>
    public static AppVersion CreateFrom(AppVersion source, string name, string actorId, string actorName, DateTime nowUtc) =>
        new(source.AppId, name, source.DefinitionHash, source.Id, actorId, actorName, nowUtc);

    /// <summary>
    /// SPEC G4, G6: a saved version brought in from a repository or an export file, as it was recorded there: saved by
    /// <paramref name="savedByName"/> at <paramref name="savedAtUtc"/>, in <paramref name="environment"/>. The name follows
    /// the V2 rules; uniqueness within the app is checked by the caller and the database.
    /// </summary>
    public static Result<AppVersion> Imported(int appId, string name, string definitionHash, int? parentVersionId, string? description, DeploymentEnvironment environment, string savedByName, DateTime savedAtUtc, string importerId)
    {
        var error = VersionNameRules.Validate(name);
        if (error is not null)
        {
            return Result<AppVersion>.From(Result.Invalid(error, "name"));
        }

        if (TextRules.ValidateNotes(description, MaxDescriptionLength, "A description") is { } invalidDescription)
        {
            return Result<AppVersion>.From(Result.Invalid(invalidDescription, "description"));
        }

        var trimmed = string.IsNullOrWhiteSpace(description) ? null : description.Trim();
        return new AppVersion(appId, name, definitionHash, parentVersionId, importerId, savedByName, savedAtUtc)
        {
            State = VersionState.Saved,
            Environment = environment,
            Description = trimmed,
            SavedAtUtc = savedAtUtc,
            SavedByName = savedByName,
        };
    }

    /// <summary>SPEC V4, V5: only a draft changes, and only a change based on its current revision; a refusal names who changed it last.</summary>
    public Result CanChangeDefinition(int baseRevision)
    {
        if (State != VersionState.Draft)
        {
            return Result.Conflict(ImmutableMessage);
        }

        return baseRevision == Revision
            ? Result.Success()
            : Result.Conflict($"{UpdatedByName} changed this version at {UpdatedAtUtc:HH:mm:ss} UTC. Your change was not saved; load their version or save yours over it.");
    }

    /// <summary>SPEC V4: a change based on a stale revision is refused, naming who changed the version last.</summary>
    public Result ChangeDefinition(string definitionHash, int baseRevision, string actorId, string actorName, DateTime nowUtc)
    {
        var allowed = CanChangeDefinition(baseRevision);
        if (!allowed.IsSuccess)
        {
            return allowed;
        }

        DefinitionHash = definitionHash;
        Touch(actorId, actorName, nowUtc);
        return Result.Success();
    }

    /// <summary>SPEC V5: turns a draft into an immutable saved version.</summary>
    public Result Save(string? description, string actorId, string actorName, DateTime nowUtc)
    {
        if (State != VersionState.Draft)
        {
            return Result.Conflict("This version is already saved.");
        }

        if (TextRules.ValidateNotes(description, MaxDescriptionLength, "A description") is { } invalid)
        {
            return Result.Invalid(invalid, "description");
        }

        var trimmed = string.IsNullOrWhiteSpace(description) ? null : description.Trim();

        State = VersionState.Saved;
        Description = trimmed;
        SavedAtUtc = nowUtc;
        SavedByName = actorName;
        Touch(actorId, actorName, nowUtc);
        return Result.Success();
    }

    /// <summary>SPEC V9: only drafts can be renamed. Uniqueness within the app is checked by the caller and the database.</summary>
    public Result Rename(string newName, string actorId, string actorName, DateTime nowUtc)
    {
        if (State != VersionState.Draft)
        {
            return Result.Conflict("Only a draft can be renamed.");
        }

        var error = VersionNameRules.Validate(newName);
        if (error is not null)
        {
            return Result.Invalid(error, "name");
        }

        Name = VersionNameRules.Normalize(newName);
        NameKey = VersionNameRules.UniquenessKey(newName);
        Touch(actorId, actorName, nowUtc);
        return Result.Success();
    }

    /// <summary>SPEC E2: a saved version moves one step, development to staging to production; content is not copied.</summary>
    public Result PromoteTo(DeploymentEnvironment target, string actorId, string actorName, DateTime nowUtc)
    {
        if (State == VersionState.Draft)
        {
            return Result.Conflict("A draft cannot be promoted. Save the version first.");
        }

        if (target <= Environment)
        {
            return Result.Conflict($"{Name} is in {Environment}; versions are never moved back to {target}.");
        }

        if (target != EnvironmentOrder.Next(Environment))
        {
            return Result.Conflict($"{Name} is in {Environment}; promote it to {EnvironmentOrder.Next(Environment)} first.");
        }

        Environment = target;
        Touch(actorId, actorName, nowUtc);
        return Result.Success();
    }

    /// <summary>SPEC V9: neither the released version nor an app's only version can be deleted.</summary>
    public Result CanDelete(int? releasedVersionId, bool appHasOtherVersions) =>
        CanDelete(Name, releasedVersionId == Id, appHasOtherVersions);

    /// <summary>SPEC V9 on a version's facts, for callers that hold a summary rather than the entity (<see cref="VersionActions"/>).</summary>
    public static Result CanDelete(string name, bool isReleased, bool appHasOtherVersions)
    {
        if (isReleased)
        {
            return Result.Conflict($"{name} is released and cannot be deleted. Release another version first.");
        }

        return appHasOtherVersions ? Result.Success() : Result.Conflict($"{name} is the app's only version and cannot be deleted.");
    }

    public const string ImmutableMessage = "This version is saved and cannot change. Create a new version to make changes.";

    private void Touch(string actorId, string actorName, DateTime nowUtc)
    {
        UpdatedById = actorId;
        UpdatedByName = actorName;
        UpdatedAtUtc = nowUtc;
        Revision++;
    }
}
