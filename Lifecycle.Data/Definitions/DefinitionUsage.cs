using Lifecycle.Data.Persistence;
using Lifecycle.Data.Versions;
using Microsoft.EntityFrameworkCore;

namespace Lifecycle.Data.Definitions;

/// <summary>
/// Which saved versions use a constant or a data source (SPEC E3's references). A saved version cannot change (SPEC V5),
/// so renaming or deleting what it uses would break it for good; the workspace use cases refuse that and name the versions.
/// </summary>
public static class DefinitionUsage
{
    /// <summary>"App vN" for every saved version whose definition matches, in app and version order.</summary>
    public static async Task<IReadOnlyList<string>> SavedVersionsUsingAsync(LifecycleDbContext db, DefinitionStore definitions, Func<DefinitionReferences, bool> uses, CancellationToken cancellationToken)
    {
        var saved = await (from version in db.Versions.AsNoTracking()
                           join app in db.Apps.AsNoTracking() on version.AppId equals app.Id
                           where version.State == VersionState.Saved
                           orderby app.Name, version.Id
                           select new { AppName = app.Name, version.Name, version.DefinitionHash }).ToListAsync(cancellationToken);
        var inUse = new List<string>();
        // Versions share content by hash (SPEC D4): read each root once; it keeps the references (decision 018).
        foreach (var group in saved.GroupBy(v => v.DefinitionHash))
        {
            if (uses(await definitions.ReferencesAsync(db, group.Key, cancellationToken)))
            {
                inUse.AddRange(group.Select(v => $"{v.AppName} {v.Name}"));
            }
        }

        return [.. saved.Select(v => $"{v.AppName} {v.Name}").Where(inUse.Contains).Distinct()];
    }

    /// <summary>The refusal that names the saved versions in the way.</summary>
    public static string InUseMessage(string what, IReadOnlyList<string> versions) =>
        $"{what} is used by saved {(versions.Count == 1 ? "version" : "versions")} {string.Join(", ", versions)}, which cannot change. Create new versions that do not use it first.";
}
