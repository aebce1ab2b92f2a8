using System.Collections.Immutable;
using System.Text.Json;
using Lifecycle.Data.Definitions;
using Lifecycle.Data.Environments;

namespace Lifecycle.Data.GitSync;

/// <summary>
/// Turns an <see cref="AppSnapshot"/> into the files of its app folder and back (issue 11's layout). Pure: no git,
/// no database. A version's files never change once written (a saved version is immutable), so only <c>app.json</c>
/// changes when a version is promoted or released.
/// </summary>
public static class RepositoryFiles
{
    public const string SavedState = "saved";

    /// <summary><c>app.json</c>: name, slug, the released version's settings, the released version, each version's environment, the release history.</summary>
    public sealed record AppFile(
        string Name,
        string Slug,
        AppSettings? Settings,
        string? ReleasedVersion,
        IReadOnlyDictionary<string, VersionPlacement> Versions,
        IReadOnlyList<ReleaseLine> Releases);

    public sealed record VersionPlacement(DeploymentEnvironment Environment);

    /// <summary><c>version.json</c>: state, parent, who saved it and when, description, and what rebuilds the definition exactly.</summary>
    public sealed record VersionFile(
        string Name,
        string State,
        string? Parent,
        string SavedBy,
        DateTime SavedAt,
        string? Description,
        string DefinitionHash,
        int SchemaVersion,
        AppSettings Settings,
        IReadOnlyList<string> Pages,
        IReadOnlyList<string> Queries);

    /// <summary>Every file of the app's folder, by repository path.</summary>
    public static IReadOnlyDictionary<string, string> Write(AppSnapshot app)
    {
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            [RepositoryLayout.AppPath(app.Slug)] = GitSyncJson.Write(AppFileOf(app)),
        };
        foreach (var version in app.Versions)
        {
            foreach (var (path, text) in WriteVersion(app.Slug, version))
            {
                files[path] = text;
            }
        }

