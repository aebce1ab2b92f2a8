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
    public async Task<Actor?> GetAsync()
    {
        var state = await authentication.GetAuthenticationStateAsync();
        return From(state.User);
    }

    public static Actor? From(ClaimsPrincipal user)
    {
        var id = user.FindFirstValue(ClaimTypes.NameIdentifier);
        if (id is null)
        {
            return null;
        }

        var name = user.FindFirstValue(DisplayNameClaimsFactory.DisplayNameClaim) ?? user.Identity?.Name ?? "someone";
        return new Actor(id, name);
    }
}
