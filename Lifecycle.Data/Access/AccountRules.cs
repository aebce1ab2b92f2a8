using System.Net.Mail;
using Lifecycle.Data.Common;
using Microsoft.AspNetCore.Identity;

namespace Lifecycle.Data.Access;

/// <summary>Checks shared by every path that creates an account (first-run setup, admin pages).</summary>
internal static class AccountRules
{
    public const int MaxDisplayNameLength = 100;

    public static async Task<Result?> ValidateAsync(UserManager<LifecycleUser> users, string email, string displayName, string password)
    {
        if (!MailAddress.TryCreate(email.Trim(), out var parsed) || parsed.Address != email.Trim())
        {
            return Result.Invalid("Enter a valid email address.", "email");
        }

        var name = displayName.Trim();
        if (name.Length is 0 or > MaxDisplayNameLength)
        {
            return Result.Invalid($"Enter a name of 1 to {MaxDisplayNameLength} characters.", "name");
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
