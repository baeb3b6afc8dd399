using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace Hearth.Web.Data.Migrations;

/// <summary>The optional attendance register: organisers' marks (erased after 12 months) and the counts kept.</summary>
[DbContext(typeof(HearthDb))]
[Migration("20261121200000_Attendance")]
public sealed class Attendance : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "AttendanceMarks",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                SeriesId = table.Column<int>(nullable: false),
                OccurrenceDate = table.Column<DateOnly>(nullable: false),
                UserId = table.Column<string>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_AttendanceMarks", x => x.Id);
                table.ForeignKey("FK_AttendanceMarks_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("FK_AttendanceMarks_MeetingSeries_SeriesId", x => x.SeriesId, "MeetingSeries", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("IX_AttendanceMarks_SeriesId_OccurrenceDate_UserId", "AttendanceMarks", ["SeriesId", "OccurrenceDate", "UserId"], unique: true);
        migrationBuilder.CreateIndex("IX_AttendanceMarks_OccurrenceDate", "AttendanceMarks", "OccurrenceDate");
        migrationBuilder.CreateIndex("IX_AttendanceMarks_UserId", "AttendanceMarks", "UserId");

        migrationBuilder.CreateTable(
            name: "AttendanceCounts",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                SeriesId = table.Column<int>(nullable: false),
                OccurrenceDate = table.Column<DateOnly>(nullable: false),
                Members = table.Column<int>(nullable: false),
                Others = table.Column<int>(nullable: false),
                UpdatedAt = table.Column<DateTime>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_AttendanceCounts", x => x.Id);
                table.ForeignKey("FK_AttendanceCounts_MeetingSeries_SeriesId", x => x.SeriesId, "MeetingSeries", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("IX_AttendanceCounts_SeriesId_OccurrenceDate", "AttendanceCounts", ["SeriesId", "OccurrenceDate"], unique: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "AttendanceCounts");
        migrationBuilder.DropTable(name: "AttendanceMarks");
    }
}
