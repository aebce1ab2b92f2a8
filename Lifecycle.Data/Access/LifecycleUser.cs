using Lifecycle.Data.Common;
using Microsoft.AspNetCore.Identity;

namespace Lifecycle.Data.Access;

public sealed class LifecycleUser : IdentityUser
{
    public string DisplayName { get; set; } = "";

    /// <summary>Set while the account is disabled: it has no rights and cannot sign in (<see cref="Disable"/>).</summary>
    public DateTime? DisabledAtUtc { get; private set; }

    public bool IsDisabled => DisabledAtUtc is not null;

    /// <summary>Set while the password is one an admin was shown (new account, reset): the user must choose their own at sign-in.</summary>
    public bool MustChangePassword { get; set; }

    /// <summary>
    /// Nobody disables their own account, and the last active admin stays (SPEC A1, the rule of
    /// <see cref="Group.KeepsActiveMemberWithout"/>). <paramref name="admins"/> comes with its members and
    /// <paramref name="activeUserIds"/> names the enabled accounts among them. Ending the sessions is the caller's part.
    /// </summary>
    public Result Disable(string actorId, DateTime nowUtc, Group admins, IReadOnlySet<string> activeUserIds)
    {
        if (Id == actorId)
        {
            return Result.Conflict("You cannot disable your own account.");
        }

        var kept = admins.KeepsActiveMemberWithout(Id, activeUserIds);
        if (!kept.IsSuccess)
        {
            return kept;
        }

        DisabledAtUtc ??= nowUtc;
        return Result.Success();
    }

    public void Enable() => DisabledAtUtc = null;
}
