using System.Threading.RateLimiting;
using Lifecycle.Data.SignIn;
using Microsoft.AspNetCore.RateLimiting;

namespace Lifecycle.Web.Components.Account;

/// <summary>
/// Issue 4: sign-in attempts are rate limited per client IP address (on top of per-account lockout), so one address
/// cannot try passwords against many accounts. Only the form POST to the sign-in page counts. An IPv6 client counts as
/// its /64, as in the per-account lockout (decision 016).
/// </summary>
internal static class SignInRateLimit
{
    public const string LoginPath = "/Account/Login";

    public static IServiceCollection AddSignInRateLimit(this IServiceCollection services, IConfiguration configuration)
    {
        var permitsPerMinute = configuration.GetValue("SignIn:AttemptsPerMinutePerIp", 10);
        return services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                IsSignInAttempt(context.Request)
                    ? RateLimitPartition.GetFixedWindowLimiter(SignInThrottle.SourceOf(context.Connection.RemoteIpAddress?.ToString()), _ => new FixedWindowRateLimiterOptions
                    {
                        PermitLimit = permitsPerMinute,
                        Window = TimeSpan.FromMinutes(1),
                        QueueLimit = 0,
                    })
                    : RateLimitPartition.GetNoLimiter(""));
            options.OnRejected = async (context, cancellationToken) =>
            {
                context.HttpContext.Response.ContentType = "text/plain; charset=utf-8";
                await context.HttpContext.Response.WriteAsync("Too many sign-in attempts from your address. Wait a minute and try again.", cancellationToken);
            };
        });
    }

    internal static bool IsSignInAttempt(HttpRequest request) =>
        HttpMethods.IsPost(request.Method) && request.Path.Equals(LoginPath, StringComparison.OrdinalIgnoreCase);
}
