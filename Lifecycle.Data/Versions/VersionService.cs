using Lifecycle.Data.Access;
using Lifecycle.Data.Audit;
using Lifecycle.Data.Common;
using Lifecycle.Data.Constants;
using Lifecycle.Data.Definitions;
using Lifecycle.Data.Events;
using Lifecycle.Data.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Lifecycle.Data.Versions;

/// <summary>
/// Use cases on an app's versions (SPEC V1-V5, V7, V9), each declared to and run by <see cref="UseCaseRunner"/>.
/// Every change and every refused or failed attempt is audited (SPEC A4), except allowed autosaves (decision 010).
/// </summary>
public sealed class VersionService(UseCaseRunner runner, DefinitionStore definitions, DefinitionObjectCache objectCache)
{
    /// <summary>SPEC A6: the versions of an app, for whoever may build, promote or release it; viewing the released app is not enough.</summary>
    public Task<Result<IReadOnlyList<VersionSummary>>> ListAsync(Actor actor, int appId, CancellationToken cancellationToken = default) =>
        runner.ReadAsync<IReadOnlyList<VersionSummary>>(actor, UseCase.OnVersionsOf(AuditActions.VersionsViewed, appId), async context =>
        {
            var releasedId = await ReleasedVersionIdAsync(context.Db, appId, cancellationToken);
            var versions = await context.Db.Versions.AsNoTracking().Where(v => v.AppId == appId).OrderBy(v => v.Id).ToListAsync(cancellationToken);
            var creators = await CreatorNamesAsync(context.Db, versions, cancellationToken);
            return versions.Select(v => VersionSummary.Of(v, releasedId, creators.GetValueOrDefault(v.CreatedById))).ToList();
        }, cancellationToken);

    /// <summary>The version the editor opens: the most recently changed draft, else the released version, else the newest.</summary>
    public async Task<Result<int>> ChooseVersionToOpenAsync(Actor actor, int appId, CancellationToken cancellationToken = default)
    {
        var listed = await ListAsync(actor, appId, cancellationToken);
        if (!listed.IsSuccess)
        {
            return Result<int>.From(listed);
        }

        var versions = listed.Value!;
        var choice = versions.Where(v => v.State == DisplayedVersionState.Draft).MaxBy(v => v.UpdatedAtUtc)
            ?? versions.FirstOrDefault(v => v.State == DisplayedVersionState.Released)
            ?? versions.MaxBy(v => v.Id);
        return choice is null ? Result<int>.From(Result.NotFound("This app has no versions.")) : choice.Id;
    }

    public Task<Result<VersionDetail>> GetAsync(Actor actor, int versionId, CancellationToken cancellationToken = default) =>
        runner.ReadAsync<VersionDetail>(actor, UseCase.OnVersionContent(AuditActions.VersionsViewed, versionId), async context =>
        {
            // The draft may move on while it is read, and its former root be collected: follow it (decision 020).
            var read = await DefinitionStore.FollowAsync(
                () => context.Db.Versions.AsNoTracking().FirstOrDefaultAsync(v => v.Id == versionId, cancellationToken),
                v => v.DefinitionHash,
                hash => definitions.GetAsync(context.Db, hash, cancellationToken));
            if (read is not { } found)
            {
                return Result<VersionDetail>.From(Result.NotFound("This version no longer exists.")); // deleted a moment ago
            }

            var (version, definition) = found;
            var releasedId = await ReleasedVersionIdAsync(context.Db, version.AppId, cancellationToken);
            var creators = await CreatorNamesAsync(context.Db, [version], cancellationToken);
            return new VersionDetail(VersionSummary.Of(version, releasedId, creators.GetValueOrDefault(version.CreatedById)), definition, version.Revision);
        }, cancellationToken);

