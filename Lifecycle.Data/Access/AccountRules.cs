using System.Net.Mail;
using Lifecycle.Data.Common;
using Microsoft.AspNetCore.Identity;

namespace Lifecycle.Data.Access;

/// <summary>Checks shared by every path that creates an account (first-run setup, admin pages).</summary>
internal static class AccountRules
{
    public const int MaxDisplayNameLength = 100;

    /// <summary>The longest address SMTP can carry (RFC 5321: a 256-octet path less its angle brackets).</summary>
    public const int MaxEmailLength = 254;

    public static async Task<Result?> ValidateAsync(UserManager<LifecycleUser> users, string email, string displayName, string password)
    {
        var address = email.Trim();
        if (address.Length > MaxEmailLength)
        {
            return Result.Invalid($"An email address has at most {MaxEmailLength} characters.", "email");
        }

        if (!MailAddress.TryCreate(address, out var parsed) || parsed.Address != address || TextRules.HasUnsafeCharacters(address, allowLineBreaks: false))
        {
            return Result.Invalid("Enter a valid email address.", "email");
        }

        if (TextRules.ValidateName(displayName, MaxDisplayNameLength) is { } invalidName)
        {
            return Result.Invalid(invalidName, "name");
        }

        foreach (var validator in users.PasswordValidators)
        {
            var outcome = await validator.ValidateAsync(users, null!, password);
            if (!outcome.Succeeded)
            {
                return Result.Invalid(string.Join(" ", outcome.Errors.Select(e => e.Description)), "password");
            }
        }

        return null;
    }

    public static LifecycleUser NewUser(string email, string displayName) => new()
    {
        UserName = email.Trim(),
        Email = email.Trim(),
        EmailConfirmed = true,
        DisplayName = displayName.Trim(),
    };

    public static Result Describe(IdentityResult failure) =>
        failure.Errors.Any(e => e.Code is "DuplicateUserName" or "DuplicateEmail")
            ? Result.Invalid("A user with this email address already exists.", "email")
            : Result.Invalid(string.Join(" ", failure.Errors.Select(e => e.Description)), "password");
}
