using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Lifecycle.Data.Sharing;

/// <summary>
/// SPEC S1: an address an app had before its slug changed. It keeps leading to that app for <see cref="Lifetime"/>,
/// unless an app takes the slug for itself first: a live slug always wins over an old one (decision 028). It names
/// the app, not the new slug, so a second change of the slug still leads the old link to the app.
/// </summary>
public sealed class SlugRedirect
{
    /// <summary>How long an old address keeps leading to its app.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(90);

    private SlugRedirect() { }

    public SlugRedirect(string oldSlug, int appId, DateTime retiredAtUtc)
    {
        OldSlug = oldSlug;
        AppId = appId;
        RetiredAtUtc = retiredAtUtc;
    }

    public int Id { get; private set; }
    public string OldSlug { get; private set; } = "";
    public int AppId { get; private set; }
    public DateTime RetiredAtUtc { get; private set; }

    /// <summary>Redirects retired after this moment still lead to their app at <paramref name="nowUtc"/>.</summary>
    public static DateTime LiveSince(DateTime nowUtc) => nowUtc - Lifetime;
}

internal sealed class SlugRedirectConfiguration : IEntityTypeConfiguration<SlugRedirect>
{
    public void Configure(EntityTypeBuilder<SlugRedirect> redirect)
    {
        redirect.Property(r => r.OldSlug).HasMaxLength(Apps.SlugRules.MaxLength);
        redirect.HasIndex(r => r.OldSlug).IsUnique();
        redirect.HasOne<Apps.App>().WithMany().HasForeignKey(r => r.AppId).OnDelete(DeleteBehavior.Cascade);
    }
}
