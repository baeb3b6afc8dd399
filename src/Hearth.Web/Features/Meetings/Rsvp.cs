using Hearth.Web.Features.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Hearth.Web.Features.Meetings;

public enum RsvpState
{
    Going,
    CantGo,

    /// <summary>Wants to go but the meeting is full; moved to Going, in order, when a place frees.</summary>
    Waiting,
}

/// <summary>A member's private answer for one occurrence. Organisers see who is coming; members see a count.</summary>
public sealed class Rsvp
{
    public int Id { get; set; }

    public int SeriesId { get; set; }

    /// <summary>The occurrence's original date (as the rule gave it), which names it even if it moves.</summary>
    public DateOnly OccurrenceDate { get; set; }

    public required string UserId { get; set; }

    public RsvpState State { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }
}

internal sealed class RsvpConfiguration : IEntityTypeConfiguration<Rsvp>
{
    public void Configure(EntityTypeBuilder<Rsvp> builder)
    {
        builder.Property(r => r.State).HasConversion<string>().HasMaxLength(20);
        builder.HasIndex(r => new { r.SeriesId, r.OccurrenceDate, r.UserId }).IsUnique();
        builder.HasIndex(r => r.UserId);
        // The reminder round's question: who is going to a meeting on these dates (covering, so it reads no rows).
        builder.HasIndex(r => new { r.OccurrenceDate, r.State, r.SeriesId });
        builder.HasOne<MeetingSeries>().WithMany().HasForeignKey(r => r.SeriesId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<HearthUser>().WithMany().HasForeignKey(r => r.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
