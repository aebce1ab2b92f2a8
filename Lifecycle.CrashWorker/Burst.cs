using Lifecycle.Data.Access;
using Lifecycle.Data.Common;
using Lifecycle.Data.Definitions;
using Lifecycle.Data.Environments;
using Lifecycle.Data.Persistence;
using Lifecycle.Data.Releases;
using Lifecycle.Data.Versions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Lifecycle.CrashWorker;

/// <summary>
/// Lifecycle writes one after another, each chosen at random (from the seed) among those the rules allow at that moment:
/// create a version, edit a draft, save, promote, release or roll back, delete a version, collect unreachable objects.
/// The worker is the only writer, so every write it chooses must succeed; one that does not stops it.
/// </summary>
internal sealed class Burst
{
    private readonly VersionService _versions;
    private readonly PromotionService _promotions;
    private readonly ReleaseService _releases;
    private readonly DefinitionCollector _collector;
    private readonly WorkerOptions _options;
    private readonly Random _random;
    private readonly List<AppView> _apps;
    private int _named;

    private Burst(IServiceProvider services, WorkerOptions options, List<AppView> apps)
    {
        _versions = services.GetRequiredService<VersionService>();
        _promotions = services.GetRequiredService<PromotionService>();
        _releases = services.GetRequiredService<ReleaseService>();
        _collector = services.GetRequiredService<DefinitionCollector>();
        _options = options;
        _random = new Random(options.Seed);
        _apps = apps;
    }

    private Actor Actor => _options.Actor;

