using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Hearth.Web.Data.Migrations;

/// <summary>Topics, audiences and venue access, so the directory can be filtered by them.</summary>
[DbContext(typeof(HearthDb))]
[Migration("20261121131500_GroupVocabulary")]
public sealed class GroupVocabulary : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<string>(name: "Topics", table: "Groups", maxLength: 300, nullable: false, defaultValue: "");
        migrationBuilder.AddColumn<string>(name: "Audiences", table: "Groups", maxLength: 200, nullable: false, defaultValue: "");
        migrationBuilder.AddColumn<string>(name: "Access", table: "Groups", maxLength: 100, nullable: false, defaultValue: "");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropColumn(name: "Topics", table: "Groups");
        migrationBuilder.DropColumn(name: "Audiences", table: "Groups");
        migrationBuilder.DropColumn(name: "Access", table: "Groups");
    }
}
