using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace Hearth.Web.Data.Migrations;

/// <summary>Meeting series (rules, not occurrences), changes to single occurrences, and RSVPs.</summary>
[DbContext(typeof(HearthDb))]
[Migration("20261121160000_Meetings")]
public sealed class Meetings : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "MeetingSeries",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                GroupId = table.Column<int>(nullable: false),
                Title = table.Column<string>(maxLength: 120, nullable: false),
                Frequency = table.Column<string>(maxLength: 20, nullable: false),
                StartDate = table.Column<DateOnly>(nullable: false),
                EndDate = table.Column<DateOnly>(nullable: true),
                StartTime = table.Column<TimeOnly>(nullable: false),
                DurationMinutes = table.Column<int>(nullable: false),
                TimeZone = table.Column<string>(maxLength: 60, nullable: false),
                WeekOfMonth = table.Column<int>(nullable: true),
                DayOfWeek = table.Column<int>(nullable: true),
                PauseFrom = table.Column<DateOnly>(nullable: true),
                PauseUntil = table.Column<DateOnly>(nullable: true),
                IsOnline = table.Column<bool>(nullable: false),
                VenueName = table.Column<string>(maxLength: 120, nullable: true),
                AccessNotes = table.Column<string>(maxLength: 500, nullable: true),
                OnlineLink = table.Column<string>(maxLength: 500, nullable: true),
                Capacity = table.Column<int>(nullable: true),
                Sequence = table.Column<int>(nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false),
                UpdatedAt = table.Column<DateTime>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_MeetingSeries", x => x.Id);
                table.ForeignKey("FK_MeetingSeries_Groups_GroupId", x => x.GroupId, "Groups", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("IX_MeetingSeries_GroupId", "MeetingSeries", "GroupId");

        migrationBuilder.CreateTable(
            name: "MeetingChanges",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                SeriesId = table.Column<int>(nullable: false),
                OccurrenceDate = table.Column<DateOnly>(nullable: false),
                IsCancelled = table.Column<bool>(nullable: false),
                Reason = table.Column<string>(maxLength: 300, nullable: true),
                MovedToDate = table.Column<DateOnly>(nullable: true),
                MovedToTime = table.Column<TimeOnly>(nullable: true),
                MovedVenueName = table.Column<string>(maxLength: 120, nullable: true),
                Note = table.Column<string>(maxLength: 500, nullable: true),
                Sequence = table.Column<int>(nullable: false),
                UpdatedAt = table.Column<DateTime>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_MeetingChanges", x => x.Id);
                table.ForeignKey("FK_MeetingChanges_MeetingSeries_SeriesId", x => x.SeriesId, "MeetingSeries", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("IX_MeetingChanges_SeriesId_OccurrenceDate", "MeetingChanges", ["SeriesId", "OccurrenceDate"], unique: true);

        migrationBuilder.CreateTable(
            name: "Rsvps",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                SeriesId = table.Column<int>(nullable: false),
                OccurrenceDate = table.Column<DateOnly>(nullable: false),
                UserId = table.Column<string>(nullable: false),
                State = table.Column<string>(maxLength: 20, nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false),
                UpdatedAt = table.Column<DateTime>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Rsvps", x => x.Id);
                table.ForeignKey("FK_Rsvps_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("FK_Rsvps_MeetingSeries_SeriesId", x => x.SeriesId, "MeetingSeries", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("IX_Rsvps_SeriesId_OccurrenceDate_UserId", "Rsvps", ["SeriesId", "OccurrenceDate", "UserId"], unique: true);
        migrationBuilder.CreateIndex("IX_Rsvps_UserId", "Rsvps", "UserId");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "Rsvps");
        migrationBuilder.DropTable(name: "MeetingChanges");
        migrationBuilder.DropTable(name: "MeetingSeries");
    }
}
