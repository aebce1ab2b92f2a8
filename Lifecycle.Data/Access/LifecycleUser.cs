using Microsoft.AspNetCore.Identity;

namespace Lifecycle.Data.Access;

public sealed class LifecycleUser : IdentityUser
{
    public string DisplayName { get; set; } = "";

    /// <summary>Set while an admin has disabled the account: it has no rights and cannot sign in.</summary>
    public DateTime? DisabledAtUtc { get; set; }

    public bool IsDisabled => DisabledAtUtc is not null;

    /// <summary>Set while the password is one an admin was shown (new account, reset): the user must choose their own at sign-in.</summary>
    public bool MustChangePassword { get; set; }
}
