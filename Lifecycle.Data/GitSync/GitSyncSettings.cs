using System.Net.Mail;
using System.Text.RegularExpressions;
using Lifecycle.Data.Common;

namespace Lifecycle.Data.GitSync;

/// <summary>What an admin types on the GitSync page (SPEC G1). A null <see cref="NewSecret"/> keeps the stored one.</summary>
public sealed record GitSyncConnectionInput(
    string Repository,
    string Branch,
    GitCredentialKind CredentialKind,
    string? Username,
    string? NewSecret,
    string AuthorName,
    string AuthorEmail,
    bool AutoCommit);

/// <summary>
/// The instance's one repository connection (SPEC G1): address, branch, credentials (the secret stored encrypted,
/// SPEC E5), the identity used when the acting user has none, and whether saving, promoting and releasing commit.
/// </summary>
public sealed partial class GitSyncSettings
{
    public const int SingletonId = 1;
    public const int MaxRepositoryLength = 500;
    public const int MaxNameLength = 100;

    private GitSyncSettings() { }

    public int Id { get; private set; }
    public string Repository { get; private set; } = "";
    public string Branch { get; private set; } = "";
    public GitCredentialKind CredentialKind { get; private set; }
    public string? Username { get; private set; }

    /// <summary>Data Protection ciphertext of the password, token or SSH key; never shown again (SPEC E5).</summary>
    public string? ProtectedSecret { get; private set; }

    public string AuthorName { get; private set; } = "";
    public string AuthorEmail { get; private set; } = "";
    public bool AutoCommit { get; private set; }
    public DateTime UpdatedAtUtc { get; private set; }
    public string UpdatedByName { get; private set; } = "";

    public static GitSyncSettings New() => new() { Id = SingletonId };

    [GeneratedRegex(@"^(?!-)(?!.*\.\.)(?!.*//)(?!.*@\{)[A-Za-z0-9._/-]+(?<![/.])(?<!\.lock)\z")]
    private static partial Regex BranchPattern();

    [GeneratedRegex(@"^[A-Za-z0-9._-]+@[A-Za-z0-9.-]+:[^\s]+\z")]
    private static partial Regex ScpLikeAddress();

    /// <summary>Checks the input against the rules of a connection; the error names its field. <paramref name="hasStoredSecret"/>: a secret is kept.</summary>
    public static Result Validate(GitSyncConnectionInput input, bool hasStoredSecret)
    {
        var repository = input.Repository?.Trim() ?? "";
        if (repository.Length is 0 or > MaxRepositoryLength)
        {
            return Result.Invalid($"Enter the repository: a local path such as /srv/git/apps.git, or an https:// or ssh:// address (at most {MaxRepositoryLength} characters).", "repository");
        }

        var addressError = ValidateAddress(repository, input.CredentialKind);
        if (addressError is not null)
        {
            return Result.Invalid(addressError, "repository");
        }

        if (!BranchPattern().IsMatch(input.Branch?.Trim() ?? ""))
        {
            return Result.Invalid("Enter a branch name such as main (letters, digits, . _ - /).", "branch");
        }

        var needsSecret = input.CredentialKind != GitCredentialKind.None && string.IsNullOrEmpty(input.NewSecret) && !hasStoredSecret;
        switch (input.CredentialKind)
        {
            case GitCredentialKind.UsernameAndPassword when string.IsNullOrWhiteSpace(input.Username):
                return Result.Invalid("Enter the username the repository expects (with a token, often any name or \"git\").", "username");
            case GitCredentialKind.UsernameAndPassword when needsSecret:
                return Result.Invalid("Enter the password or access token.", "secret");
            case GitCredentialKind.SshKey when needsSecret:
                return Result.Invalid("Paste the SSH private key.", "secret");
            case GitCredentialKind.SshKey when !string.IsNullOrEmpty(input.NewSecret) && !input.NewSecret.TrimStart().StartsWith("-----BEGIN", StringComparison.Ordinal):
                return Result.Invalid("This is not a private key: it starts with -----BEGIN ... PRIVATE KEY-----.", "secret");
        }

        var name = input.AuthorName?.Trim() ?? "";
        if (name.Length is 0 or > MaxNameLength)
        {
            return Result.Invalid($"Enter the name commits carry when the acting user has none (1 to {MaxNameLength} characters).", "authorName");
        }

        return MailAddress.TryCreate(input.AuthorEmail?.Trim(), out _)
            ? Result.Success()
            : Result.Invalid("Enter an email address for commits, such as lifecycle@example.com.", "authorEmail");
    }

    private static string? ValidateAddress(string repository, GitCredentialKind credentialKind)
    {
        if (Path.IsPathRooted(repository) && !repository.Contains("://", StringComparison.Ordinal))
        {
            return credentialKind == GitCredentialKind.None ? null : "A local path needs no credentials: choose \"None\".";
        }

        if (ScpLikeAddress().IsMatch(repository))
        {
            return credentialKind == GitCredentialKind.UsernameAndPassword ? "An SSH address uses an SSH key, not a password." : null;
        }

        if (!Uri.TryCreate(repository, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http" or "ssh" or "file"))
        {
            return "Enter a local path (starting with /), or an https://, http://, ssh:// or user@host:path address.";
        }

        if (uri.UserInfo.Contains(':'))
        {
            return "Do not put the password in the address: enter it in the Password or token field, where it is stored encrypted.";
        }

        return uri.Scheme switch
        {
            "ssh" when credentialKind == GitCredentialKind.UsernameAndPassword => "An SSH address uses an SSH key, not a password.",
            "https" or "http" when credentialKind == GitCredentialKind.SshKey => "An https address uses a username and password or token, not an SSH key.",
            _ => null,
        };
    }

    /// <summary>Applies validated input. <paramref name="protectedSecret"/> is the new secret's ciphertext, or null to keep the stored one.</summary>
    internal void Apply(GitSyncConnectionInput input, string? protectedSecret, string actorName, DateTime nowUtc)
    {
        Repository = input.Repository.Trim();
        Branch = input.Branch.Trim();
        CredentialKind = input.CredentialKind;
        Username = input.CredentialKind == GitCredentialKind.UsernameAndPassword ? input.Username?.Trim() : null;
        if (input.CredentialKind == GitCredentialKind.None)
        {
            ProtectedSecret = null;
        }
        else if (protectedSecret is not null)
        {
            ProtectedSecret = protectedSecret;
        }

        AuthorName = input.AuthorName.Trim();
        AuthorEmail = input.AuthorEmail.Trim();
        AutoCommit = input.AutoCommit;
        UpdatedByName = actorName;
        UpdatedAtUtc = nowUtc;
    }
}
