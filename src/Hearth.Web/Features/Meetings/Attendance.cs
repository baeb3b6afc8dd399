using Hearth.Web.Data;
using Hearth.Web.Features.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Hearth.Web.Features.Meetings;

/// <summary>An organiser's mark that a member came to one meeting. Seen by the group's organisers only; erased after 12 months.</summary>
public sealed class AttendanceMark
{
    public int Id { get; set; }

    public int SeriesId { get; set; }

    public DateOnly OccurrenceDate { get; set; }

    public required string UserId { get; set; }
}

/// <summary>How many came to one meeting (members marked plus others not on Hearth): kept for the group's health when the marks go.</summary>
public sealed class AttendanceCount
{
    public int Id { get; set; }

    public int SeriesId { get; set; }

    public DateOnly OccurrenceDate { get; set; }

    public int Members { get; set; }

    public int Others { get; set; }

    public DateTime UpdatedAt { get; set; }

    public int Total => Members + Others;
}

internal sealed class AttendanceMarkConfiguration : IEntityTypeConfiguration<AttendanceMark>
{
    public void Configure(EntityTypeBuilder<AttendanceMark> builder)
    {
        builder.HasIndex(a => new { a.SeriesId, a.OccurrenceDate, a.UserId }).IsUnique();
        builder.HasIndex(a => a.OccurrenceDate);
        builder.HasIndex(a => a.UserId);
        builder.HasOne<MeetingSeries>().WithMany().HasForeignKey(a => a.SeriesId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<HearthUser>().WithMany().HasForeignKey(a => a.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class AttendanceCountConfiguration : IEntityTypeConfiguration<AttendanceCount>
{
    public void Configure(EntityTypeBuilder<AttendanceCount> builder)
    {
        builder.Ignore(a => a.Total);
        builder.HasIndex(a => new { a.SeriesId, a.OccurrenceDate }).IsUnique();
        builder.HasOne<MeetingSeries>().WithMany().HasForeignKey(a => a.SeriesId).OnDelete(DeleteBehavior.Cascade);
    }
}

public static class AttendanceRegister
{
    /// <summary>Individual marks are kept this many months after the meeting; the counts stay.</summary>
    public const int KeptMonths = 12;

    /// <summary>The most people an organiser may record as coming without a Hearth account.</summary>
    public const int MostOthers = 500;

    public static Task<int> EraseOldMarksAsync(HearthDb db, DateTime now, CancellationToken cancellationToken)
    {
        var before = DateOnly.FromDateTime(now).AddMonths(-KeptMonths);
        return db.AttendanceMarks.Where(a => a.OccurrenceDate < before).ExecuteDeleteAsync(cancellationToken);
    }
}
