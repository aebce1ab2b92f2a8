using Lifecycle.Data.Common;
using Lifecycle.Data.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Lifecycle.Data.Sharing;

/// <summary>The app an address names: its id, where it lives now, and whether anyone may open it (SPEC S1, S2).</summary>
public sealed record AppAddress(int AppId, string Slug, bool IsPublic);

/// <summary>
/// SPEC S1: which app an address <c>/apps/{slug}</c> names. The app whose slug it is; else, for
/// <see cref="SlugRedirect.Lifetime"/>, the app that had it before. A live slug always wins, so an old address never
/// leads to one app once another has taken it (decision 028).
/// </summary>
public static class AppAddresses
{
    public static async Task<AppAddress?> FindAsync(LifecycleDbContext db, string? slug, DateTime nowUtc, CancellationToken cancellationToken = default)
    {
        var live = await db.Apps.AsNoTracking().Where(a => a.Slug == slug)
            .Select(a => new AppAddress(a.Id, a.Slug, a.IsPublic)).FirstOrDefaultAsync(cancellationToken);
        if (live is not null)
        {
            return live;
        }

        var since = SlugRedirect.LiveSince(nowUtc);
        return await (from redirect in db.SlugRedirects.AsNoTracking()
                      where redirect.OldSlug == slug && redirect.RetiredAtUtc > since
                      join app in db.Apps on redirect.AppId equals app.Id
                      select new AppAddress(app.Id, app.Slug, app.IsPublic)).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>
    /// Lets an app (<paramref name="appId"/>, or a new one when null) take <paramref name="slug"/>: refused while another
    /// app lives there; an old address that led elsewhere ends now, since the slug is someone's again.
    /// </summary>
    public static async Task<Result?> ClaimAsync(LifecycleDbContext db, string slug, int? appId, CancellationToken cancellationToken = default)
    {
        if (await db.Apps.AnyAsync(a => a.Slug == slug && a.Id != appId, cancellationToken))
        {
            return SlugTaken(slug);
        }

        await db.SlugRedirects.Where(r => r.OldSlug == slug).ExecuteDeleteAsync(cancellationToken);
        return null;
    }

    public static Result SlugTaken(string slug) => Result.Invalid($"The slug {slug} is taken by another app.", "slug");
}
