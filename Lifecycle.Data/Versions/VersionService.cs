using Lifecycle.Data.Access;
using Lifecycle.Data.Apps;
using Lifecycle.Data.Audit;
using Lifecycle.Data.Common;
using Lifecycle.Data.Definitions;
using Lifecycle.Data.Events;
using Lifecycle.Data.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Lifecycle.Data.Versions;

/// <summary>Use cases on an app's versions (SPEC V1-V5, V7, V9). Each call is one operation on its own context.</summary>
/// Every change and every refused or failed attempt is audited (SPEC A4), except allowed autosaves (decision 010).
public sealed class VersionService(IDbContextFactory<LifecycleDbContext> dbFactory, DefinitionStore definitions, TimeProvider clock, IAppChangeNotifier notifier, AuditWriter audit)
{
    public async Task<Result<IReadOnlyList<VersionSummary>>> ListAsync(Actor actor, int appId, CancellationToken cancellationToken = default) =>
        await audit.RecordRefusalAsync(actor, new AuditEvent(AuditActions.AppViewed, AppId: appId), await ListCoreAsync(actor, appId, cancellationToken));

    private async Task<Result<IReadOnlyList<VersionSummary>>> ListCoreAsync(Actor actor, int appId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var app = await db.Apps.AsNoTracking().FirstOrDefaultAsync(a => a.Id == appId, cancellationToken);
        if (app is null)
        {
            return Result<IReadOnlyList<VersionSummary>>.From(AppGone);
        }

        var rights = await AccessRules.LoadAsync(db, actor.UserId, cancellationToken);
        if (!rights.Has(Permission.ViewApp, appId))
        {
            return Result<IReadOnlyList<VersionSummary>>.From(Result.Forbidden(AccessRules.Refusal(Permission.ViewApp)));
        }

        var versions = await db.Versions.AsNoTracking().Where(v => v.AppId == appId).OrderBy(v => v.Id).ToListAsync(cancellationToken);
        var creators = await CreatorNamesAsync(db, versions, cancellationToken);
        return versions.Select(v => VersionSummary.Of(v, app.ReleasedVersionId, creators.GetValueOrDefault(v.CreatedById))).ToList();
    }

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

    public async Task<Result<VersionDetail>> GetAsync(Actor actor, int versionId, CancellationToken cancellationToken = default) =>
        await audit.RecordRefusalAsync(actor, new AuditEvent(AuditActions.AppViewed, VersionId: versionId), await GetCoreAsync(actor, versionId, cancellationToken));

    private async Task<Result<VersionDetail>> GetCoreAsync(Actor actor, int versionId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var version = await db.Versions.AsNoTracking().FirstOrDefaultAsync(v => v.Id == versionId, cancellationToken);
        if (version is null)
        {
            return Result<VersionDetail>.From(VersionGone);
        }

        var rights = await AccessRules.LoadAsync(db, actor.UserId, cancellationToken);
        if (!rights.Has(Permission.ViewApp, version.AppId))
        {
            return Result<VersionDetail>.From(Result.Forbidden(AccessRules.Refusal(Permission.ViewApp)));
        }

        var releasedId = await db.Apps.Where(a => a.Id == version.AppId).Select(a => a.ReleasedVersionId).SingleAsync(cancellationToken);
        var definition = await definitions.GetAsync(db, version.DefinitionHash, cancellationToken);
        var creators = await CreatorNamesAsync(db, [version], cancellationToken);
        return new VersionDetail(VersionSummary.Of(version, releasedId, creators.GetValueOrDefault(version.CreatedById)), definition, version.Revision);
    }

    /// <summary>SPEC V2: a new draft from any version of the app; the definition is shared by hash, not copied (SPEC D4).</summary>
    public async Task<Result<VersionSummary>> CreateAsync(Actor actor, int appId, string name, int fromVersionId, CancellationToken cancellationToken = default) =>
        await audit.RecordFailureAsync(actor, new AuditEvent(AuditActions.VersionCreated, AppId: appId), await CreateCoreAsync(actor, appId, name, fromVersionId, cancellationToken));

    private async Task<Result<VersionSummary>> CreateCoreAsync(Actor actor, int appId, string name, int fromVersionId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rights = await AccessRules.LoadAsync(db, actor.UserId, cancellationToken);
        if (!rights.Has(Permission.EditApp, appId))
        {
            return Result<VersionSummary>.From(Result.Forbidden(AccessRules.Refusal(Permission.EditApp)));
        }

        var nameError = VersionNameRules.Validate(name);
        if (nameError is not null)
        {
            return Result<VersionSummary>.From(Result.Invalid(nameError, "name"));
        }

        var source = await db.Versions.AsNoTracking().FirstOrDefaultAsync(v => v.Id == fromVersionId && v.AppId == appId, cancellationToken);
        if (source is null)
        {
            return Result<VersionSummary>.From(Result.Invalid("Choose a version of this app to create from.", "from"));
        }

        if (await NameTakenAsync(db, appId, name, exceptVersionId: null, cancellationToken))
        {
            return Result<VersionSummary>.From(NameTaken(name));
        }

        var version = AppVersion.CreateFrom(source, name, actor.UserId, actor.Name, Now);
        db.Versions.Add(version);
        await using (var transaction = await audit.BeginAsync(db, cancellationToken))
        {
            if (!await TrySaveNameAsync(() => db.SaveChangesAsync(cancellationToken)))
            {
                return Result<VersionSummary>.From(NameTaken(name));
            }

            await transaction.CommitAsync(actor, new AuditEvent(AuditActions.VersionCreated, appId, version.Id, version.Name, version.Environment.ToString(), $"From {source.Name}."), cancellationToken);
        }

        notifier.Publish(new AppChange(appId, AppChangeKinds.VersionCreated, actor.Name, version.Id));
        return VersionSummary.Of(version, releasedVersionId: null, actor.Name);
    }