    /// <summary>SPEC V2: a new draft from any version of the app; the definition is shared by hash, not copied (SPEC D4).</summary>
    public Task<Result<VersionSummary>> CreateAsync(Actor actor, int appId, string name, int fromVersionId, CancellationToken cancellationToken = default) =>
        runner.ChangeAsync<VersionSummary>(actor, UseCase.OnApp(AuditActions.VersionCreated, appId, Permission.EditApp), async context =>
        {
            var nameError = VersionNameRules.Validate(name);
            if (nameError is not null)
            {
                return Result<VersionSummary>.From(Result.Invalid(nameError, "name"));
            }

            var source = await context.Db.Versions.AsNoTracking().FirstOrDefaultAsync(v => v.Id == fromVersionId && v.AppId == appId, cancellationToken);
            if (source is null)
            {
                return Result<VersionSummary>.From(Result.Invalid("Choose a version of this app to create from.", "from"));
            }

            if (await NameTakenAsync(context.Db, appId, name, exceptVersionId: null, cancellationToken))
            {
                return Result<VersionSummary>.From(NameTaken(name));
            }

            var version = AppVersion.CreateFrom(source, name, context.User.UserId, context.User.Name, context.NowUtc);
            context.Db.Versions.Add(version);
            if (!await TrySaveNameAsync(() => context.Db.SaveChangesAsync(cancellationToken)))
            {
                return Result<VersionSummary>.From(NameTaken(name));
            }

            context.Entry = Describe(context.Entry, version, $"From {source.Name}.");
            context.Publish(AppChangeKinds.VersionCreated, version.Id, version.Revision);
            return VersionSummary.Of(version, releasedVersionId: null, context.User.Name);
        }, cancellationToken);

    /// <summary>
    /// SPEC V4: autosave of a draft: the builder's edits (decision 019), applied to the stored draft with the same code the
    /// editor applied them with, and refused when based on a stale revision. Only the objects on the path of the change
    /// are written (decision 018). Returns the new revision. Allowed autosaves are not audited one by one: the version's
    /// revision, UpdatedBy and the save that follows tell the story (decision 010). The rules on what a builder writes are
    /// checked where it was written: image sources by the edits themselves, SPEC E5 on the components and queries the
    /// operations wrote, so the checks cost what the change costs.
    /// </summary>
    public Task<Result<int>> ApplyAsync(Actor actor, int versionId, int baseRevision, IReadOnlyList<DefinitionOperation> operations, CancellationToken cancellationToken = default) =>
        ChangeDefinitionAsync(actor, versionId, baseRevision, stored => DefinitionOperation.ApplyAll(stored, operations), async (db, edited) =>
            SecretConstantRule.WritesCheckedPlaces(edited, operations)
                ? Refusal(SecretConstantRule.FindIn(edited, operations, await SecretConstantRule.SecretNamesAsync(db, cancellationToken)))
                : null, cancellationToken);

    /// <summary>
    /// SPEC V4: replaces a draft's definition as a whole ("save mine over theirs" after a conflict, imports), refused when
    /// based on a stale revision. Still writes only the objects that differ from the stored definition. The rules on what a
    /// builder writes are checked on the whole definition, whatever edited it.
    /// </summary>
    public Task<Result<int>> UpdateDefinitionAsync(Actor actor, int versionId, int baseRevision, AppDefinition definition, CancellationToken cancellationToken = default) =>
        ChangeDefinitionAsync(actor, versionId, baseRevision, _ => definition, async (db, edited) =>
            ImageSources.Offending(edited) is [var image, ..]
                ? Result.Invalid($"{image}: {ImageSources.Refusal}", ImageSources.Property)
                : Refusal(SecretConstantRule.FindIn(edited, await SecretConstantRule.SecretNamesAsync(db, cancellationToken))), cancellationToken);

    /// <summary>
    /// Applies <paramref name="edit"/> to the stored draft and stores what changed, unless <paramref name="refuse"/> finds
    /// something the rules forbid in the edited definition.
    /// </summary>
    private Task<Result<int>> ChangeDefinitionAsync(Actor actor, int versionId, int baseRevision, Func<AppDefinition, Result<AppDefinition>> edit,
        Func<LifecycleDbContext, AppDefinition, Task<Result?>> refuse, CancellationToken cancellationToken) =>
        runner.ChangeAsync<int>(actor, UseCase.OnVersion(AuditActions.VersionEdited, versionId, Permission.EditApp).NotAuditedWhenAllowed(), async context =>
        {
            var version = await context.TrackedVersionAsync(versionId, cancellationToken);
            var editable = version.CanChangeDefinition(baseRevision);
            if (!editable.IsSuccess)
            {
                return Result<int>.From(editable);
            }

            var stored = await definitions.OpenAsync(context.Db, version.DefinitionHash, cancellationToken);
            var edited = edit(stored.Definition);
            if (!edited.IsSuccess)
            {
                return Result<int>.From(edited);
            }

            if (await refuse(context.Db, edited.Value!) is { } refused)
            {
                return Result<int>.From(refused);
            }

            var hash = await definitions.PutEditedAsync(context.Db, stored, edited.Value!, await SavedSourceRootAsync(context.Db, version, cancellationToken), cancellationToken);
            var changed = version.ChangeDefinition(hash, baseRevision, context.User.UserId, context.User.Name, context.NowUtc);
            if (!changed.IsSuccess)
            {
                return Result<int>.From(changed);
            }

            if (await SaveOrConflictAsync(context.Db, versionId, cancellationToken) is { } conflict)
            {
                return Result<int>.From(conflict);
            }

            context.Publish(AppChangeKinds.DefinitionChanged, version.Id, version.Revision);
            return version.Revision;
        }, cancellationToken);

