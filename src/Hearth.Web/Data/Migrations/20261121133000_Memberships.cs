using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace Hearth.Web.Data.Migrations;

/// <summary>Group agreements and memberships.</summary>
[DbContext(typeof(HearthDb))]
[Migration("20261121133000_Memberships")]
public sealed class Memberships : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<string>(name: "AgreementText", table: "Groups", maxLength: 4000, nullable: false, defaultValue: "");
        migrationBuilder.AddColumn<int>(name: "AgreementVersion", table: "Groups", nullable: false, defaultValue: 1);

        migrationBuilder.CreateTable(
            name: "GroupMembers",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                GroupId = table.Column<int>(nullable: false),
                UserId = table.Column<string>(nullable: false),
                Role = table.Column<string>(maxLength: 20, nullable: false),
                JoinedAt = table.Column<DateTime>(nullable: false),
                AgreementVersionAccepted = table.Column<int>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_GroupMembers", x => x.Id);
                table.ForeignKey("FK_GroupMembers_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("FK_GroupMembers_Groups_GroupId", x => x.GroupId, "Groups", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateIndex("IX_GroupMembers_GroupId_UserId", "GroupMembers", ["GroupId", "UserId"], unique: true);
        migrationBuilder.CreateIndex("IX_GroupMembers_UserId", "GroupMembers", "UserId");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "GroupMembers");
        migrationBuilder.DropColumn(name: "AgreementText", table: "Groups");
        migrationBuilder.DropColumn(name: "AgreementVersion", table: "Groups");
    }
}
