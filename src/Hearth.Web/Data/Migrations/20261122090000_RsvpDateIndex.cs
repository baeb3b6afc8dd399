using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Hearth.Web.Data.Migrations;

/// <summary>
/// The meeting-reminder round asks, every 15 seconds, which series have people going to a meeting in the next day or
/// two; without an index that starts with the date it read every RSVP (see docs/performance.md).
/// </summary>
[DbContext(typeof(HearthDb))]
[Migration("20261122090000_RsvpDateIndex")]
public sealed class RsvpDateIndex : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.CreateIndex("IX_Rsvps_OccurrenceDate_State_SeriesId", "Rsvps", ["OccurrenceDate", "State", "SeriesId"]);

    protected override void Down(MigrationBuilder migrationBuilder) =>
        migrationBuilder.DropIndex("IX_Rsvps_OccurrenceDate_State_SeriesId", "Rsvps");
}
