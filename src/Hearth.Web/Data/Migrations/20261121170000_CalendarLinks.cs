using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace Hearth.Web.Data.Migrations;

/// <summary>Private per-person calendar feeds (hashed tokens).</summary>
[DbContext(typeof(HearthDb))]
[Migration("20261121170000_CalendarLinks")]
public sealed class CalendarLinks : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "CalendarLinks",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                UserId = table.Column<string>(nullable: false),
                TokenHash = table.Column<string>(maxLength: 64, nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_CalendarLinks", x => x.Id);
                table.ForeignKey("FK_CalendarLinks_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("IX_CalendarLinks_TokenHash", "CalendarLinks", "TokenHash", unique: true);
        migrationBuilder.CreateIndex("IX_CalendarLinks_UserId", "CalendarLinks", "UserId", unique: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropTable(name: "CalendarLinks");
}
