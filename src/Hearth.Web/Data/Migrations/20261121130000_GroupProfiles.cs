using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Hearth.Web.Data.Migrations;

/// <summary>What a group page tells a newcomer: who it is for, what to expect, what it is not, how to join, where.</summary>
[DbContext(typeof(HearthDb))]
[Migration("20261121130000_GroupProfiles")]
public sealed class GroupProfiles : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<string>(name: "WhoItIsFor", table: "Groups", maxLength: 600, nullable: true);
        migrationBuilder.AddColumn<string>(name: "WhatToExpect", table: "Groups", maxLength: 2000, nullable: true);
        migrationBuilder.AddColumn<string>(name: "WhatItIsNot", table: "Groups", maxLength: 1000, nullable: true);
        migrationBuilder.AddColumn<string>(name: "JoinPolicy", table: "Groups", maxLength: 20, nullable: false, defaultValue: "Open");
        migrationBuilder.AddColumn<string>(name: "VenueName", table: "Groups", maxLength: 120, nullable: true);
        migrationBuilder.AddColumn<string>(name: "VenueAddress", table: "Groups", maxLength: 300, nullable: true);
        migrationBuilder.AddColumn<bool>(name: "AddressForMembersOnly", table: "Groups", nullable: false, defaultValue: false);
        migrationBuilder.AddColumn<string>(name: "AccessNotes", table: "Groups", maxLength: 500, nullable: true);
        migrationBuilder.AddColumn<string>(name: "Languages", table: "Groups", maxLength: 40, nullable: false, defaultValue: "en");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        foreach (var column in new[] { "WhoItIsFor", "WhatToExpect", "WhatItIsNot", "JoinPolicy", "VenueName", "VenueAddress", "AddressForMembersOnly", "AccessNotes", "Languages" })
        {
            migrationBuilder.DropColumn(name: column, table: "Groups");
        }
    }
}
