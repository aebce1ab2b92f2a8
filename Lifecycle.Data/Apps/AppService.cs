using Lifecycle.Data.Access;
using Lifecycle.Data.Audit;
using Lifecycle.Data.Common;
using Lifecycle.Data.Definitions;
using Lifecycle.Data.Events;
using Lifecycle.Data.Persistence;
using Lifecycle.Data.Versions;
using Microsoft.EntityFrameworkCore;

namespace Lifecycle.Data.Apps;

public sealed record AppSummary(int Id, string Name, string Slug, int? ReleasedVersionId, string? ReleasedVersionName);

/// <summary>Use cases on apps: list what the user may see, find one, create one.</summary>
public sealed class AppService(IDbContextFactory<LifecycleDbContext> dbFactory, DefinitionStore definitions, TimeProvider clock, IAppChangeNotifier notifier, AuditWriter audit)
{
    public async Task<IReadOnlyList<AppSummary>> ListAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rights = await AccessRules.LoadAsync(db, actor.UserId, cancellationToken);
        if (!rights.MayViewSomeApp)
        {
            return [];
        }

        var apps = await Summaries(db, _ => true).ToListAsync(cancellationToken);
        return [.. apps.Where(a => rights.Has(Permission.ViewApp, a.Id))];
    }

    public async Task<Result<AppSummary>> FindBySlugAsync(Actor actor, string slug, CancellationToken cancellationToken = default)
    {
        var found = await FindBySlugCoreAsync(actor, slug, cancellationToken);
        return await audit.RecordRefusalAsync(actor, new AuditEvent(AuditActions.AppViewed, Details: $"/apps/{slug}"), found);
    }

    private async Task<Result<AppSummary>> FindBySlugCoreAsync(Actor actor, string slug, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var app = await Summaries(db, a => a.Slug == slug).FirstOrDefaultAsync(cancellationToken);
        if (app is null)
        {
            return Result<AppSummary>.From(Result.NotFound($"There is no app at {slug}."));
        }

        var rights = await AccessRules.LoadAsync(db, actor.UserId, cancellationToken);
        return rights.Has(Permission.ViewApp, app.Id)
            ? app
            : Result<AppSummary>.From(Result.Forbidden(AccessRules.Refusal(Permission.ViewApp)));
    }

    /// <summary>Creates an app with its first draft v1 holding an empty home page (SPEC V1).</summary>
    public async Task<Result<AppSummary>> CreateAsync(Actor actor, string name, string slug, CancellationToken cancellationToken = default) =>
        await audit.RecordFailureAsync(actor, new AuditEvent(AuditActions.AppCreated, Details: $"{name} at /apps/{slug}"), await CreateCoreAsync(actor, name, slug, cancellationToken));

    private async Task<Result<AppSummary>> CreateCoreAsync(Actor actor, string name, string slug, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rights = await AccessRules.LoadAsync(db, actor.UserId, cancellationToken);
        if (!rights.Has(Permission.CreateApps))
        {
            return Result<AppSummary>.From(Result.Forbidden(AccessRules.Refusal(Permission.CreateApps)));
        }

        var invalid = Validate(name, slug);
        if (invalid is not null)
        {
            return Result<AppSummary>.From(invalid);
        }

        slug = slug.Trim();
        if (await db.Apps.AnyAsync(a => a.Slug == slug, cancellationToken))
        {
            return Result<AppSummary>.From(SlugTaken(slug));
        }

        var now = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await audit.BeginAsync(db, cancellationToken);
        var app = new App(name.Trim(), slug, actor.UserId, now);
        db.Apps.Add(app);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (exception is not DbUpdateConcurrencyException)
        {
            return Result<AppSummary>.From(SlugTaken(slug)); // the unique slug index: lost a race for the slug
        }

        var hash = await definitions.PutAsync(db, AppDefinition.Empty(), cancellationToken);
        var first = AppVersion.First(app.Id, hash, actor.UserId, actor.Name, now);
        db.Versions.Add(first);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(actor, new AuditEvent(AuditActions.AppCreated, app.Id, first.Id, Details: $"{app.Name} at /apps/{app.Slug}"), cancellationToken);

        notifier.Publish(new AppChange(app.Id, AppChangeKinds.Created, actor.UserId, actor.Name));
        return new AppSummary(app.Id, app.Name, app.Slug, null, null);
    }

    private static Result? Validate(string name, string slug)
    {
        var nameError = App.ValidateName(name);
        if (nameError is not null)
        {
            return Result.Invalid(nameError, "name");
        }

        var slugError = SlugRules.Validate(slug?.Trim());
        return slugError is null ? null : Result.Invalid(slugError, "slug");
    }

    private static Result SlugTaken(string slug) => Result.Invalid($"The slug {slug} is taken by another app.", "slug");

    /// <summary>Apps with their released version's name, by name. Filters apply to the entity: EF cannot translate members of the projected record.</summary>
    private static IQueryable<AppSummary> Summaries(LifecycleDbContext db, System.Linq.Expressions.Expression<Func<App, bool>> filter) =>
        from app in db.Apps.AsNoTracking().Where(filter).OrderBy(a => a.Name)
        join released in db.Versions on app.ReleasedVersionId equals released.Id into releasedVersions
        from released in releasedVersions.DefaultIfEmpty()
        select new AppSummary(app.Id, app.Name, app.Slug, app.ReleasedVersionId, released == null ? null : released.Name);
}
