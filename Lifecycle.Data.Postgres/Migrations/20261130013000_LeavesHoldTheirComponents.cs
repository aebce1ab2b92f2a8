using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Lifecycle.Data.Postgres.Migrations
{
    /// <summary>
    /// Decision 048: a tree stored before it has its boundaries where components' content hashes put them, and its components
    /// in rows of their own. Every version's root is queued in <c>DefinitionBlobs</c> with no JSON, and
    /// <c>LegacyDefinitionConverter</c>, which runs at start after the migrations, stores each again in the new form and
    /// points its versions at it: identical content then has one hash again, whenever it was stored. Roots still waiting
    /// there as whole definitions (decision 018) are converted to the new form already.
    /// </summary>
    /// <remarks>It changes no table: its target model (the designer file) is the model as it stands, and the snapshot stays as it was.</remarks>
    public partial class LeavesHoldTheirComponents : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder) =>
            migrationBuilder.Sql("""
                INSERT INTO "DefinitionBlobs" ("Hash", "Json")
                SELECT DISTINCT v."DefinitionHash", '' FROM "Versions" v
                WHERE v."DefinitionHash" NOT IN (SELECT b."Hash" FROM "DefinitionBlobs" b);
                """);

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder) =>
            migrationBuilder.Sql("""DELETE FROM "DefinitionBlobs" WHERE "Json" = '';""");
    }
}
