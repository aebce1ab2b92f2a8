using Lifecycle.CrashWorker;
using Lifecycle.Data.Audit;
using Lifecycle.Data.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Lifecycle.Tests.Integration.Reliability;

/// <summary>
/// What the crash suite compares (docs/reliability.md): each version's state, environment, revision and root; each app's
/// released version and release history (SPEC V6, V8); the allowed audit entries of lifecycle writes since a mark (SPEC
/// A4). Read from a database, or derived from facts read before by applying the writes a worker reported
/// (<see cref="After"/>). Kept as text, so that a difference reads plainly.
/// </summary>
public sealed class WorkspaceFacts
{
    private static readonly Dictionary<string, string> AuditedAs = new(StringComparer.Ordinal)
    {
        [CrashStep.Create] = AuditActions.VersionCreated,
        [CrashStep.Save] = AuditActions.VersionSaved,
        [CrashStep.Promote] = AuditActions.VersionPromoted,
        [CrashStep.Release] = AuditActions.AppReleased,
        [CrashStep.Rollback] = AuditActions.AppRolledBack,
        [CrashStep.Delete] = AuditActions.VersionDeleted,
    };

    private readonly SortedDictionary<string, string> _facts;
    private readonly List<string> _audit;

    private WorkspaceFacts(SortedDictionary<string, string> facts, List<string> audit, long auditMark)
    {
        _facts = facts;
        _audit = audit;
        AuditMark = auditMark;
    }

    /// <summary>The last audit entry when these facts were read: later reads list the entries after it.</summary>
    public long AuditMark { get; }

    /// <summary>The facts as stored; audit entries after <paramref name="auditAfter"/> (null: none, and the mark is set now).</summary>
    public static async Task<WorkspaceFacts> ReadAsync(LifecycleDbContext db, long? auditAfter = null)
    {
        var facts = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var versions = await db.Versions.AsNoTracking().Join(db.Apps, v => v.AppId, a => a.Id, (v, a) => new { a.Slug, v.Name, v.State, v.Environment, v.Revision, v.DefinitionHash }).ToListAsync();
        foreach (var v in versions)
        {
            facts[VersionKey(v.Slug, v.Name)] = $"{v.State} {v.Environment} r{v.Revision} {v.DefinitionHash}";
        }

        var apps = await db.Apps.AsNoTracking().Select(a => new { a.Slug, Released = db.Versions.Where(v => v.Id == a.ReleasedVersionId).Select(v => v.Name).FirstOrDefault() }).ToListAsync();
        var history = await db.Releases.AsNoTracking().Join(db.Apps, r => r.AppId, a => a.Id, (r, a) => new { r.Id, a.Slug, r.Kind, r.VersionName }).ToListAsync();
        foreach (var app in apps)
        {
            facts[ReleasedKey(app.Slug)] = app.Released ?? "none";
            facts[HistoryKey(app.Slug)] = string.Join(", ", history.Where(r => r.Slug == app.Slug).OrderBy(r => r.Id).Select(r => $"{r.Kind} {r.VersionName}"));
        }

        var mark = await db.AuditEntries.MaxAsync(e => (long?)e.Id) ?? 0;
        var actions = AuditedAs.Values.ToList();
        var audit = auditAfter is { } after
            ? (await db.AuditEntries.AsNoTracking().Where(e => e.Id > after && e.Outcome == AuditOutcome.Allowed && actions.Contains(e.Action))
                .OrderBy(e => e.Id).Select(e => new { e.Action, e.VersionName }).ToListAsync()).Select(e => $"{e.Action} {e.VersionName}").ToList()
            : [];
        return new WorkspaceFacts(facts, audit, auditAfter ?? mark);
    }

    /// <summary>These facts with the effect of a committed <paramref name="step"/>.</summary>
    public WorkspaceFacts After(CrashStep step)
    {
        var facts = new SortedDictionary<string, string>(_facts, StringComparer.Ordinal);
        var audit = new List<string>(_audit);
        var key = step.Version is null ? "" : VersionKey(step.App, step.Version);
        string[] Parts() => facts[key].Split(' ');
        string Bumped(string[] parts) => $"{parts[0]} {parts[1]} r{int.Parse(parts[2][1..], System.Globalization.CultureInfo.InvariantCulture) + 1} {parts[3]}";
        switch (step.Kind)
        {
            case CrashStep.Create:
                facts[key] = $"Draft Development r1 {facts[VersionKey(step.App, step.Source!)].Split(' ')[3]}";
                break;
            case CrashStep.Edit:
                facts[key] = $"Draft Development r{step.Revision} {step.Hash}";
                break;
            case CrashStep.Save:
                facts[key] = Bumped(["Saved", .. Parts()[1..]]);
                break;
            case CrashStep.Promote:
                facts[key] = Bumped([Parts()[0], step.Environment!, .. Parts()[2..]]);
                break;
            case CrashStep.Release or CrashStep.Rollback:
                facts[ReleasedKey(step.App)] = step.Version!;
                var entry = $"{(step.Kind == CrashStep.Release ? "Release" : "Rollback")} {step.Version}";
                facts[HistoryKey(step.App)] = facts[HistoryKey(step.App)] is { Length: > 0 } history ? $"{history}, {entry}" : entry;
                break;
            case CrashStep.Delete:
                facts.Remove(key);
                break;
        }

        if (AuditedAs.TryGetValue(step.Kind, out var action))
        {
            audit.Add($"{action} {step.Version}");
        }

        return new WorkspaceFacts(facts, audit, AuditMark);
    }

    public bool SameAs(WorkspaceFacts? other) => other is not null && _facts.SequenceEqual(other._facts) && _audit.SequenceEqual(other._audit);

    /// <summary>What differs from <paramref name="expected"/>, one line each.</summary>
    public string DifferencesFrom(WorkspaceFacts expected)
    {
        var lines = _facts.Keys.Union(expected._facts.Keys).Order(StringComparer.Ordinal)
            .Where(key => _facts.GetValueOrDefault(key) != expected._facts.GetValueOrDefault(key))
            .Select(key => $"{key}: stored '{_facts.GetValueOrDefault(key) ?? "(absent)"}', expected '{expected._facts.GetValueOrDefault(key) ?? "(absent)"}'")
            .ToList();
        if (!_audit.SequenceEqual(expected._audit))
        {
            lines.Add($"audit: stored [{string.Join(" | ", _audit)}], expected [{string.Join(" | ", expected._audit)}]");
        }

        return string.Join(Environment.NewLine, lines);
    }

    private static string VersionKey(string app, string version) => $"version {app}/{version}";

    private static string ReleasedKey(string app) => $"released {app}";

    private static string HistoryKey(string app) => $"history {app}";
}
