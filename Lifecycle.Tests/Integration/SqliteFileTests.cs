using Lifecycle.Data.Persistence;
using Lifecycle.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Lifecycle.Tests.Integration;

/// <summary>Decision 018's addendum: a new SQLite workspace file gets pages large enough for the object store's rows; an existing one is left as it is.</summary>
public sealed class SqliteFileTests
{
    /// <summary>The last migration before <c>BinaryObjectKeys</c> (any earlier schema will do: the file is made by EF Core alone).</summary>
    private const string AnEarlierMigration = "20261127165844_DefinitionObjectTrees";

    [Fact]
    public async Task ANewWorkspaceFileHasLargePagesAndAWriteAheadLog()
    {
        await using var workspace = await TestWorkspace.StartAsync(provider: DatabaseProvider.Sqlite);

        Assert.Equal(SqliteNewDatabase.PageSize, await PragmaAsync<long>(workspace, "page_size"));
        Assert.Equal("wal", await PragmaAsync<string>(workspace, "journal_mode"));
        Assert.True(SqliteNewDatabase.PageSize > await SqliteDefaultPageSizeAsync()); // at SQLite's own default, nodes of a few KB spill into overflow pages
    }

    [Fact]
    public async Task AnExistingWorkspaceFileKeepsItsPageSizeAndIsUpgradedAsBefore()
    {
        // A file EF Core created before this decision (SQLite's default page size) is migrated in place and works
        await using var workspace = await TestWorkspace.StartUpgradedFromAsync(AnEarlierMigration, _ => Task.CompletedTask);

        Assert.Equal(4096, await PragmaAsync<long>(workspace, "page_size"));
        Assert.Equal("wal", await PragmaAsync<string>(workspace, "journal_mode"));
        var app = ResultAssert.Ok(await workspace.Apps.CreateAsync(workspace.Admin, "Orders", "orders"));
        Assert.Single(ResultAssert.Ok(await workspace.Versions.ListAsync(workspace.Admin, app.Id)));
    }

    /// <summary>The page size SQLite gives a file it creates itself, here and now.</summary>
    private static async Task<long> SqliteDefaultPageSizeAsync()
    {
        var file = Path.Combine(Path.GetTempPath(), $"lifecycle-default-{Guid.NewGuid():N}.db");
        try
        {
            await using var connection = new SqliteConnection($"Data Source={file};Pooling=False");
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE t (x); PRAGMA page_size;";
            return (long)(await command.ExecuteScalarAsync())!;
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static async Task<T> PragmaAsync<T>(TestWorkspace workspace, string pragma)
    {
        await using var db = await workspace.DbAsync();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA {pragma}";
        return (T)Convert.ChangeType((await command.ExecuteScalarAsync())!, typeof(T));
    }
}
