using Lifecycle.Data.Persistence;
using Lifecycle.Tests.Support;
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
        Assert.True(SqliteNewDatabase.PageSize > 4096); // SQLite's default, at which nodes of a few KB spill into overflow pages
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
