using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace Hearth.Web.Data.Migrations;

/// <summary>Meeting reminders: each person's choice (on for everyone already here) and the claims that send each once.</summary>
[DbContext(typeof(HearthDb))]
[Migration("20261121190000_Reminders")]
public sealed class Reminders : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<bool>(name: "RemindDayBefore", table: "AspNetUsers", nullable: false, defaultValue: true);
        migrationBuilder.AddColumn<bool>(name: "RemindHoursBefore", table: "AspNetUsers", nullable: false, defaultValue: true);

        migrationBuilder.CreateTable(
            name: "MeetingReminders",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                UserId = table.Column<string>(nullable: false),
                SeriesId = table.Column<int>(nullable: false),
                OccurrenceDate = table.Column<DateOnly>(nullable: false),
                MinutesBefore = table.Column<int>(nullable: false),
                StartsAt = table.Column<DateTime>(nullable: false),
                ClaimedBy = table.Column<string>(maxLength: 40, nullable: false),
                ClaimedAt = table.Column<DateTime>(nullable: false),
                SentAt = table.Column<DateTime>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_MeetingReminders", x => x.Id);
                table.ForeignKey("FK_MeetingReminders_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("FK_MeetingReminders_MeetingSeries_SeriesId", x => x.SeriesId, "MeetingSeries", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("IX_MeetingReminders_Once", "MeetingReminders", ["UserId", "SeriesId", "OccurrenceDate", "MinutesBefore"], unique: true);
        migrationBuilder.CreateIndex("IX_MeetingReminders_ClaimedBy_SentAt", "MeetingReminders", ["ClaimedBy", "SentAt"]);
        migrationBuilder.CreateIndex("IX_MeetingReminders_StartsAt", "MeetingReminders", "StartsAt");
        migrationBuilder.CreateIndex("IX_MeetingReminders_SeriesId", "MeetingReminders", "SeriesId");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "MeetingReminders");
        migrationBuilder.DropColumn(name: "RemindDayBefore", table: "AspNetUsers");
        migrationBuilder.DropColumn(name: "RemindHoursBefore", table: "AspNetUsers");
    }
}
