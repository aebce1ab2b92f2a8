using Lifecycle.Data.Common;

namespace Lifecycle.Data.Access;

/// <summary>
/// A user's effective rights: the union of their groups' permissions (SPEC A2), read at the time of the action. It also
/// answers what the user may hand out (SPEC A7): only rights they hold themselves, so nobody raises their own rights or
/// anyone else's beyond their own. Pages ask these questions to show only what is allowed; the use cases ask them again.
/// </summary>
public sealed class UserRights
{
    public static readonly UserRights None = new(false, []);

    private readonly IReadOnlyList<(Permission Permission, int? AppId)> _grants;

    public UserRights(bool isAdmin, IReadOnlyList<(Permission Permission, int? AppId)> grants)
    {
        IsAdmin = isAdmin;
        _grants = grants;
    }

    /// <summary>The rights a set of groups grants its members (each group with its permissions loaded).</summary>
    public static UserRights Of(IEnumerable<Group> groups)
    {
        var list = groups.ToList();
        return new UserRights(list.Any(g => g.GrantsEverything), [.. list.SelectMany(g => g.Permissions).Select(p => (p.Permission, p.AppId)).Distinct()]);
    }

    public bool IsAdmin { get; }

    /// <summary>Whether the user holds <paramref name="permission"/>, for <paramref name="appId"/> when it is a per-app permission.</summary>
    public bool Has(Permission permission, int? appId = null)
    {
        if (IsAdmin)
        {
            return true;
        }

        // Whoever may build, promote or release an app may also use it.
        if (permission == Permission.ViewApp && PermissionScopes.OpenVersions.Any(right => Has(right, appId)))
        {
            return true;
        }

        return _grants.Any(g => g.Permission == permission && (g.AppId is null || g.AppId == appId));
    }

    /// <summary>SPEC A6: the editor, the version list, the release history and a version's queries need one of <see cref="PermissionScopes.OpenVersions"/>.</summary>
    public bool MayOpenVersions(int appId) => PermissionScopes.OpenVersions.Any(permission => Has(permission, appId));

    /// <summary>
    /// The apps the user may view (as <see cref="Has"/> answers for <see cref="Permission.ViewApp"/>), for listing them a
    /// page at a time: null means every app (Admins, or an app right on all apps); otherwise the apps named by a grant.
    /// </summary>
    public IReadOnlySet<int>? ViewableAppIds =>
        IsAdmin || _grants.Any(g => g.AppId is null && PermissionScopes.PerApp.Contains(g.Permission))
            ? null
            : _grants.Where(g => g.AppId is not null && PermissionScopes.PerApp.Contains(g.Permission)).Select(g => g.AppId!.Value).ToHashSet();

    /// <summary>
    /// The apps whose versions the user may open (as <see cref="MayOpenVersions"/> answers), for listing them a page at a
    /// time: null means every app (Admins, or such a right on all apps); otherwise the apps named by a grant.
    /// </summary>
    public IReadOnlySet<int>? OpenableAppIds =>
        IsAdmin || _grants.Any(g => g.AppId is null && PermissionScopes.OpenVersions.Contains(g.Permission))
            ? null
            : _grants.Where(g => g.AppId is not null && PermissionScopes.OpenVersions.Contains(g.Permission)).Select(g => g.AppId!.Value).ToHashSet();

    /// <summary>Whether some app could be visible: lets the apps page skip the query for users with no app rights.</summary>
    public bool MayViewSomeApp => IsAdmin || _grants.Any(g => PermissionScopes.PerApp.Contains(g.Permission));

    /// <summary>Whether these rights include every one of <paramref name="other"/>; only Admins include an admin's.</summary>
    public bool Covers(UserRights other) => other.IsAdmin ? IsAdmin : FirstMissing(other) is null;

    /// <summary>SPEC A7: a group may be given only a right its giver holds (for that app, or for all apps).</summary>
    public Result MayGrant(Permission permission, int? appId) =>
        Has(permission, appId)
            ? Result.Success()
            : Result.Forbidden($"You may give a group only rights you hold yourself, and you do not hold {Describe(permission, appId)}.");

    /// <summary>SPEC A7: adding someone to a group hands out what the group grants; only Admins make someone an admin.</summary>
    public Result MayAddTo(Group group)
    {
        if (group.GrantsEverything)
        {
            return IsAdmin ? Result.Success() : Result.Forbidden($"Only Admins may add members to {group.Name}.");
        }

        return FirstMissing(Of([group])) is { } missing
            ? Result.Forbidden($"{group.Name} grants {Describe(missing.Permission, missing.AppId)}, which you do not hold yourself.")
            : Result.Success();
    }

    /// <summary>
    /// SPEC A7: changing an account (its password, whether it is enabled, its groups) lets the changer act as that user
    /// or decide what they may do, so it needs every right the account holds; only Admins change an admin's account.
    /// </summary>
    public Result MayActOn(UserRights account)
    {
        if (account.IsAdmin)
        {
            return IsAdmin ? Result.Success() : Result.Forbidden("Only Admins may change an admin's account.");
        }

        return FirstMissing(account) is { } missing
            ? Result.Forbidden($"This user holds {Describe(missing.Permission, missing.AppId)}, which you do not hold yourself.")
            : Result.Success();
    }

    private (Permission Permission, int? AppId)? FirstMissing(UserRights other) =>
        other._grants.Where(g => !Has(g.Permission, g.AppId)).Select(g => ((Permission, int?)?)g).FirstOrDefault();

    private static string Describe(Permission permission, int? appId) =>
        PermissionScopes.IsWorkspaceWide(permission) ? $"\"{PermissionScopes.Label(permission)}\""
        : appId is null ? $"\"{PermissionScopes.Label(permission)}\" on all apps"
        : $"\"{PermissionScopes.Label(permission)}\" on app {appId}";
}