        return files;
    }

    public static AppFile AppFileOf(AppSnapshot app)
    {
        var released = app.ReleasedVersion is null ? null : app.Version(app.ReleasedVersion);
        return new AppFile(
            app.Name,
            app.Slug,
            released?.Definition.Settings,
            app.ReleasedVersion,
            app.Versions.ToImmutableSortedDictionary(v => v.Name, v => new VersionPlacement(v.Environment), StringComparer.Ordinal),
            [.. app.Releases.Select(r => r with { At = Utc(r.At) })]);
    }

    public static IEnumerable<(string Path, string Text)> WriteVersion(string slug, VersionSnapshot version)
    {
        var definition = version.Definition;
        var file = new VersionFile(
            version.Name,
            SavedState,
            version.Parent,
            version.SavedBy,
            Utc(version.SavedAtUtc),
            version.Description,
            version.DefinitionHash,
            definition.SchemaVersion,
            definition.Settings,
            [.. definition.Pages.Select(p => p.Handle)],
            [.. definition.Queries.Select(q => q.Name)]);
        yield return (RepositoryLayout.VersionPath(slug, version.Name), GitSyncJson.Write(file));
        foreach (var page in definition.Pages)
        {
            yield return (RepositoryLayout.PagePath(slug, version.Name, page.Handle), GitSyncJson.Write(page));
        }

        foreach (var query in definition.Queries)
        {
            yield return (RepositoryLayout.QueryPath(slug, version.Name, query.Name), GitSyncJson.Write(query));
        }
    }

    /// <summary>The apps found in a repository's files; an app or version whose files cannot be read is reported, not guessed.</summary>
    public static (IReadOnlyList<AppSnapshot> Apps, IReadOnlyList<string> Problems) Read(IReadOnlyDictionary<string, string> files)
    {
        var apps = new List<AppSnapshot>();
        var problems = new List<string>();
        foreach (var appPath in files.Keys.Where(p => p.Count(c => c == '/') == 1 && p.EndsWith("/" + RepositoryLayout.AppFile, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            var folder = appPath[..appPath.IndexOf('/')];
            try
            {
                apps.Add(ReadApp(files, folder, GitSyncJson.Read<AppFile>(files[appPath]), problems));
            }
            catch (Exception exception) when (exception is JsonException or NotSupportedException)
            {
                problems.Add($"{appPath} cannot be read: {exception.Message}");
            }
        }

        return (apps, problems);
    }

    private static AppSnapshot ReadApp(IReadOnlyDictionary<string, string> files, string folder, AppFile app, List<string> problems)
    {
        var versions = new List<VersionSnapshot>();
        foreach (var (name, placement) in app.Versions)
        {
            var versionFolder = $"{folder}/versions/{RepositoryLayout.Segment(name)}";
            try
            {
                versions.Add(ReadVersion(files, versionFolder, placement.Environment));
            }
            catch (Exception exception) when (exception is JsonException or KeyNotFoundException or NotSupportedException)
            {
                problems.Add($"{app.Slug} {name} cannot be read from {versionFolder}: {exception.Message}");
            }
        }

        return new AppSnapshot(app.Name, app.Slug, app.ReleasedVersion, [.. versions.OrderBy(v => v.SavedAtUtc).ThenBy(v => v.Name, StringComparer.Ordinal)], app.Releases);
    }

    private static VersionSnapshot ReadVersion(IReadOnlyDictionary<string, string> files, string folder, DeploymentEnvironment environment)
    {
        string? ReadFile(string path) => files.GetValueOrDefault(path);
        var file = GitSyncJson.Read<VersionFile>(Require(ReadFile, $"{folder}/{RepositoryLayout.VersionFile}"));
        return new VersionSnapshot(file.Name, file.Parent, file.SavedBy, Utc(file.SavedAt), file.Description, environment, file.DefinitionHash, ReadDefinition(file, folder, ReadFile));
    }

    /// <summary>
    /// The definition that a version folder holds: <paramref name="file"/>'s own fields with the pages and queries it
    /// lists, read through <paramref name="readFile"/> (null for a missing file, which throws <see cref="KeyNotFoundException"/>).
    /// </summary>
    public static AppDefinition ReadDefinition(VersionFile file, string folder, Func<string, string?> readFile)
    {
        var pages = file.Pages.Select(handle => GitSyncJson.Read<PageDefinition>(Require(readFile, $"{folder}/pages/{RepositoryLayout.Segment(handle)}.json")));
        var queries = file.Queries.Select(name => GitSyncJson.Read<QueryDefinition>(Require(readFile, $"{folder}/queries/{RepositoryLayout.Segment(name)}.json")));
        return new AppDefinition(file.SchemaVersion, [.. pages], [.. queries], file.Settings);
    }

    private static string Require(Func<string, string?> readFile, string path) =>
        readFile(path) ?? throw new KeyNotFoundException($"{path} is missing.");

    /// <summary>
    /// Multi-instance (SPEC G5): <c>app.json</c> as this instance writes it over the one in the repository. Versions are
    /// the union, each in the further environment of the two (environments never move back, SPEC E2); the release history
    /// is the union in time order, and the released version is the one of its last entry. Name and settings are ours.
    /// </summary>
    public static AppFile Merge(AppFile ours, AppFile? theirs)
    {
        if (theirs is null)
        {
            return ours;
        }

        var versions = theirs.Versions.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        foreach (var (name, placement) in ours.Versions)
        {
            versions[name] = versions.TryGetValue(name, out var recorded) && recorded.Environment > placement.Environment ? recorded : placement;
        }

        var releases = theirs.Releases.Concat(ours.Releases)
            .Select(r => r with { At = Utc(r.At) })
            .Distinct()
            .OrderBy(r => r.At).ThenBy(r => r.Version, StringComparer.Ordinal)
            .ToList();
        var released = releases.Count > 0 ? releases[^1].Version : ours.ReleasedVersion ?? theirs.ReleasedVersion;
        var settings = released == ours.ReleasedVersion ? ours.Settings : theirs.Settings ?? ours.Settings;
        return ours with
        {
            Versions = versions.ToImmutableSortedDictionary(StringComparer.Ordinal),
            Releases = releases,
            ReleasedVersion = released,
            Settings = settings,
        };
    }

    internal static DateTime Utc(DateTime value) => DateTime.SpecifyKind(value, DateTimeKind.Utc);
}
