using Hearth.Web.Features.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Hearth.Web.Features.Meetings;

/// <summary>
/// One reminder email, claimed before it is sent so that it goes out once: the unique key (person, occurrence,
/// how long before) lets exactly one node insert it, however many look at the same moment. A claim whose sender
/// stopped before marking it sent is taken over after a lease. Rows go two days after the meeting.
/// </summary>
public sealed class MeetingReminder
{
    public int Id { get; set; }

    public required string UserId { get; set; }

    public int SeriesId { get; set; }

    /// <summary>The occurrence's original date, as on its RSVP.</summary>
    public DateOnly OccurrenceDate { get; set; }

    public int MinutesBefore { get; set; }

    public DateTime StartsAt { get; set; }

    /// <summary>Which sending round holds the claim (a new value each round, on each node).</summary>
    public required string ClaimedBy { get; set; }

    public DateTime ClaimedAt { get; set; }

    public DateTime? SentAt { get; set; }
}

internal sealed class MeetingReminderConfiguration : IEntityTypeConfiguration<MeetingReminder>
{
    public void Configure(EntityTypeBuilder<MeetingReminder> builder)
    {
        builder.Property(r => r.ClaimedBy).HasMaxLength(40);
        builder.HasIndex(r => new { r.UserId, r.SeriesId, r.OccurrenceDate, r.MinutesBefore }).IsUnique().HasDatabaseName("IX_MeetingReminders_Once");
        builder.HasIndex(r => new { r.ClaimedBy, r.SentAt });
        builder.HasIndex(r => r.StartsAt);
        builder.HasOne<MeetingSeries>().WithMany().HasForeignKey(r => r.SeriesId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<HearthUser>().WithMany().HasForeignKey(r => r.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
