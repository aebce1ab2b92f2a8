using System.Security.Cryptography;
using Lifecycle.Data.Access;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Lifecycle.Data.SignIn;

public enum SignInOutcome
{
    SignedIn,
    WrongCredentials,
    LockedOut,
    Disabled,
}

/// <summary>What a password check answered; <see cref="User"/> only when the user may be signed in.</summary>
public sealed record PasswordCheck(SignInOutcome Outcome, LifecycleUser? User = null)
{
    public const string WrongCredentialsMessage = "Wrong email or password.";
    public const string LockedOutMessage = "Too many failed attempts from your address. Wait a few minutes and try again.";
    public const string DisabledMessage = "This account is disabled. Ask an admin.";

    public string? Message => Outcome switch
    {
        SignInOutcome.WrongCredentials => WrongCredentialsMessage,
        SignInOutcome.LockedOut => LockedOutMessage,
        SignInOutcome.Disabled => DisabledMessage,
        _ => null,
    };
}

/// <summary>
/// Issue 7, decision 016: the one password check of sign-in. Every failure looks the same from outside: an unknown
/// email, a wrong password, a disabled account all hash one password (a dummy one when there is no account) and answer
/// <see cref="PasswordCheck.WrongCredentialsMessage"/>; that an account is disabled is said only to whoever gave its
/// correct password. Failures count per email and source address (<see cref="SignInThrottle"/>); a locked-out source
/// gets the same answer for every email, without a password being checked.
/// </summary>
public sealed class PasswordSignIn(IServiceScopeFactory scopes, SignInThrottle throttle)
{
    private string? _dummyHash;

    public async Task<PasswordCheck> CheckAsync(string email, string password, string? clientIp)
    {
        var account = email.Trim();
        if (throttle.IsLockedOut(account, clientIp))
        {
            return new PasswordCheck(SignInOutcome.LockedOut);
        }

        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<LifecycleUser>>();
        var user = account.Length == 0 ? null : await users.FindByEmailAsync(account);
        var correct = user is null
            ? HashAsIfForAUser(users.PasswordHasher, password)
            : await users.CheckPasswordAsync(user, password); // also upgrades an older hash (decision 010)
        if (!correct)
        {
            throttle.RecordFailure(account, clientIp);
            return new PasswordCheck(SignInOutcome.WrongCredentials);
        }

        throttle.Reset(account, clientIp);
        return user!.IsDisabled ? new PasswordCheck(SignInOutcome.Disabled) : new PasswordCheck(SignInOutcome.SignedIn, user);
    }

    /// <summary>Spends the time a real check spends, so an unknown email cannot be told apart by the answer's speed; always false.</summary>
    private bool HashAsIfForAUser(IPasswordHasher<LifecycleUser> hasher, string password)
    {
        var nobody = new LifecycleUser();
        _dummyHash ??= hasher.HashPassword(nobody, RandomNumberGenerator.GetHexString(32));
        hasher.VerifyHashedPassword(nobody, _dummyHash, password);
        return false;
    }
}
