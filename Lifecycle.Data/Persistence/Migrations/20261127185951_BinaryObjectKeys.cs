using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Lifecycle.Data.Persistence.Migrations
{
    /// <summary>
    /// Decision 034: definition objects keyed by the 32 bytes of their hash in a <c>WITHOUT ROWID</c> table (the key is
    /// stored once, in the table's own tree), their creation time as Unix seconds, and a first byte that says how the
    /// content is stored (every existing row is Brotli-compressed: 1). EF Core cannot say WITHOUT ROWID, hence the SQL;
    /// the table is rebuilt and every row copied, converted, in the migration's transaction.
    /// </summary>
    public partial class BinaryObjectKeys : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE TABLE "ef_temp_DefinitionObjects" (
                    "Hash" BLOB NOT NULL CONSTRAINT "PK_DefinitionObjects" PRIMARY KEY,
                    "Content" BLOB NOT NULL,
                    "CreatedAtUtc" INTEGER NOT NULL
                ) WITHOUT ROWID;
                """);
            migrationBuilder.Sql("""
                INSERT INTO "ef_temp_DefinitionObjects" ("Hash", "Content", "CreatedAtUtc")
                SELECT unhex("Hash"), CAST(X'01' || "Content" AS BLOB), CAST(strftime('%s', "CreatedAtUtc") AS INTEGER)
                FROM "DefinitionObjects";
                """);
            migrationBuilder.Sql("""DROP TABLE "DefinitionObjects";""");
            migrationBuilder.Sql("""ALTER TABLE "ef_temp_DefinitionObjects" RENAME TO "DefinitionObjects";""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder) =>
            // The code before this migration reads only Brotli content, and objects may now be stored plain: going back
            // needs a backup taken before the upgrade.
            throw new System.NotSupportedException("BinaryObjectKeys cannot be undone; restore a backup taken before the upgrade.");
    }
}
