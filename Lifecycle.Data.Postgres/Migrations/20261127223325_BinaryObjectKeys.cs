using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Lifecycle.Data.Postgres.Migrations
{
    /// <summary>
    /// Decision 034 on PostgreSQL: definition objects keyed by the 32 bytes of their hash, their creation time as Unix
    /// seconds, and a first byte that says how the content is stored (every existing row is Brotli-compressed: 1). The
    /// columns are converted in place, in the migration's transaction (EF's scaffold cannot cast text to bytea).
    /// </summary>
    public partial class BinaryObjectKeys : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                ALTER TABLE "DefinitionObjects"
                    ALTER COLUMN "Hash" TYPE bytea USING decode("Hash", 'hex'),
                    ALTER COLUMN "CreatedAtUtc" TYPE bigint USING floor(extract(epoch FROM "CreatedAtUtc"))::bigint;
                """);
            migrationBuilder.Sql("""UPDATE "DefinitionObjects" SET "Content" = '\x01'::bytea || "Content";""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder) =>
            // The code before this migration reads only Brotli content, and objects may now be stored plain: going back
            // needs a backup taken before the upgrade.
            throw new System.NotSupportedException("BinaryObjectKeys cannot be undone; restore a backup taken before the upgrade.");
    }
}