    /// <summary>Reads the apps and versions as they are now (after an earlier worker was killed, too).</summary>
    public static async Task<Burst> LoadAsync(IServiceProvider services, WorkerOptions options)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<LifecycleDbContext>>().CreateDbContextAsync();
        var versions = await db.Versions.AsNoTracking().OrderBy(v => v.Id).ToListAsync();
        var everReleased = (await db.Releases.AsNoTracking().Where(r => r.VersionId != null).Select(r => r.VersionId!.Value).ToListAsync()).ToHashSet();
        var apps = (await db.Apps.AsNoTracking().OrderBy(a => a.Id).ToListAsync())
            .Select(a => new AppView(a.Id, a.Slug, [.. versions.Where(v => v.AppId == a.Id).Select(v => new VersionView(v, everReleased.Contains(v.Id)))]) { ReleasedId = a.ReleasedVersionId })
            .ToList();
        return new Burst(services, options, apps);
    }

    /// <summary>0 after <see cref="WorkerOptions.Steps"/> writes; 3 when a write was refused.</summary>
    public async Task<int> RunAsync()
    {
        for (var number = 1; number <= _options.Steps; number++)
        {
            if (!await StepAsync(number))
            {
                return 3;
            }
        }

        return 0;
    }

    private async Task<bool> StepAsync(int number)
    {
        var app = _apps[_random.Next(_apps.Count)];
        var drafts = app.Versions.Where(v => v.State == VersionState.Draft).ToList();
        var promotable = app.Versions.Where(v => v.State == VersionState.Saved && v.Environment != DeploymentEnvironment.Production).ToList();
        var releasable = app.Versions.Where(v => v.State == VersionState.Saved && v.Environment == DeploymentEnvironment.Production && v.Id != app.ReleasedId).ToList();
        var deletable = app.Versions.Count > 2 ? app.Versions.Where(v => v.Id != app.ReleasedId).ToList() : [];
        var kind = Pick(
            (CrashStep.Create, app.Versions.Count < 12 ? 15 : 0),
            (CrashStep.Edit, drafts.Count > 0 ? 35 : 0),
            (CrashStep.Save, drafts.Count > 0 ? 10 : 0),
            (CrashStep.Promote, promotable.Count > 0 ? 12 : 0),
            (CrashStep.Release, releasable.Count > 0 ? 8 : 0),
            (CrashStep.Delete, deletable.Count > 0 ? (app.Versions.Count > 8 ? 30 : 8) : 0),
            (CrashStep.Collect, 3));
        return kind switch
        {
            CrashStep.Create => await CreateAsync(number, app, Any(app.Versions)),
            CrashStep.Edit => await EditAsync(number, app, Any(drafts)),
            CrashStep.Save => await SaveAsync(number, app, Any(drafts)),
            CrashStep.Promote => await PromoteAsync(number, app, Any(promotable)),
            CrashStep.Release => await ReleaseAsync(number, app, Any(releasable)),
            CrashStep.Delete => await DeleteAsync(number, app, Any(deletable)),
            _ => await RunAsync(new CrashStep(number, CrashStep.Collect, app.Slug), async () =>
            {
                await _collector.CollectAsync(TimeSpan.Zero);
                return Result.Success();
            }),
        };
    }

    private async Task<bool> CreateAsync(int number, AppView app, VersionView source)
    {
        var name = $"{_options.Prefix}-{++_named}";
        var created = default(VersionSummary);
        var ok = await RunAsync(new CrashStep(number, CrashStep.Create, app.Slug, name, Source: source.Name), async () =>
        {
            var result = await _versions.CreateAsync(Actor, app.Id, name, source.Id);
            created = result.Value;
            return result;
        });
        if (ok)
        {
            app.Versions.Add(new VersionView(created!.Id, name, source.Hash));
        }

        return ok;
    }

    private async Task<bool> EditAsync(int number, AppView app, VersionView draft)
    {
        draft.Definition ??= ValueOf(await _versions.GetAsync(Actor, draft.Id)).Definition;
        var operations = new List<DefinitionOperation>();
        var edited = draft.Definition;
        for (var count = _random.Next(1, 4); operations.Count < count;)
        {
            var operation = RandomEdit(edited);
            if (operation.ApplyTo(edited) is { IsSuccess: true } applied)
            {
                edited = applied.Value!;
                operations.Add(operation);
            }
        }

        var hash = DefinitionStore.HashOf(edited);
        var ok = await RunAsync(new CrashStep(number, CrashStep.Edit, app.Slug, draft.Name, Revision: draft.Revision + 1, Hash: hash),
            async () => await _versions.ApplyAsync(Actor, draft.Id, draft.Revision, operations));
        if (ok)
        {
            (draft.Definition, draft.Hash, draft.Revision) = (edited, hash, draft.Revision + 1);
        }

        return ok;
    }

    private async Task<bool> SaveAsync(int number, AppView app, VersionView draft)
    {
        var ok = await RunAsync(new CrashStep(number, CrashStep.Save, app.Slug, draft.Name), () => _versions.SaveAsync(Actor, draft.Id, $"Step {number}"));
        if (ok)
        {
            (draft.State, draft.Definition, draft.Revision) = (VersionState.Saved, null, draft.Revision + 1);
        }

        return ok;
    }

    private async Task<bool> PromoteAsync(int number, AppView app, VersionView version)
    {
        var target = EnvironmentOrder.Next(version.Environment) ?? throw new InvalidOperationException($"{version.Name} is in production already.");
        var ok = await RunAsync(new CrashStep(number, CrashStep.Promote, app.Slug, version.Name, Environment: target.ToString()),
            () => _promotions.PromoteAsync(Actor, version.Id, target));
        if (ok)
        {
            (version.Environment, version.Revision) = (target, version.Revision + 1);
        }

        return ok;
    }

    private async Task<bool> ReleaseAsync(int number, AppView app, VersionView version)
    {
        var rollback = version.EverReleased;
        var ok = await RunAsync(new CrashStep(number, rollback ? CrashStep.Rollback : CrashStep.Release, app.Slug, version.Name),
            () => rollback ? _releases.RollbackAsync(Actor, version.Id, null) : _releases.ReleaseAsync(Actor, version.Id, $"Step {number}"));
        if (ok)
        {
            (app.ReleasedId, version.EverReleased) = (version.Id, true);
        }

        return ok;
    }

    private async Task<bool> DeleteAsync(int number, AppView app, VersionView version)
    {
        var ok = await RunAsync(new CrashStep(number, CrashStep.Delete, app.Slug, version.Name), () => _versions.DeleteAsync(Actor, version.Id));
        if (ok)
        {
            app.Versions.Remove(version);
        }

        return ok;
    }

    /// <summary>Announces the step, runs it, and reports it once it has committed; a refusal is reported and ends the burst.</summary>
    private static async Task<bool> RunAsync(CrashStep step, Func<Task<Result>> write)
    {
        Console.WriteLine(CrashProtocol.Line(CrashProtocol.Start, step));
        var result = await write();
        Console.WriteLine(result.IsSuccess
            ? CrashProtocol.Line(CrashProtocol.Done, step)
            : $"{CrashProtocol.Line(CrashProtocol.Failed, step)} {result.Status}: {result.Error}");
        return result.IsSuccess;
    }

    /// <summary>One edit of the kinds the editor sends most (decision 019), on the first page.</summary>
    private DefinitionOperation RandomEdit(AppDefinition definition)
    {
        var page = definition.Pages[0];
        var component = page.Components.Length == 0 ? null : page.Components[_random.Next(page.Components.Length)];
        var property = component?.Properties.Keys.FirstOrDefault(key => key is "text" or "label" or "alt");
        DefinitionOperation? chosen = (_random.Next(4), component) switch
        {
            (1, not null) when page.Components.Length > 3 => new DeleteComponent(page.Id, component.Id),
            (2, not null) => new MoveComponent(page.Id, component.Id, page.Components[0] == component ? 1 : -1),
            (3, not null) when property is not null => new SetComponentProperty(page.Id, component.Id, property, $"{_options.Prefix} {_random.Next()}"),
            _ => null,
        };
        return chosen ?? new AddComponent(page.Id, $"{_options.Prefix}x{_random.Next():x8}", ComponentCatalog.All[_random.Next(ComponentCatalog.All.Count)]);
    }

    private string Pick(params (string Kind, int Weight)[] choices)
    {
        var roll = _random.Next(choices.Sum(c => c.Weight));
        foreach (var (kind, weight) in choices)
        {
            if (roll < weight)
            {
                return kind;
            }

            roll -= weight;
        }

        throw new InvalidOperationException("Nothing to choose from.");
    }

    private T Any<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    private static T ValueOf<T>(Result<T> result) =>
        result.IsSuccess ? result.Value! : throw new InvalidOperationException($"{result.Status}: {result.Error}");

    private sealed record AppView(int Id, string Slug, List<VersionView> Versions)
    {
        public int? ReleasedId { get; set; }
    }

    /// <summary>What the worker knows of a version: enough to choose a write the rules allow and to say what it will do.</summary>
    private sealed class VersionView
    {
        public VersionView(AppVersion version, bool everReleased)
        {
            (Id, Name, Hash, State, Environment, Revision, EverReleased) =
                (version.Id, version.Name, version.DefinitionHash, version.State, version.Environment, version.Revision, everReleased);
        }

        public VersionView(int id, string name, string hash)
        {
            (Id, Name, Hash, State, Environment, Revision) = (id, name, hash, VersionState.Draft, DeploymentEnvironment.Development, 1);
        }

        public int Id { get; }
        public string Name { get; }
        public string Hash { get; set; }
        public VersionState State { get; set; }
        public DeploymentEnvironment Environment { get; set; }
        public int Revision { get; set; }
        public bool EverReleased { get; set; }
        public AppDefinition? Definition { get; set; }
    }
}
