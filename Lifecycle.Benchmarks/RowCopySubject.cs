using System.Collections.Immutable;
using System.Text.Json;
using Lifecycle.Data.Definitions;
using Microsoft.EntityFrameworkCore;

namespace Lifecycle.Benchmarks;

/// <summary>
/// The baseline: a definition kept as rows, one per page and per component, copied row by row when a version is
/// created (as ToolJet's app versions are). Edits update one row; promotion, save and release update the version or app
/// row; opening a version reads its rows. It checks no references on promotion, which only flatters it.
/// </summary>
public sealed class RowCopySubject : ISubject
{
    private readonly string _file;
    private readonly DbContextOptions<RowCopyDb> _options;

    private RowCopySubject(string file)
    {
        _file = file;
        _options = new DbContextOptionsBuilder<RowCopyDb>().UseSqlite($"Data Source={file}").AddInterceptors(Meter).Options;
    }

    public string Name => "Row copy (baseline)";

    public WriteMeter Meter { get; } = new();

    public static async Task<RowCopySubject> StartAsync()
    {
        var subject = new RowCopySubject(Path.Combine(Path.GetTempPath(), $"rowcopy-bench-{Guid.NewGuid():N}.db"));
        await using var db = subject.Db();
        await db.Database.EnsureCreatedAsync();
        return subject;
    }

    public async Task<int> PrepareAsync(AppDefinition definition)
    {
        await using var db = Db();
        var app = new RcApp();
        db.Apps.Add(app);
        await db.SaveChangesAsync();
        var version = new RcVersion { AppId = app.Id, Name = "v1" };
        db.Versions.Add(version);
        await db.SaveChangesAsync();
        foreach (var page in definition.Pages)
        {
            var pageRow = new RcPage { VersionId = version.Id, PageKey = page.Id, Name = page.Name, Handle = page.Handle, Order = page.Order };
            db.Pages.Add(pageRow);
            await db.SaveChangesAsync();
            db.Components.AddRange(page.Components.Select(c => new RcComponent
            {
                VersionId = version.Id,
                PageId = pageRow.Id,
                ComponentKey = c.Id,
                Name = c.Name,
                Type = c.Type.ToString(),
                Properties = JsonSerializer.Serialize(c.Properties),
                Order = c.Order,
            }));
        }

        await db.SaveChangesAsync();
        return version.Id;
    }

    public async Task<int> CreateVersionAsync(int fromVersionId, string name)
    {
        await using var db = Db();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var source = await db.Versions.AsNoTracking().SingleAsync(v => v.Id == fromVersionId);
        var version = new RcVersion { AppId = source.AppId, Name = name };
        db.Versions.Add(version);
        await db.SaveChangesAsync();
        var pages = await db.Pages.AsNoTracking().Where(p => p.VersionId == fromVersionId).ToListAsync();
        var components = await db.Components.AsNoTracking().Where(c => c.VersionId == fromVersionId).ToListAsync();
        foreach (var page in pages)
        {
            var copy = new RcPage { VersionId = version.Id, PageKey = page.PageKey, Name = page.Name, Handle = page.Handle, Order = page.Order };
            db.Pages.Add(copy);
            await db.SaveChangesAsync();
            db.Components.AddRange(components.Where(c => c.PageId == page.Id).Select(c => new RcComponent
            {
                VersionId = version.Id,
                PageId = copy.Id,
                ComponentKey = c.ComponentKey,
                Name = c.Name,
                Type = c.Type,
                Properties = c.Properties,
                Order = c.Order,
            }));
        }

        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return version.Id;
    }

    public async Task EditAsync(int versionId, IReadOnlyList<PropertyChange> changes)
    {
        await using var db = Db();
        var version = await db.Versions.SingleAsync(v => v.Id == versionId);
        foreach (var change in changes)
        {
            var row = await db.Components.SingleAsync(c => c.VersionId == versionId && c.ComponentKey == change.ComponentId);
            var properties = JsonSerializer.Deserialize<Dictionary<string, string>>(row.Properties)!;
            properties[change.Property] = change.Value;
            row.Properties = JsonSerializer.Serialize(new SortedDictionary<string, string>(properties, StringComparer.Ordinal));
        }

        version.Revision++;
        await db.SaveChangesAsync();
    }

    public Task SaveAsync(int versionId) => UpdateVersionAsync(versionId, v => v.State = "saved");

    public Task PromoteAsync(int versionId) => UpdateVersionAsync(versionId, v => v.Environment++);

