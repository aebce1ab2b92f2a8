using Lifecycle.Data.Definitions;
using Lifecycle.Data.Environments;

namespace Lifecycle.Data.Versions;

/// <summary>A version as the version list shows it: name, state, environment, who created it and when, who changed it last.</summary>
public sealed record VersionSummary(
    int Id,
    int AppId,
    string Name,
    DisplayedVersionState State,
    DeploymentEnvironment Environment,
    string? Description,
    int? ParentVersionId,
    DateTime UpdatedAtUtc,
    string UpdatedByName,
    DateTime CreatedAtUtc,
    string CreatedByName)
{
    public bool IsEditable => State == DisplayedVersionState.Draft;

    internal static VersionSummary Of(AppVersion version, int? releasedVersionId, string? createdByName) => new(
        version.Id,
        version.AppId,
        version.Name,
        releasedVersionId == version.Id ? DisplayedVersionState.Released
            : version.State == VersionState.Saved ? DisplayedVersionState.Saved
            : DisplayedVersionState.Draft,
        version.Environment,
        version.Description,
        version.ParentVersionId,
        version.UpdatedAtUtc,
        version.UpdatedByName,
        version.CreatedAtUtc,
        createdByName ?? "a removed user");
}

/// <summary>A version opened in the editor: its definition and the revision that an edit must be based on (SPEC V4).</summary>
public sealed record VersionDetail(VersionSummary Summary, AppDefinition Definition, int Revision);
