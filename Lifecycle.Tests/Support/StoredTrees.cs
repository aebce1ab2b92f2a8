using Lifecycle.Data.Definitions;
using Lifecycle.Data.Persistence;
using Lifecycle.Data.Versions;
using Microsoft.EntityFrameworkCore;

namespace Lifecycle.Tests.Support;

/// <summary>
/// Walks every version's definition tree in the database itself, never through a cache (SPEC D4, decisions 018, 020): the
/// root, its pages and queries, each page's component sequence and its components. Used after races and crashes to show
/// that no version, draft or release points at an object that is not stored.
/// </summary>
public static class StoredTrees
{
    /// <summary>Every object a version reaches that is not stored, one line each; empty when every tree is whole.</summary>
    public static async Task<IReadOnlyList<string>> MissingObjectsAsync(LifecycleDbContext db)
    {
        var versions = await db.Versions.AsNoTracking().Select(v => new { v.Id, v.Name, v.DefinitionHash }).ToListAsync();
        var stored = new HashSet<string>((await db.DefinitionObjects.AsNoTracking().Select(o => o.Hash).ToListAsync()).Select(ObjectKey.ToHex), StringComparer.Ordinal);
        var problems = new List<string>();
        var walked = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var version in versions)
        {
            if (!walked.TryGetValue(version.DefinitionHash, out var missing))
            {
                missing = await WalkAsync(db, version.DefinitionHash, stored);
                walked[version.DefinitionHash] = missing;
            }

            problems.AddRange(missing.Select(what => $"version {version.Id} ({version.Name}) reaches a missing {what}"));
        }

        problems.AddRange(await ReleasesPointingAwayAsync(db));
        return problems;
    }

    /// <summary>An app's released version must exist in that app, be saved and in production (SPEC V6).</summary>
    private static async Task<IEnumerable<string>> ReleasesPointingAwayAsync(LifecycleDbContext db)
    {
        var released = await db.Apps.AsNoTracking().Where(a => a.ReleasedVersionId != null)
            .Select(a => new { a.Id, a.ReleasedVersionId, Version = db.Versions.FirstOrDefault(v => v.Id == a.ReleasedVersionId) })
            .ToListAsync();
        return released
            .Where(a => a.Version is null || a.Version.AppId != a.Id || a.Version.State != VersionState.Saved || a.Version.Environment != Data.Environments.DeploymentEnvironment.Production)
            .Select(a => $"app {a.Id} is released at version {a.ReleasedVersionId}, which is not a saved version of it in production");
    }

    private static async Task<List<string>> WalkAsync(LifecycleDbContext db, string rootHash, HashSet<string> stored)
    {
        var missing = new List<string>();
        if (await ReadAsync<RootObject>(db, rootHash, stored) is not { } root)
        {
            missing.Add($"root {rootHash}");
            return missing;
        }

        missing.AddRange(root.Queries.Where(hash => !stored.Contains(hash)).Select(hash => $"query {hash}"));
        foreach (var pageHash in root.Pages)
        {
            if (await ReadAsync<PageObject>(db, pageHash, stored) is not { } page)
            {
                missing.Add($"page {pageHash}");
                continue;
            }

            var nodes = new Stack<string>([page.Components]);
            while (nodes.TryPop(out var nodeHash))
            {
                if (await ReadResolvedAsync(db, nodeHash, stored) is not { } read)
                {
                    missing.Add($"component sequence node {nodeHash}");
                    continue;
                }

                var node = ObjectCodec.Decode<SequenceNode>(read.Json);
                if (node.Level == 0 && read.Form.HoldsComponents)
                {
                    continue; // its row holds its components (decision 048): reading it rebuilt them and checked the leaf's hash
                }

                foreach (var child in node.Children)
                {
                    if (node.Level > 0)
                    {
                        nodes.Push(child);
                    }
                    else if (!stored.Contains(child))
                    {
                        missing.Add($"component {child}"); // a leaf stored before lists components in rows of their own
                    }
                }
            }
        }

        return missing;
    }

    private static async Task<T?> ReadAsync<T>(LifecycleDbContext db, string hash, HashSet<string> stored)
        where T : class => await ReadResolvedAsync(db, hash, stored) is { } read ? ObjectCodec.Decode<T>(read.Json) : null;

    private static async Task<ResolvedObject?> ReadResolvedAsync(LifecycleDbContext db, string hash, HashSet<string> stored)
    {
        if (!stored.Contains(hash))
        {
            return null;
        }

        try
        {
            // Resolves a node stored as a delta with its base, read from the database as well (decision 039).
            var rows = await ObjectTable.ReadResolvedAsync(db, [hash], _ => null, CancellationToken.None);
            return rows.GetValueOrDefault(hash);
        }
        catch (DefinitionObjectMissingException)
        {
            return null; // the base of its delta is gone: the object cannot be read, so it counts as missing
        }
    }
}
