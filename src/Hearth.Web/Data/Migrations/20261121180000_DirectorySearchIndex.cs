using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Hearth.Web.Data.Migrations;

/// <summary>A covering index for the directory's search by place (see bench/ and docs/performance.md).</summary>
[DbContext(typeof(HearthDb))]
[Migration("20261121180000_DirectorySearchIndex")]
public sealed class DirectorySearchIndex : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.CreateIndex("IX_Groups_Latitude_Longitude_IsListed_Topics", "Groups", ["Latitude", "Longitude", "IsListed", "Topics"]);

    protected override void Down(MigrationBuilder migrationBuilder) =>
        migrationBuilder.DropIndex("IX_Groups_Latitude_Longitude_IsListed_Topics", "Groups");
}
