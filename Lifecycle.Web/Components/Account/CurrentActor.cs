using System.Security.Claims;
using Lifecycle.Data.Access;
using Microsoft.AspNetCore.Components.Authorization;

namespace Lifecycle.Web.Components.Account;

/// <summary>
/// The signed-in user as an <see cref="Actor"/> for the use cases. Only identifies the user: what they may do is
/// decided by the use cases from the database at the time of each action (SPEC A3).
/// </summary>
public sealed class CurrentActor(AuthenticationStateProvider authentication)
{
    /// <summary>Set by the root component from the request that started the circuit; only recorded in the audit log.</summary>
    public string? ClientIp { get; set; }

    public async Task<Actor?> GetAsync()
    {
        var state = await authentication.GetAuthenticationStateAsync();
        return From(state.User, ClientIp);
    }

    public static Actor? From(ClaimsPrincipal user, string? clientIp = null)
    {
        var id = user.FindFirstValue(ClaimTypes.NameIdentifier);
        if (id is null)
        {
            return null;
        }

        var name = user.FindFirstValue(DisplayNameClaimsFactory.DisplayNameClaim) ?? user.Identity?.Name ?? "someone";
        return new Actor(id, name, clientIp);
    }
}
