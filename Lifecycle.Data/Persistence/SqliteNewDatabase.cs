using Microsoft.Data.Sqlite;

namespace Lifecycle.Data.Persistence;

/// <summary>
/// Creates a new SQLite workspace file with the page size the object store needs (decision 018's addendum): a row of a
/// <c>WITHOUT ROWID</c> table larger than about a quarter of a page spills into an overflow page of its own, mostly
/// empty. Index objects of a few KB (a sequence node with many children) are common, so at SQLite's default of 4 KB
/// those spills wasted a quarter of the store; at 16 KB rows up to ~4 KB stay in their page. The page size of a
/// database is fixed when its file is first written, so an existing file keeps its own (the README's operations
/// section says how to convert one).
/// </summary>
public static class SqliteNewDatabase
{
    public const int PageSize = 16_384;

    /// <summary>When the file does not exist yet (or is empty), creates it with <see cref="PageSize"/>, in WAL mode as EF Core would have; otherwise does nothing.</summary>
    public static async Task PrepareAsync(string connectionString, CancellationToken cancellationToken = default)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        var file = builder.DataSource;
        if (builder.Mode == SqliteOpenMode.Memory || file is "" or ":memory:" || (File.Exists(file) && new FileInfo(file).Length > 0))
        {
            return;
        }

        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA page_size = {PageSize}; PRAGMA journal_mode = WAL;";
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
