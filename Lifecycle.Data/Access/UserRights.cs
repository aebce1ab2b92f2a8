namespace Lifecycle.Data.Access;

/// <summary>A user's effective rights: the union of their groups' permissions (SPEC A2), read at the time of the action.</summary>
public sealed class UserRights
{
    public static readonly UserRights None = new(false, []);

    private readonly IReadOnlyList<(Permission Permission, int? AppId)> _grants;

    public UserRights(bool isAdmin, IReadOnlyList<(Permission Permission, int? AppId)> grants)
    {
        IsAdmin = isAdmin;
        _grants = grants;
    }

    public bool IsAdmin { get; }

    /// <summary>Whether the user holds <paramref name="permission"/>, for <paramref name="appId"/> when it is a per-app permission.</summary>
    public bool Has(Permission permission, int? appId = null)
    {
        if (IsAdmin)
        {
            return true;
        }

        if (permission == Permission.ViewApp && Has(Permission.EditApp, appId))
        {
            return true; // whoever may edit an app may see it
        }

        return _grants.Any(g => g.Permission == permission && (g.AppId is null || g.AppId == appId));
    }

    /// <summary>Whether some app could be visible: lets the apps page skip the query for users with no app rights.</summary>
    public bool MayViewSomeApp => IsAdmin || _grants.Any(g => g.Permission is Permission.ViewApp or Permission.EditApp);
}
