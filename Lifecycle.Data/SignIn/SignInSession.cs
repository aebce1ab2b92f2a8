using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Lifecycle.Data.SignIn;

/// <summary>
/// One sign-in, kept on the server (decision 017). The sign-in cookie names it; a request whose session has ended is
/// treated as signed out, so signing out ends the session for every copy of the cookie.
/// </summary>
public sealed class SignInSession
{
    private SignInSession() { }

    /// <summary>Random, 128 bits: carried only inside the encrypted cookie.</summary>
    public string Id { get; private set; } = "";
    public string UserId { get; private set; } = "";
    public DateTime StartedAtUtc { get; private set; }
    public DateTime? EndedAtUtc { get; private set; }

    public bool IsActive => EndedAtUtc is null;

    public static SignInSession Start(string userId, DateTime nowUtc) =>
        new() { Id = RandomNumberGenerator.GetHexString(32, lowercase: true), UserId = userId, StartedAtUtc = nowUtc };

    public void End(DateTime nowUtc) => EndedAtUtc ??= nowUtc;
}

internal sealed class SignInSessionConfiguration : IEntityTypeConfiguration<SignInSession>
{
    public void Configure(EntityTypeBuilder<SignInSession> session)
    {
        session.ToTable("SignInSessions");
        session.HasKey(s => s.Id);
        session.Property(s => s.Id).HasMaxLength(32);
        session.Property(s => s.UserId).HasMaxLength(450);
        session.HasIndex(s => s.UserId);
    }
}