    /// <summary>SPEC V4: autosave of a draft, refused when based on a stale revision. Returns the new revision.</summary>
    public async Task<Result<int>> UpdateDefinitionAsync(Actor actor, int versionId, int baseRevision, AppDefinition definition, CancellationToken cancellationToken = default) =>
        await audit.RecordFailureAsync(actor, new AuditEvent(AuditActions.VersionEdited, VersionId: versionId), await UpdateDefinitionCoreAsync(actor, versionId, baseRevision, definition, cancellationToken));

    /// <summary>Allowed autosaves are not audited one by one: the version's revision, UpdatedBy and the save that follows tell the story (decision 010).</summary>
    private async Task<Result<int>> UpdateDefinitionCoreAsync(Actor actor, int versionId, int baseRevision, AppDefinition definition, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var (version, refusal) = await LoadForEditAsync(db, actor, versionId, cancellationToken);
        if (version is null)
        {
            return Result<int>.From(refusal!);
        }

        var hash = await definitions.PutAsync(db, definition, cancellationToken);
        var changed = version.ChangeDefinition(hash, baseRevision, actor.UserId, actor.Name, Now);
        if (!changed.IsSuccess)
        {
            return Result<int>.From(changed);
        }

        var conflict = await SaveOrConflictAsync(db, versionId, () => db.SaveChangesAsync(cancellationToken), cancellationToken);
        if (conflict is not null)
        {
            return Result<int>.From(conflict);
        }

        notifier.Publish(new AppChange(version.AppId, AppChangeKinds.DefinitionChanged, actor.Name, version.Id));
        return version.Revision;
    }

    /// <summary>SPEC V5: a draft becomes an immutable saved version.</summary>
    public async Task<Result> SaveAsync(Actor actor, int versionId, string? description, CancellationToken cancellationToken = default)
    {
        var what = new AuditEvent(AuditActions.VersionSaved, VersionId: versionId, Details: string.IsNullOrWhiteSpace(description) ? null : description.Trim());
        return await audit.RecordFailureAsync(actor, what, await ChangeAsync(actor, versionId, AppChangeKinds.Saved, what, v => v.Save(description, actor.UserId, actor.Name, Now), cancellationToken));
    }

    /// <summary>SPEC V9: drafts only; the new name follows the V2 rules and stays unique in the app.</summary>
    public async Task<Result> RenameAsync(Actor actor, int versionId, string newName, CancellationToken cancellationToken = default) =>
        await audit.RecordFailureAsync(actor, new AuditEvent(AuditActions.VersionRenamed, VersionId: versionId, Details: $"To {newName}."), await RenameCoreAsync(actor, versionId, newName, cancellationToken));

    private async Task<Result> RenameCoreAsync(Actor actor, int versionId, string newName, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var (version, refusal) = await LoadForEditAsync(db, actor, versionId, cancellationToken);
        if (version is null)
        {
            return refusal!;
        }

        var oldName = version.Name;
        var renamed = version.Rename(newName, actor.UserId, actor.Name, Now);
        if (!renamed.IsSuccess)
        {
            return renamed;
        }

        var what = new AuditEvent(AuditActions.VersionRenamed, version.AppId, version.Id, version.Name, version.Environment.ToString(), $"From {oldName}.");
        if (await NameTakenAsync(db, version.AppId, newName, version.Id, cancellationToken)
            || !await TrySaveNameAsync(() => audit.SaveAsync(db, actor, what, cancellationToken)))
        {
            return NameTaken(newName);
        }

        notifier.Publish(new AppChange(version.AppId, AppChangeKinds.VersionRenamed, actor.Name, version.Id));
        return Result.Success();
    }

    /// <summary>SPEC V9: neither the released version nor an app's only version can be deleted.</summary>
    public async Task<Result> DeleteAsync(Actor actor, int versionId, CancellationToken cancellationToken = default) =>
        await audit.RecordFailureAsync(actor, new AuditEvent(AuditActions.VersionDeleted, VersionId: versionId), await DeleteCoreAsync(actor, versionId, cancellationToken));

