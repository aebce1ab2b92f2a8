using Lifecycle.Data.Common;
using Lifecycle.Data.SignIn;
using Lifecycle.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Lifecycle.Tests.Integration;

/// <summary>
/// Issue 7, decision 016: known and unknown emails answered differently (and at different speeds), and anyone could
/// lock any admin out with five requests every five minutes.
/// </summary>
public sealed class SignInTests
{
    private const string AdminEmail = "ada@lifecycle.test";
    private const string Stranger = "203.0.113.7";
    private const string AdminsDesk = "198.51.100.20";

    [Fact]
    public async Task EveryFailureAnswersTheSameAndDisabledIsSaidOnlyAfterTheRightPassword()
    {
        await using var workspace = await TestWorkspace.StartAsync();
        var bea = await workspace.AddBuilderAsync("Bea Builder");
        ResultAssert.Ok(await workspace.UserAdmin.DisableAsync(workspace.Admin, bea.UserId));
        var signIn = workspace.Get<PasswordSignIn>();

        var answers = new[]
        {
            await signIn.CheckAsync("nobody@lifecycle.test", TestWorkspace.Password, Stranger),
            await signIn.CheckAsync(AdminEmail, "wrong password", Stranger),
            await signIn.CheckAsync("bea.builder@lifecycle.test", "wrong password", Stranger),
            await signIn.CheckAsync("", "anything", Stranger),
        };

        Assert.All(answers, a => Assert.Equal(PasswordCheck.WrongCredentialsMessage, a.Message));
        Assert.All(answers, a => Assert.Null(a.User));
        Assert.Equal(PasswordCheck.DisabledMessage, (await signIn.CheckAsync("bea.builder@lifecycle.test", TestWorkspace.Password, Stranger)).Message);
        Assert.Equal(workspace.Admin.UserId, (await signIn.CheckAsync(" ada@lifecycle.test ", TestWorkspace.Password, AdminsDesk)).User?.Id);
    }

    [Fact]
    public async Task AStrangersFailuresLockOutOnlyTheStrangersAddressNeverTheAdmin()
    {
        var clock = new ManualClock();
        await using var workspace = await TestWorkspace.StartAsync(services => services.AddSingleton<TimeProvider>(clock));
        var signIn = workspace.Get<PasswordSignIn>();

        for (var attempt = 1; attempt <= 5; attempt++)
        {
            Assert.Equal(SignInOutcome.WrongCredentials, (await signIn.CheckAsync(AdminEmail, $"guess {attempt}", Stranger)).Outcome);
        }

        Assert.Equal(SignInOutcome.LockedOut, (await signIn.CheckAsync(AdminEmail, TestWorkspace.Password, Stranger)).Outcome); // even the right password
        Assert.Equal(SignInOutcome.SignedIn, (await signIn.CheckAsync(AdminEmail, TestWorkspace.Password, AdminsDesk)).Outcome); // the admin is not kept out

        clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(SignInOutcome.SignedIn, (await signIn.CheckAsync(AdminEmail, TestWorkspace.Password, Stranger)).Outcome);
    }

    [Fact]
    public async Task ALockedOutAddressGetsTheSameAnswerForAnEmailThatHasNoAccount()
    {
        // The lockout itself tells nothing about which emails exist.
        await using var workspace = await TestWorkspace.StartAsync();
        var signIn = workspace.Get<PasswordSignIn>();
        foreach (var email in new[] { AdminEmail, "nobody@lifecycle.test" })
        {
            for (var attempt = 1; attempt <= 5; attempt++)
            {
                await signIn.CheckAsync(email, $"guess {attempt}", Stranger);
            }

            Assert.Equal(PasswordCheck.LockedOutMessage, (await signIn.CheckAsync(email, "another guess", Stranger)).Message);
        }
    }

    [Fact]
    public async Task AnIPv6ClientCountsAsItsWhole64()
    {
        await using var workspace = await TestWorkspace.StartAsync();
        var signIn = workspace.Get<PasswordSignIn>();
        for (var host = 1; host <= 5; host++)
        {
            await signIn.CheckAsync(AdminEmail, "guess", $"2001:db8:1:2::{host:x}");
        }

        Assert.Equal(SignInOutcome.LockedOut, (await signIn.CheckAsync(AdminEmail, TestWorkspace.Password, "2001:db8:1:2:ffff::1")).Outcome);
        Assert.Equal(SignInOutcome.SignedIn, (await signIn.CheckAsync(AdminEmail, TestWorkspace.Password, "2001:db8:1:3::1")).Outcome);
        Assert.Equal("2001:db8:1:2::/64", SignInThrottle.SourceOf("2001:db8:1:2:abcd::9"));
        Assert.Equal("10.0.0.1", SignInThrottle.SourceOf("::ffff:10.0.0.1"));
    }

    [Fact]
    public async Task WrongCurrentPasswordsWhenChangingThePasswordCountLikeFailedSignIns()
    {
        await using var workspace = await TestWorkspace.StartAsync();
        var admin = workspace.Admin with { ClientIp = Stranger }; // a stolen session guessing the password
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            ResultAssert.Failed(ResultStatus.Invalid, await workspace.UserAdmin.ChangeOwnPasswordAsync(admin, $"guess {attempt}", "a new password"), "currentPassword");
        }

        var refused = await workspace.UserAdmin.ChangeOwnPasswordAsync(admin, TestWorkspace.Password, "a new password");
        ResultAssert.Failed(ResultStatus.Invalid, refused, "currentPassword");
        Assert.Equal(PasswordCheck.LockedOutMessage, refused.Error);
        Assert.Equal(SignInOutcome.LockedOut, (await workspace.Get<PasswordSignIn>().CheckAsync(AdminEmail, TestWorkspace.Password, Stranger)).Outcome);
        ResultAssert.Ok(await workspace.UserAdmin.ChangeOwnPasswordAsync(workspace.Admin with { ClientIp = AdminsDesk }, TestWorkspace.Password, "a new password"));
    }
}