    /// <summary>
    /// The root of the saved version a draft was created from (its nodes are the bases of the draft's deltas, decision
    /// 039), remembered once read: a saved version's root never changes. Should that version be deleted and its objects
    /// collected, the store finds the bases gone and stores whole. A draft made from a draft has none.
    /// </summary>
    private async Task<string?> SavedSourceRootAsync(LifecycleDbContext db, AppVersion draft, CancellationToken cancellationToken)
    {
        if (draft.ParentVersionId is not { } parentId)
        {
            return null;
        }

        if (objectCache.TryGetSavedRoot(parentId, out var known))
        {
            return known;
        }

        var root = await db.Versions.AsNoTracking().Where(v => v.Id == parentId && v.State == VersionState.Saved).Select(v => v.DefinitionHash).FirstOrDefaultAsync(cancellationToken);
        if (root is not null)
        {
            objectCache.PutSavedRoot(parentId, root);
        }

        return root;
    }

    /// <summary>SPEC V5: a draft becomes an immutable saved version.</summary>
    public Task<Result> SaveAsync(Actor actor, int versionId, string? description, CancellationToken cancellationToken = default) =>
        ChangeVersionAsync(actor, versionId, AuditActions.VersionSaved, AppChangeKinds.Saved, (version, context) =>
        {
            context.Entry = context.Entry with { Details = string.IsNullOrWhiteSpace(description) ? null : description.Trim() };
            return version.Save(description, context.User.UserId, context.User.Name, context.NowUtc);
        }, cancellationToken);

    /// <summary>SPEC V9: drafts only; the new name follows the V2 rules and stays unique in the app.</summary>
    public Task<Result> RenameAsync(Actor actor, int versionId, string newName, CancellationToken cancellationToken = default) =>
        runner.ChangeAsync(actor, UseCase.OnVersion(AuditActions.VersionRenamed, versionId, Permission.EditApp), async context =>
        {
            context.Entry = context.Entry with { Details = $"To {newName}." };
            var version = await context.TrackedVersionAsync(versionId, cancellationToken);
            var oldName = version.Name;
            var renamed = version.Rename(newName, context.User.UserId, context.User.Name, context.NowUtc);
            if (!renamed.IsSuccess)
            {
                return renamed;
            }

            if (await NameTakenAsync(context.Db, version.AppId, newName, version.Id, cancellationToken)
                || !await TrySaveNameAsync(() => context.Db.SaveChangesAsync(cancellationToken)))
            {
                return NameTaken(newName);
            }

            context.Entry = Describe(context.Entry, version, $"From {oldName}.");
            context.Publish(AppChangeKinds.VersionRenamed, version.Id, version.Revision);
            return Result.Success();
        }, cancellationToken);

    /// <summary>SPEC V9: neither the released version nor an app's only version can be deleted.</summary>
    public Task<Result> DeleteAsync(Actor actor, int versionId, CancellationToken cancellationToken = default) =>
        runner.ChangeAsync(actor, UseCase.OnVersion(AuditActions.VersionDeleted, versionId, Permission.EditApp), async context =>
        {
            var version = await context.TrackedVersionAsync(versionId, cancellationToken);
            var releasedId = await ReleasedVersionIdAsync(context.Db, version.AppId, cancellationToken);
            var hasOthers = await context.Db.Versions.AnyAsync(v => v.AppId == version.AppId && v.Id != version.Id, cancellationToken);
            var deletable = version.CanDelete(releasedId, hasOthers);
            if (!deletable.IsSuccess)
            {
                return deletable;
            }

            context.Db.Versions.Remove(version);
            if (await SaveOrConflictAsync(context.Db, versionId, cancellationToken) is { } conflict)
            {
                return conflict;
            }

            context.Publish(AppChangeKinds.VersionDeleted, version.Id);
            return Result.Success();
        }, cancellationToken);

