using Lifecycle.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Lifecycle.Data.Sharing;

/// <summary>
/// SPEC S3: a site that may frame public apps (Content-Security-Policy <c>frame-ancestors</c>), listed by an admin.
/// Stored as the origin only — scheme, host and port, lowercase, without the default port — which is all the header
/// can name; anything else (a path, a wildcard, credentials) is refused rather than cut off.
/// </summary>
public sealed class EmbeddingOrigin
{
    public const int MaxLength = 200;

    private EmbeddingOrigin() { }

    public int Id { get; private set; }
    public string Origin { get; private set; } = "";
    public string AddedByName { get; private set; } = "";
    public DateTime AddedAtUtc { get; private set; }

    public static Result<EmbeddingOrigin> Create(string? text, string addedByName, DateTime nowUtc)
    {
        var origin = Normalize(text);
        return origin.IsSuccess
            ? new EmbeddingOrigin { Origin = origin.Value!, AddedByName = addedByName, AddedAtUtc = nowUtc }
            : Result<EmbeddingOrigin>.From(origin);
    }

    /// <summary>The origin as the header names it (<c>https://intranet.example</c>, <c>http://10.0.0.5:8080</c>), or why the text is not one.</summary>
    public static Result<string> Normalize(string? text)
    {
        var trimmed = (text ?? "").Trim();
        const string Example = "Enter an origin: a scheme, a host and, when needed, a port, such as https://intranet.example.com.";
        if (trimmed.Length is 0 or > MaxLength || !Uri.TryCreate(trimmed, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http")
            || uri.Host.Length == 0 || trimmed.Any(char.IsWhiteSpace))
        {
            return Invalid(Example);
        }

        if (uri.UserInfo.Length > 0 || uri.AbsolutePath != "/" || uri.Query.Length > 0 || uri.Fragment.Length > 0 || trimmed.EndsWith('#') || trimmed.EndsWith('?'))
        {
            return Invalid("An origin has no path, query or user name: only the scheme, the host and the port, such as https://intranet.example.com.");
        }

        var host = uri.HostNameType == UriHostNameType.IPv6 ? uri.Host : uri.IdnHost;
        return $"{uri.Scheme}://{host}{(uri.IsDefaultPort ? "" : $":{uri.Port}")}";
    }

    private static Result<string> Invalid(string message) => Result<string>.From(Result.Invalid(message, "origin"));
}

/// <summary>
/// SPEC S3: the workspace's embedding switches, one row. Embedding a private app is off until an admin allows it:
/// it needs the sign-in cookie sent from other sites (SameSite=None, so HTTPS only), which weakens what SameSite
/// protects against (decision 029).
/// </summary>
public sealed class EmbeddingSettings
{
    public const int SingletonId = 1;

    private EmbeddingSettings() { }

    public int Id { get; private set; }
    public bool AllowPrivateApps { get; private set; }
    public string UpdatedByName { get; private set; } = "";
    public DateTime UpdatedAtUtc { get; private set; }

    public static EmbeddingSettings New() => new() { Id = SingletonId };

    public void SetPrivateApps(bool allowed, string byName, DateTime nowUtc)
    {
        AllowPrivateApps = allowed;
        UpdatedByName = byName;
        UpdatedAtUtc = nowUtc;
    }
}

internal sealed class EmbeddingOriginConfiguration : IEntityTypeConfiguration<EmbeddingOrigin>
{
    public void Configure(EntityTypeBuilder<EmbeddingOrigin> origin)
    {
        origin.Property(o => o.Origin).HasMaxLength(EmbeddingOrigin.MaxLength);
        origin.HasIndex(o => o.Origin).IsUnique();
        origin.Property(o => o.AddedByName).HasMaxLength(256);
    }
}

internal sealed class EmbeddingSettingsConfiguration : IEntityTypeConfiguration<EmbeddingSettings>
{
    public void Configure(EntityTypeBuilder<EmbeddingSettings> settings)
    {
        settings.Property(s => s.Id).ValueGeneratedNever();
        settings.Property(s => s.UpdatedByName).HasMaxLength(256);
    }
}
