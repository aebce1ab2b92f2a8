using Lifecycle.Data.Access;
using Lifecycle.Data.Audit;
using Lifecycle.Data.Common;
using Lifecycle.Data.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Lifecycle.Data.Sharing;

/// <summary>A site allowed to frame public apps, as the admin page lists it.</summary>
public sealed record EmbeddingOriginView(int Id, string Origin, string AddedByName, DateTime AddedAtUtc);

/// <summary>The admin page's content: the allowed sites and whether private apps may be embedded.</summary>
public sealed record EmbeddingView(IReadOnlyList<EmbeddingOriginView> Origins, bool AllowPrivateApps);

/// <summary>
/// SPEC S3: which sites may frame apps. Only Admins list them and allow embedding private apps (decision 029): a listed
/// site can show every public app inside its own pages, and private embedding loosens the sign-in cookie for the whole
/// workspace. The headers of each response read them through <see cref="FramingAsync"/>, which anyone's request may ask.
/// </summary>
public sealed class EmbeddingService(UseCaseRunner runner)
{
    public const string AdminsOnly = "Only admins decide which sites may embed apps.";

    public Task<Result<EmbeddingView>> GetAsync(Actor actor, CancellationToken cancellationToken = default) =>
        runner.ReadAsync<EmbeddingView>(actor, UseCase.ForAdmins(AuditActions.EmbeddingViewed, AdminsOnly), async context =>
        {
            var origins = await context.Db.EmbeddingOrigins.AsNoTracking().OrderBy(o => o.Origin)
                .Select(o => new EmbeddingOriginView(o.Id, o.Origin, o.AddedByName, o.AddedAtUtc)).ToListAsync(cancellationToken);
            return new EmbeddingView(origins, await AllowsPrivateAppsAsync(context, cancellationToken));
        }, cancellationToken);

    public Task<Result<int>> AddOriginAsync(Actor actor, string? origin, CancellationToken cancellationToken = default) =>
        runner.ChangeAsync<int>(actor, UseCase.ForAdmins(AuditActions.EmbeddingOriginAdded, AdminsOnly), async context =>
        {
            context.Entry = context.Entry with { Details = $"Allow {origin?.Trim()} to embed apps." };
            var created = EmbeddingOrigin.Create(origin, context.User.Name, context.NowUtc);
            if (!created.IsSuccess)
            {
                return Result<int>.From(created);
            }

            var entry = created.Value!;
            if (await context.Db.EmbeddingOrigins.AnyAsync(o => o.Origin == entry.Origin, cancellationToken))
            {
                return Result<int>.From(Result.Invalid($"{entry.Origin} may embed apps already.", "origin"));
            }

            context.Db.EmbeddingOrigins.Add(entry);
            await context.Db.SaveChangesAsync(cancellationToken);
            context.Entry = context.Entry with { Details = $"Allow {entry.Origin} to embed apps." };
            return entry.Id;
        }, cancellationToken);

    public Task<Result> RemoveOriginAsync(Actor actor, int originId, CancellationToken cancellationToken = default) =>
        runner.ChangeAsync(actor, UseCase.ForAdmins(AuditActions.EmbeddingOriginRemoved, AdminsOnly), async context =>
        {
            var entry = await context.Db.EmbeddingOrigins.FirstOrDefaultAsync(o => o.Id == originId, cancellationToken);
            if (entry is null)
            {
                return Result.NotFound("This site is no longer in the list.");
            }

            context.Entry = context.Entry with { Details = $"{entry.Origin} may no longer embed apps." };
            context.Db.EmbeddingOrigins.Remove(entry);
            await context.Db.SaveChangesAsync(cancellationToken);
            return Result.Success();
        }, cancellationToken);

    /// <summary>Decision 029: embedding private apps sends the sign-in cookie to framed pages (SameSite=None, HTTPS only).</summary>
    public Task<Result> SetPrivateAppsAsync(Actor actor, bool allowed, CancellationToken cancellationToken = default) =>
        runner.ChangeAsync(actor, UseCase.ForAdmins(AuditActions.EmbeddingPrivateAppsChanged, AdminsOnly), async context =>
        {
            context.Entry = context.Entry with { Details = allowed ? "Private apps may be embedded." : "Private apps may not be embedded." };
            var settings = await context.Db.EmbeddingSettings.FirstOrDefaultAsync(s => s.Id == EmbeddingSettings.SingletonId, cancellationToken);
            if (settings is null)
            {
                settings = EmbeddingSettings.New();
                context.Db.EmbeddingSettings.Add(settings);
            }

            settings.SetPrivateApps(allowed, context.User.Name, context.NowUtc);
            await context.Db.SaveChangesAsync(cancellationToken);
            return Result.Success();
        }, cancellationToken);

    /// <summary>
    /// SPEC S3: the sites that may frame the embedded view of the app at <paramref name="slug"/>: the listed ones when the
    /// app is public (or private and private embedding is allowed), none otherwise. For anyone: it only decides a header.
    /// </summary>
    public async Task<IReadOnlyList<string>> FramingAsync(string slug, CancellationToken cancellationToken = default) =>
        (await runner.ReadAsync<IReadOnlyList<string>>(null, UseCase.ForAnyone(AuditActions.EmbeddingViewed), async context =>
        {
            var address = await AppAddresses.FindAsync(context.Db, slug, context.NowUtc, cancellationToken);
            if (address is null || !(address.IsPublic || await AllowsPrivateAppsAsync(context, cancellationToken)))
            {
                return Array.Empty<string>();
            }

            return await context.Db.EmbeddingOrigins.AsNoTracking().Select(o => o.Origin).ToListAsync(cancellationToken);
        }, cancellationToken)).Value ?? [];

    /// <summary>Whether private apps may be embedded: the sign-in cookie then goes to framed pages too (decision 029). For anyone.</summary>
    public async Task<bool> PrivateAppsEmbeddableAsync(CancellationToken cancellationToken = default) =>
        (await runner.ReadAsync<bool>(null, UseCase.ForAnyone(AuditActions.EmbeddingViewed), async context =>
            await AllowsPrivateAppsAsync(context, cancellationToken), cancellationToken)).Value;

    private static Task<bool> AllowsPrivateAppsAsync(UseCaseContext context, CancellationToken cancellationToken) =>
        AllowsPrivateAppsAsync(context.Db, cancellationToken);

    internal static Task<bool> AllowsPrivateAppsAsync(LifecycleDbContext db, CancellationToken cancellationToken) =>
        db.EmbeddingSettings.AsNoTracking().AnyAsync(s => s.AllowPrivateApps, cancellationToken);
}
