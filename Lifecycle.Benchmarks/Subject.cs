using Lifecycle.Data.Definitions;

namespace Lifecycle.Benchmarks;

/// <summary>
/// A way of storing versions of an app, driven through the same steps: Lifecycle's own use cases, or the row-per-component
/// baseline. Each subject lives on its own temporary SQLite file.
/// </summary>
public interface ISubject : IAsyncDisposable
{
    string Name { get; }

    WriteMeter Meter { get; }

    /// <summary>Creates the app; its first draft holds <paramref name="definition"/>. Returns the draft's id.</summary>
    Task<int> PrepareAsync(AppDefinition definition);

    Task<int> CreateVersionAsync(int fromVersionId, string name);

    /// <summary>One autosave of a draft that changes the given properties (usually one).</summary>
    Task EditAsync(int versionId, IReadOnlyList<PropertyChange> changes);

    Task SaveAsync(int versionId);

    /// <summary>One step up: development to staging, staging to production.</summary>
    Task PromoteAsync(int versionId);

    Task ReleaseAsync(int versionId);

    Task RollbackAsync(int versionId);

    /// <summary>Reads a version's definition as the editor does when it opens it.</summary>
    Task<AppDefinition> OpenAsync(int versionId);

    /// <summary>Forgets what the subject keeps in memory between reads, as a freshly started server would (a no-op where nothing is kept).</summary>
    void ForgetCachedReads();

    /// <summary>Removes what no version needs any more (a no-op where nothing is collected).</summary>
    Task CollectAsync();

    /// <summary>The database file's size after VACUUM, in bytes.</summary>
    Task<long> StoredBytesAsync();

    /// <summary>Copies the database file (after <see cref="StoredBytesAsync"/>) to <paramref name="path"/>, to look into.</summary>
    void CopyDatabaseTo(string path);
}

/// <summary>One property of one component set to a value.</summary>
public sealed record PropertyChange(string PageId, string ComponentId, string Property, string Value);
