using Lifecycle.Data.Definitions;
using Lifecycle.Data.Environments;
using Lifecycle.Data.Releases;

namespace Lifecycle.Data.GitSync;

/// <summary>
/// An app as GitSync moves it between an instance and a repository (or an export file): its saved versions with their
/// definitions and environments, and its release history. Drafts are never part of it (SPEC G2: saved versions only).
/// </summary>
public sealed record AppSnapshot(string Name, string Slug, string? ReleasedVersion, IReadOnlyList<VersionSnapshot> Versions, IReadOnlyList<ReleaseLine> Releases)
{
    public VersionSnapshot? Version(string name) =>
        Versions.FirstOrDefault(v => string.Equals(v.Name, name, StringComparison.OrdinalIgnoreCase));
}

/// <summary>One saved version: who saved it and when, its parent's name, its environment and its definition.</summary>
public sealed record VersionSnapshot(
    string Name,
    string? Parent,
    string SavedBy,
    DateTime SavedAtUtc,
    string? Description,
    DeploymentEnvironment Environment,
    string DefinitionHash,
    AppDefinition Definition);

/// <summary>One row of an app's release history, by version name (SPEC V8), as <c>app.json</c> keeps it.</summary>
public sealed record ReleaseLine(string Version, DeploymentEnvironment Environment, ReleaseKind Kind, string By, DateTime At, string? Notes);
