using Hearth.Web.Features.Groups;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Hearth.Web.Features.Meetings;

public enum Frequency
{
    /// <summary>A one-off meeting.</summary>
    Once,
    Weekly,
    Fortnightly,

    /// <summary>Monthly on the nth weekday ("first Tuesday", "last Friday").</summary>
    Monthly,
}

/// <summary>
/// A group's meetings as a rule ("every Thursday 18:30 in Chard"); occurrences are computed from it, never stored.
/// Times are local wall-clock times in <see cref="TimeZone"/>, so 18:30 stays 18:30 across daylight saving.
/// </summary>
public sealed class MeetingSeries
{
    public int Id { get; set; }

    public int GroupId { get; set; }

    public required string Title { get; set; }

    public Frequency Frequency { get; set; }

    /// <summary>The first meeting's date; weekly and fortnightly series meet on its weekday.</summary>
    public DateOnly StartDate { get; set; }

    /// <summary>No meetings after this date (inclusive). Null: until further notice.</summary>
    public DateOnly? EndDate { get; set; }

    public TimeOnly StartTime { get; set; }

    public int DurationMinutes { get; set; }

    /// <summary>An IANA time zone, e.g. Europe/London.</summary>
    public string TimeZone { get; set; } = "Europe/London";

    /// <summary>For monthly series: 1–4 for first to fourth, -1 for last.</summary>
    public int? WeekOfMonth { get; set; }

    /// <summary>For monthly series: ISO day of week, 1 (Monday) to 7 (Sunday).</summary>
    public int? DayOfWeek { get; set; }

    /// <summary>A break ("summer break"): no meetings from this date...</summary>
    public DateOnly? PauseFrom { get; set; }

    /// <summary>...to this date, inclusive.</summary>
    public DateOnly? PauseUntil { get; set; }

    public bool IsOnline { get; set; }

    public string? VenueName { get; set; }

    public string? AccessNotes { get; set; }

    /// <summary>Shown only to members who said they are going; never in a public page or feed.</summary>
    public string? OnlineLink { get; set; }

    /// <summary>Places per meeting; beyond it, a waiting list. Null: no limit.</summary>
    public int? Capacity { get; set; }

    /// <summary>RFC 5545 SEQUENCE: goes up on every change calendar apps should notice.</summary>
    public int Sequence { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    public const int MaxDurationMinutes = 8 * 60;
}

/// <summary>One occurrence changed: cancelled (with a reason members see), moved, or given a note.</summary>
public sealed class MeetingChange
{
    public int Id { get; set; }

    public int SeriesId { get; set; }

    /// <summary>The local date the rule gave this occurrence; it names the occurrence for good (RECURRENCE-ID).</summary>
    public DateOnly OccurrenceDate { get; set; }

    public bool IsCancelled { get; set; }

    public string? Reason { get; set; }

    public DateOnly? MovedToDate { get; set; }

    public TimeOnly? MovedToTime { get; set; }

    public string? MovedVenueName { get; set; }

    public string? Note { get; set; }

    public int Sequence { get; set; }

    public DateTime UpdatedAt { get; set; }
}

internal sealed class MeetingSeriesConfiguration : IEntityTypeConfiguration<MeetingSeries>
{
    public void Configure(EntityTypeBuilder<MeetingSeries> builder)
    {
        builder.Property(s => s.Title).HasMaxLength(120);
        builder.Property(s => s.Frequency).HasConversion<string>().HasMaxLength(20);
        builder.Property(s => s.TimeZone).HasMaxLength(60);
        builder.Property(s => s.VenueName).HasMaxLength(120);
        builder.Property(s => s.AccessNotes).HasMaxLength(500);
        builder.Property(s => s.OnlineLink).HasMaxLength(500);
        builder.HasIndex(s => s.GroupId);
        builder.HasOne<Group>().WithMany().HasForeignKey(s => s.GroupId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class MeetingChangeConfiguration : IEntityTypeConfiguration<MeetingChange>
{
    public void Configure(EntityTypeBuilder<MeetingChange> builder)
    {
        builder.Property(e => e.Reason).HasMaxLength(300);
        builder.Property(e => e.MovedVenueName).HasMaxLength(120);
        builder.Property(e => e.Note).HasMaxLength(500);
        builder.HasIndex(e => new { e.SeriesId, e.OccurrenceDate }).IsUnique();
        builder.HasOne<MeetingSeries>().WithMany().HasForeignKey(e => e.SeriesId).OnDelete(DeleteBehavior.Cascade);
    }
}
