using Microsoft.AspNetCore.Identity;

namespace Lifecycle.Data.Access;

public sealed class LifecycleUser : IdentityUser
{
    public string DisplayName { get; set; } = "";
}
