using Lifecycle.Data.Access;
using Lifecycle.Data.Audit;
using Lifecycle.Data.Common;
using Lifecycle.Data.Definitions;
using Lifecycle.Data.Events;
using Lifecycle.Data.Persistence;
using Lifecycle.Data.Sharing;
using Lifecycle.Data.Versions;
using Microsoft.EntityFrameworkCore;

namespace Lifecycle.Data.Apps;

public sealed record AppSummary(int Id, string Name, string Slug, int? ReleasedVersionId, string? ReleasedVersionName);

/// <summary>One page of apps, by name, and how many match in all.</summary>
public sealed record AppPage(IReadOnlyList<AppSummary> Rows, int Total, int Page, int PageSize);

/// <summary>Use cases on apps: list what the user may see, find one, create one. Each runs through <see cref="UseCaseRunner"/>.</summary>
public sealed class AppService(UseCaseRunner runner, DefinitionStore definitions)
{
    public const int MaxPageSize = 100;

    /// <summary>
    /// The apps the user may open (SPEC A2, A6): the released apps they may view, and every app whose versions they may
    /// open (built, promoted or released by them, released or not). With <paramref name="search"/>, only those whose
    /// name or slug contains it, ignoring case. An empty list for someone with no app rights.
    /// </summary>
    public async Task<IReadOnlyList<AppSummary>> ListAsync(Actor actor, string? search = null, CancellationToken cancellationToken = default)
    {
        var listed = await runner.ReadAsync<IReadOnlyList<AppSummary>>(actor, UseCase.ForSignedInUser(AuditActions.AppsListed), async context =>
            context.Rights.MayViewSomeApp
                ? await Summaries(context.Db, OpenableApps(context.Db, context.Rights, search)).ToListAsync(cancellationToken)
                : Array.Empty<AppSummary>(), cancellationToken);
        return listed.Value ?? [];
    }

    /// <summary>
    /// One page of the apps <see cref="ListAsync(Actor, string?, CancellationToken)"/> lists, by name: the apps page and
    /// the pickers never load every app (decision 036).
    /// </summary>
    public async Task<AppPage> ListAsync(Actor actor, string? search, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        pageSize = Math.Clamp(pageSize, 1, MaxPageSize);
        page = Math.Max(page, 1);
        var listed = await runner.ReadAsync<AppPage>(actor, UseCase.ForSignedInUser(AuditActions.AppsListed), async context =>
        {
            if (!context.Rights.MayViewSomeApp)
            {
                return new AppPage([], 0, page, pageSize);
            }

            var apps = OpenableApps(context.Db, context.Rights, search);
            var total = await apps.CountAsync(cancellationToken);
            var rows = await Summaries(context.Db, apps).Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
            return new AppPage(rows, total, page, pageSize);
        }, cancellationToken);
        return listed.Value ?? new AppPage([], 0, page, pageSize);
    }

    /// <summary>SPEC A6 as a query: apps whose versions the user may open, and released apps they may view; searched by name or address.</summary>
    private static IQueryable<App> OpenableApps(LifecycleDbContext db, UserRights rights, string? search)
    {
        var apps = db.Apps.AsNoTracking();
        if (rights.OpenableAppIds is { } openable)
        {
            apps = rights.ViewableAppIds is { } viewable
                ? apps.Where(a => openable.Contains(a.Id) || (a.ReleasedVersionId != null && viewable.Contains(a.Id)))
                : apps.Where(a => openable.Contains(a.Id) || a.ReleasedVersionId != null);
        }

        if (!string.IsNullOrWhiteSpace(search))
        {
            var term = search.Trim().ToLower();
            apps = apps.Where(a => a.Name.ToLower().Contains(term) || a.Slug.ToLower().Contains(term));
        }

        return apps;
    }

    public Task<Result<AppSummary>> FindBySlugAsync(Actor actor, string slug, CancellationToken cancellationToken = default) =>
        runner.ReadAsync<AppSummary>(actor, UseCase.OnAppAt(AuditActions.AppViewed, slug, Permission.ViewApp), async context =>
            await Summaries(context.Db, a => a.Id == context.AppId).SingleAsync(cancellationToken), cancellationToken);

    /// <summary>Creates an app with its first draft v1 holding an empty home page (SPEC V1).</summary>
    public Task<Result<AppSummary>> CreateAsync(Actor actor, string name, string slug, CancellationToken cancellationToken = default) =>
        runner.ChangeAsync<AppSummary>(actor, UseCase.OnWorkspace(AuditActions.AppCreated, Permission.CreateApps), async context =>
        {
            context.Entry = context.Entry with { Details = $"{name} at /apps/{slug}" };
            var invalid = Validate(name, slug);
            if (invalid is not null)
            {
                return Result<AppSummary>.From(invalid);
            }

            slug = slug.Trim();
            if (await AppAddresses.ClaimAsync(context.Db, slug, null, cancellationToken) is { } taken)
            {
                return Result<AppSummary>.From(taken); // SPEC S1: an old address of another app ends when a new app takes it
            }

            var app = new App(name.Trim(), slug, context.User.UserId, context.NowUtc);
            context.Db.Apps.Add(app);
            try
            {
                await context.Db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException exception) when (exception is not DbUpdateConcurrencyException)
            {
                return Result<AppSummary>.From(AppAddresses.SlugTaken(slug)); // the unique slug index: lost a race for the slug
            }

            var hash = await definitions.PutAsync(context.Db, AppDefinition.Empty(), cancellationToken);
            var first = AppVersion.First(app.Id, hash, context.User.UserId, context.User.Name, context.NowUtc);
            context.Db.Versions.Add(first);
            await context.Db.SaveChangesAsync(cancellationToken);
            context.Entry = context.Entry with { AppId = app.Id, VersionId = first.Id, Details = $"{app.Name} at /apps/{app.Slug}" };
            context.Publish(AppChangeKinds.Created, appId: app.Id);
            return new AppSummary(app.Id, app.Name, app.Slug, null, null);
        }, cancellationToken);

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

    /// <summary>Apps with their released version's name, by name. Filters apply to the entity: EF cannot translate members of the projected record.</summary>
    private static IQueryable<AppSummary> Summaries(LifecycleDbContext db, System.Linq.Expressions.Expression<Func<App, bool>> filter) =>
        Summaries(db, db.Apps.AsNoTracking().Where(filter));

    private static IQueryable<AppSummary> Summaries(LifecycleDbContext db, IQueryable<App> apps) =>
        from app in apps.OrderBy(a => a.Name).ThenBy(a => a.Id)
        join released in db.Versions on app.ReleasedVersionId equals released.Id into releasedVersions
        from released in releasedVersions.DefaultIfEmpty()
        select new AppSummary(app.Id, app.Name, app.Slug, app.ReleasedVersionId, released == null ? null : released.Name);
}
