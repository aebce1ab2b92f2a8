using System.Globalization;
using System.Text;

namespace Lifecycle.Data.GitSync;

/// <summary>
/// Where things live in the repository (issue 11): one folder per app, named by its slug, with <c>app.json</c> and
/// <c>versions/&lt;version&gt;/</c> (<c>version.json</c>, <c>pages/&lt;handle&gt;.json</c>, <c>queries/&lt;name&gt;.json</c>);
/// the workspace's data sources and constants under <c>_workspace/</c> (a slug cannot start with "_", so no app folder
/// clashes with it); a tag <c>&lt;slug&gt;/&lt;version&gt;</c> per saved version.
/// </summary>
public static class RepositoryLayout
{
    public const string AppFile = "app.json";
    public const string VersionFile = "version.json";
    public const string WorkspaceFolder = "_workspace";
    public const string DataSourcesFolder = WorkspaceFolder + "/data-sources";
    public const string ConstantsFolder = WorkspaceFolder + "/constants";

    public static string AppFolder(string slug) => Segment(slug);

    public static string AppPath(string slug) => $"{AppFolder(slug)}/{AppFile}";

    public static string VersionFolder(string slug, string version) => $"{AppFolder(slug)}/versions/{Segment(version)}";

    public static string VersionPath(string slug, string version) => $"{VersionFolder(slug, version)}/{VersionFile}";

    public static string PagePath(string slug, string version, string handle) => $"{VersionFolder(slug, version)}/pages/{Segment(handle)}.json";

    public static string QueryPath(string slug, string version, string query) => $"{VersionFolder(slug, version)}/queries/{Segment(query)}.json";

    public static string DataSourcePath(string name) => $"{DataSourcesFolder}/{Segment(name)}.json";

    public static string ConstantPath(string name) => $"{ConstantsFolder}/{Segment(name)}.json";

    /// <summary>The tag of a saved version: <c>slug/version</c>, each part a valid git ref component.</summary>
    public static string Tag(string slug, string version) => $"{Segment(slug)}/{Segment(version)}";

    /// <summary>
    /// A name as one path segment and git ref component. Letters, digits, "_" and "-" stay; a "." stays unless it
    /// starts the segment, follows another "." or ends it (so "..", hidden files and ".lock" endings cannot occur);
    /// every other character (space, "/", "%", ...) becomes %XX of its UTF-8 bytes. Distinct names stay distinct, and
    /// version names (letters, digits, space, ". _ -") read back from their folder.
    /// </summary>
    public static string Segment(string name)
    {
        var builder = new StringBuilder();
        for (var index = 0; index < name.Length; index++)
        {
            var character = name[index];
            var keep = char.IsLetterOrDigit(character) && !char.IsSurrogate(character) || character is '_' or '-'
                || character == '.' && index > 0 && index < name.Length - 1 && name[index - 1] != '.';
            if (keep)
            {
                builder.Append(character);
                continue;
            }

            var length = char.IsSurrogatePair(name, index) ? 2 : 1;
            foreach (var b in Encoding.UTF8.GetBytes(name.Substring(index, length)))
            {
                builder.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }

            index += length - 1;
        }

        var segment = builder.ToString();
        return segment.EndsWith(".lock", StringComparison.Ordinal) ? segment[..^5] + "%2Elock" : segment;
    }

    /// <summary>The app folder and version folder of a repository path inside an app, or null for other paths.</summary>
    public static (string AppFolder, string? VersionFolder)? Locate(string path)
    {
        var parts = path.Split('/');
        if (parts.Length < 2 || parts[0] == WorkspaceFolder)
        {
            return null;
        }

        return parts.Length >= 4 && parts[1] == "versions" ? (parts[0], parts[2]) : (parts[0], null);
    }
}
