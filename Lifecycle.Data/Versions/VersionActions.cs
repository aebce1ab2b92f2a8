using Lifecycle.Data.Access;
using Lifecycle.Data.Environments;
using Lifecycle.Data.Releases;

namespace Lifecycle.Data.Versions;

/// <summary>What a user can do with one version from the editor's header and version list.</summary>
public enum VersionAction
{
    Save,
    Promote,
    Release,
    CreateVersion,
    Rename,
    Delete,
}

/// <summary>The facts about the app that the version rules need besides the version itself.</summary>
public sealed record AppFacts(int VersionCount);

/// <summary>
/// The domain's answer to "what may this user do with this version now" (SPEC V5, V6, V9, E2, A2): every allowed
/// action and the single next step of the life cycle. Pages render this answer instead of re-deriving the rules;
/// the use cases still check everything again when the action runs (SPEC A3).
/// </summary>
public sealed record VersionActions(VersionAction? Next, IReadOnlySet<VersionAction> Allowed, DeploymentEnvironment? PromotionTarget)
{
    public bool Allows(VersionAction action) => Allowed.Contains(action);

    public static VersionActions For(VersionSummary version, UserRights rights, AppFacts app)
    {
        var allowed = new HashSet<VersionAction>();
        var mayEdit = rights.Has(Permission.EditApp, version.AppId);
        var isDraft = version.State == DisplayedVersionState.Draft;
        var target = isDraft ? null : EnvironmentOrder.Next(version.Environment);

        if (mayEdit)
        {
            allowed.Add(VersionAction.CreateVersion);
        }

        if (mayEdit && isDraft)
        {
            allowed.Add(VersionAction.Save);
            allowed.Add(VersionAction.Rename); // SPEC V9: drafts only
        }

        // SPEC V9: neither the released version nor the app's only version can be deleted.
        if (mayEdit && AppVersion.CanDelete(version.Name, version.State == DisplayedVersionState.Released, app.VersionCount > 1).IsSuccess)
        {
            allowed.Add(VersionAction.Delete);
        }

        // SPEC E2: saved versions move one step; the permission depends on the target (SPEC A2).
        if (target is { } next && rights.Has(EnvironmentOrder.PromotionPermission(next), version.AppId))
        {
            allowed.Add(VersionAction.Promote);
        }

        if (rights.Has(Permission.ReleaseApp, version.AppId)
            && ReleasePolicy.CanRelease(version.State == DisplayedVersionState.Draft, version.Environment, version.State == DisplayedVersionState.Released, version.Name).IsSuccess)
        {
            allowed.Add(VersionAction.Release);
        }

        return new VersionActions(NextOf(version, allowed), allowed, allowed.Contains(VersionAction.Promote) ? target : null);
    }

    /// <summary>The life cycle's next step for this version, when the user may take it: save a draft, promote, then release.</summary>
    private static VersionAction? NextOf(VersionSummary version, HashSet<VersionAction> allowed)
    {
        VersionAction? step = version.State switch
        {
            DisplayedVersionState.Draft => VersionAction.Save,
            DisplayedVersionState.Saved when version.Environment != DeploymentEnvironment.Production => VersionAction.Promote,
            DisplayedVersionState.Saved => VersionAction.Release,
            _ => null,
        };
        return step is { } action && allowed.Contains(action) ? action : null;
    }
}