    private async Task<Result> DeleteCoreAsync(Actor actor, int versionId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var (version, refusal) = await LoadForEditAsync(db, actor, versionId, cancellationToken);
        if (version is null)
        {
            return refusal!;
        }

        var app = await db.Apps.SingleAsync(a => a.Id == version.AppId, cancellationToken);
        if (app.ReleasedVersionId == version.Id)
        {
            return Result.Conflict($"{version.Name} is released and cannot be deleted. Release another version first.");
        }

        if (!await db.Versions.AnyAsync(v => v.AppId == version.AppId && v.Id != version.Id, cancellationToken))
        {
            return Result.Conflict($"{version.Name} is the app's only version and cannot be deleted.");
        }

        db.Versions.Remove(version);
        var what = new AuditEvent(AuditActions.VersionDeleted, version.AppId, version.Id, version.Name, version.Environment.ToString());
        var conflict = await SaveOrConflictAsync(db, versionId, () => audit.SaveAsync(db, actor, what, cancellationToken), cancellationToken);
        if (conflict is not null)
        {
            return conflict;
        }

        notifier.Publish(new AppChange(version.AppId, AppChangeKinds.VersionDeleted, actor.Name, version.Id));
        return Result.Success();
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>The display names of the users who created the versions (the list shows who created each one).</summary>
    private static async Task<Dictionary<string, string>> CreatorNamesAsync(LifecycleDbContext db, IReadOnlyCollection<AppVersion> versions, CancellationToken cancellationToken)
    {
        var ids = versions.Select(v => v.CreatedById).Distinct().ToList();
        return await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id))
            .ToDictionaryAsync(u => u.Id, u => string.IsNullOrWhiteSpace(u.DisplayName) ? u.UserName ?? u.Id : u.DisplayName, cancellationToken);
    }

    private static Result AppGone => Result.NotFound("This app no longer exists.");

    private static Result VersionGone => Result.NotFound("This version no longer exists.");

    private static Result NameTaken(string name) =>
        Result.Invalid($"A version named {VersionNameRules.Normalize(name)} already exists in this app.", "name");

    private async Task<Result> ChangeAsync(Actor actor, int versionId, string kind, AuditEvent what, Func<AppVersion, Result> change, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var (version, refusal) = await LoadForEditAsync(db, actor, versionId, cancellationToken);
        if (version is null)
        {
            return refusal!;
        }

        var changed = change(version);
        if (!changed.IsSuccess)
        {
            return changed;
        }

        var conflict = await SaveOrConflictAsync(db, versionId, () => audit.SaveAsync(db, actor, what, cancellationToken), cancellationToken);
        if (conflict is not null)
        {
            return conflict;
        }

        notifier.Publish(new AppChange(version.AppId, kind, actor.Name, version.Id));
        return Result.Success();
    }

    /// <summary>Loads a version for a change, checking at this moment that the actor may edit its app (SPEC A3).</summary>
    private static async Task<(AppVersion? Version, Result? Refusal)> LoadForEditAsync(LifecycleDbContext db, Actor actor, int versionId, CancellationToken cancellationToken)
    {
        var version = await db.Versions.FirstOrDefaultAsync(v => v.Id == versionId, cancellationToken);
        if (version is null)
        {
            return (null, VersionGone);
        }

        var rights = await AccessRules.LoadAsync(db, actor.UserId, cancellationToken);
        return rights.Has(Permission.EditApp, version.AppId)
            ? (version, null)
            : (null, Result.Forbidden(AccessRules.Refusal(Permission.EditApp)));
    }

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

    /// <summary>Saves, turning a lost optimistic-concurrency race into a Conflict that names who won (SPEC V4).</summary>
    private static async Task<Result?> SaveOrConflictAsync(LifecycleDbContext db, int versionId, Func<Task> save, CancellationToken cancellationToken)
    {
        try
        {
            try
            {
                await save();
            }
            catch (DbUpdateException exception) when (exception is not DbUpdateConcurrencyException)
            {
                if (!await KeepBlobsStoredMeanwhileAsync(db, cancellationToken))
                {
                    throw;
                }

                await save(); // the version's own concurrency check still applies
            }

            return null;
        }
        catch (DbUpdateConcurrencyException)
        {
            var winner = await db.Versions.AsNoTracking().Where(v => v.Id == versionId).Select(v => v.UpdatedByName).FirstOrDefaultAsync(cancellationToken);
            return winner is null
                ? VersionGone
                : Result.Conflict($"{winner} changed this version at the same moment. Your change was not saved; load their version or save yours over it.");
        }
    }

    /// <summary>
    /// SPEC D4: a racing change may store the same content first, so our insert of its blob hits the hash key.
    /// The content is stored either way: stop inserting the blobs that exist now. False when none did (another failure).
    /// </summary>
    private static async Task<bool> KeepBlobsStoredMeanwhileAsync(LifecycleDbContext db, CancellationToken cancellationToken)
    {
        var kept = false;
        foreach (var entry in db.ChangeTracker.Entries<DefinitionBlob>().Where(e => e.State == EntityState.Added).ToList())
        {
            var hash = entry.Entity.Hash;
            if (await db.DefinitionBlobs.AsNoTracking().AnyAsync(b => b.Hash == hash, cancellationToken))
            {
                entry.State = EntityState.Unchanged;
                kept = true;
            }
        }

        return kept;
    }
}
