using System.Security.Claims;
using Lifecycle.Web.Components.Account;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Lifecycle.Tests.Support;

namespace Lifecycle.Tests.Domain;

/// <summary>
/// A cookie's security stamp is looked at by Identity's rule, once its interval has passed since the cookie was issued;
/// before that, the check (and the managers and DbContext it is built with) is not asked for at all (issue 12).
/// </summary>
public sealed class SecurityStampCheckTests
{
    private static readonly ManualClock Clock = new();

    private static DateTimeOffset Now => Clock.GetUtcNow();

    [Theory]
    [InlineData(0, false)]
    [InlineData(59, false)]
    [InlineData(60, false)]
    [InlineData(61, true)]
    [InlineData(3600, true)]
    public void The_check_is_due_once_the_interval_has_passed_since_the_cookie_was_issued(int secondsSinceIssued, bool due)
    {
        var context = Context(Now.AddSeconds(-secondsSinceIssued));

        Assert.Equal(due, ServerSessions.StampCheckIsDue(context));
    }

    [Fact]
    public void A_cookie_without_an_issue_time_is_always_checked() =>
        Assert.True(ServerSessions.StampCheckIsDue(Context(issued: null)));

    private static CookieValidatePrincipalContext Context(DateTimeOffset? issued)
    {
        var services = new ServiceCollection()
            .Configure<SecurityStampValidatorOptions>(options =>
            {
                options.ValidationInterval = TimeSpan.FromMinutes(1);
                options.TimeProvider = Clock;
            })
            .BuildServiceProvider();
        var http = new DefaultHttpContext { RequestServices = services };
        var scheme = new AuthenticationScheme(IdentityConstants.ApplicationScheme, null, typeof(CookieAuthenticationHandler));
        var ticket = new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity("test")), new AuthenticationProperties { IssuedUtc = issued }, scheme.Name);
        return new CookieValidatePrincipalContext(http, scheme, new CookieAuthenticationOptions(), ticket);
    }
}