    /// <summary>SPEC E5: a secret constant where a builder writes, refused next to its field.</summary>
    private static Result? Refusal(SecretConstantUse? secretUse) =>
        secretUse is null ? null : Result.Invalid(secretUse.Message, secretUse.Field);

    private static Result NameTaken(string name) =>
        Result.Invalid($"A version named {VersionNameRules.Normalize(name)} already exists in this app.", "name");

    /// <summary>The audit entry names the version as it is after the change (a new id, a new name).</summary>
    private static AuditEvent Describe(AuditEvent entry, AppVersion version, string? details) =>
        entry with { AppId = version.AppId, VersionId = version.Id, VersionName = version.Name, Environment = version.Environment.ToString(), Details = details };

    /// <summary>Loads the version tracked, applies an entity method, saves with the V4 check and publishes <paramref name="kind"/>.</summary>
    private Task<Result> ChangeVersionAsync(Actor actor, int versionId, string action, string kind, Func<AppVersion, UseCaseContext, Result> change, CancellationToken cancellationToken) =>
        runner.ChangeAsync(actor, UseCase.OnVersion(action, versionId, Permission.EditApp), async context =>
        {
            var version = await context.TrackedVersionAsync(versionId, cancellationToken);
            var changed = change(version, context);
            if (!changed.IsSuccess)
            {
                return changed;
            }

            if (await SaveOrConflictAsync(context.Db, versionId, cancellationToken) is { } conflict)
            {
                return conflict;
            }

            context.Publish(kind, version.Id, version.Revision);
            return Result.Success();
        }, cancellationToken);

    private static Task<int?> ReleasedVersionIdAsync(LifecycleDbContext db, int appId, CancellationToken cancellationToken) =>
        db.Apps.AsNoTracking().Where(a => a.Id == appId).Select(a => a.ReleasedVersionId).SingleAsync(cancellationToken);

    private static Task<bool> NameTakenAsync(LifecycleDbContext db, int appId, string name, int? exceptVersionId, CancellationToken cancellationToken)
    {
        var key = VersionNameRules.UniquenessKey(name);
        return db.Versions.AnyAsync(v => v.AppId == appId && v.NameKey == key && v.Id != exceptVersionId, cancellationToken);
    }

    /// <summary>Saves a new or renamed version; false when the unique name index refused it (a racing create with the same name).</summary>
    private static async Task<bool> TrySaveNameAsync(Func<Task> save)
    {
        try
        {
            await save();
            return true;
        }
        catch (DbUpdateException exception) when (exception is not DbUpdateConcurrencyException)
        {
            return false;
        }
    }

    /// <summary>
    /// Saves, turning a lost optimistic-concurrency race into a Conflict that names who won (SPEC V4). Definition objects
    /// were stored already, each insert leaving alone a row that a racing change stored first (decision 034).
    /// </summary>
    private static async Task<Result?> SaveOrConflictAsync(LifecycleDbContext db, int versionId, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return null;
        }
        catch (DbUpdateConcurrencyException)
        {
            var winner = await db.Versions.AsNoTracking().Where(v => v.Id == versionId).Select(v => v.UpdatedByName).FirstOrDefaultAsync(cancellationToken);
            return winner is null
                ? Result.NotFound("This version no longer exists.")
                : Result.Conflict($"{winner} changed this version at the same moment. Your change was not saved; load their version or save yours over it.");
        }
    }

    /// <summary>The display names of the users who created the versions (the version list shows who created each one).</summary>
    private static async Task<Dictionary<string, string>> CreatorNamesAsync(LifecycleDbContext db, IReadOnlyCollection<AppVersion> versions, CancellationToken cancellationToken)
    {
        var ids = versions.Select(v => v.CreatedById).Distinct().ToList();
        return await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id))
            .ToDictionaryAsync(u => u.Id, u => string.IsNullOrWhiteSpace(u.DisplayName) ? u.UserName ?? u.Id : u.DisplayName, cancellationToken);
    }
}
