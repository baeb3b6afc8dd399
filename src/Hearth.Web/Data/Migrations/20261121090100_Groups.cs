using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace Hearth.Web.Data.Migrations;

/// <summary>Groups, the heart of the directory.</summary>
[DbContext(typeof(HearthDb))]
[Migration("20261121090100_Groups")]
public sealed class Groups : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "Groups",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                Slug = table.Column<string>(maxLength: 80, nullable: false),
                Name = table.Column<string>(maxLength: 120, nullable: false),
                Summary = table.Column<string>(maxLength: 600, nullable: false),
                Town = table.Column<string>(maxLength: 80, nullable: true),
                Latitude = table.Column<double>(nullable: true),
                Longitude = table.Column<double>(nullable: true),
                Format = table.Column<string>(maxLength: 20, nullable: false),
                IsListed = table.Column<bool>(nullable: false),
                IsFacilitatedByNetwork = table.Column<bool>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_Groups", x => x.Id));

        migrationBuilder.CreateIndex(name: "IX_Groups_Slug", table: "Groups", column: "Slug", unique: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder) =>
        migrationBuilder.DropTable(name: "Groups");
}