    public Task ReleaseAsync(int versionId) => PointReleaseAsync(versionId, "release");

    public Task RollbackAsync(int versionId) => PointReleaseAsync(versionId, "rollback");

    public async Task<AppDefinition> OpenAsync(int versionId)
    {
        await using var db = Db();
        var pages = await db.Pages.AsNoTracking().Where(p => p.VersionId == versionId).OrderBy(p => p.Order).ToListAsync();
        var components = await db.Components.AsNoTracking().Where(c => c.VersionId == versionId).OrderBy(c => c.Order).ToListAsync();
        var byPage = components.ToLookup(c => c.PageId);
        return new AppDefinition(
            AppDefinition.CurrentSchemaVersion,
            [.. pages.Select(p => new PageDefinition(p.PageKey, p.Name, p.Handle, p.Order, [.. byPage[p.Id].Select(ToComponent)]))],
            [],
            new AppSettings("Benchmark", AppTheme.Light));
    }

    public Task CollectAsync() => Task.CompletedTask;

    public Task<long> StoredBytesAsync() => Sqlite.VacuumedSizeAsync(_file);

    public void CopyDatabaseTo(string path) => File.Copy(_file, path, overwrite: true);

    public void ForgetCachedReads()
    {
        // Nothing is kept between reads: every open reads the version's rows.
    }

    public ValueTask DisposeAsync()
    {
        Sqlite.Delete(_file);
        return ValueTask.CompletedTask;
    }

    private static ComponentDefinition ToComponent(RcComponent row) => new(
        row.ComponentKey,
        row.Name,
        Enum.Parse<ComponentType>(row.Type),
        PropertyMap.From(JsonSerializer.Deserialize<Dictionary<string, string>>(row.Properties)!),
        row.Order);

    private RowCopyDb Db() => new(_options);

    private async Task UpdateVersionAsync(int versionId, Action<RcVersion> change)
    {
        await using var db = Db();
        var version = await db.Versions.SingleAsync(v => v.Id == versionId);
        change(version);
        version.Revision++;
        await db.SaveChangesAsync();
    }

    private async Task PointReleaseAsync(int versionId, string kind)
    {
        await using var db = Db();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var version = await db.Versions.AsNoTracking().SingleAsync(v => v.Id == versionId);
        var app = await db.Apps.SingleAsync(a => a.Id == version.AppId);
        app.ReleasedVersionId = versionId;
        db.Releases.Add(new RcRelease { AppId = app.Id, VersionId = versionId, Kind = kind, AtUtc = DateTime.UtcNow });
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
    }
}

public sealed class RowCopyDb(DbContextOptions<RowCopyDb> options) : DbContext(options)
{
    public DbSet<RcApp> Apps => Set<RcApp>();
    public DbSet<RcVersion> Versions => Set<RcVersion>();
    public DbSet<RcPage> Pages => Set<RcPage>();
    public DbSet<RcComponent> Components => Set<RcComponent>();
    public DbSet<RcRelease> Releases => Set<RcRelease>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        builder.Entity<RcVersion>().Property(v => v.Revision).IsConcurrencyToken();
        builder.Entity<RcComponent>().HasIndex(c => new { c.VersionId, c.ComponentKey }).IsUnique();
        builder.Entity<RcPage>().HasIndex(p => p.VersionId);
    }
}

public sealed class RcApp
{
    public int Id { get; set; }
    public int? ReleasedVersionId { get; set; }
}

public sealed class RcVersion
{
    public int Id { get; set; }
    public int AppId { get; set; }
    public string Name { get; set; } = "";
    public string State { get; set; } = "draft";
    public int Environment { get; set; }
    public int Revision { get; set; } = 1;
}

public sealed class RcPage
{
    public int Id { get; set; }
    public int VersionId { get; set; }
    public string PageKey { get; set; } = "";
    public string Name { get; set; } = "";
    public string Handle { get; set; } = "";
    public int Order { get; set; }
}

public sealed class RcComponent
{
    public int Id { get; set; }
    public int VersionId { get; set; }
    public int PageId { get; set; }
    public string ComponentKey { get; set; } = "";
    public string Name { get; set; } = "";
    public string Type { get; set; } = "";
    public string Properties { get; set; } = "{}";
    public int Order { get; set; }
}

public sealed class RcRelease
{
    public int Id { get; set; }
    public int AppId { get; set; }
    public int VersionId { get; set; }
    public string Kind { get; set; } = "";
    public DateTime AtUtc { get; set; }
}
