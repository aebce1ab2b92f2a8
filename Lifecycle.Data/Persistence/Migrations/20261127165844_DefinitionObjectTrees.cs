using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Lifecycle.Data.Persistence.Migrations
{
    /// <summary>
    /// Definitions as trees of objects (decision 018): the objects' table, and versions no longer tied to whole-definition
    /// blobs. The data step, blobs into trees, is <c>LegacyDefinitionConverter</c>, which runs right after the migrations.
    /// </summary>
    public partial class DefinitionObjectTrees : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Versions_DefinitionBlobs_DefinitionHash",
                table: "Versions");

            migrationBuilder.CreateTable(
                name: "DefinitionObjects",
                columns: table => new
                {
                    Hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Content = table.Column<byte[]>(type: "BLOB", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DefinitionObjects", x => x.Hash);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DefinitionObjects");

            migrationBuilder.AddForeignKey(
                name: "FK_Versions_DefinitionBlobs_DefinitionHash",
                table: "Versions",
                column: "DefinitionHash",
                principalTable: "DefinitionBlobs",
                principalColumn: "Hash",
                onDelete: ReferentialAction.Restrict);
        }
    }
}
