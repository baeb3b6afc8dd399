using Hearth.Web.Features.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Hearth.Web.Features.Meetings;

/// <summary>
/// A person's private calendar feed, <c>/calendar/{token}.ics</c>: the meetings they said they would go to. One link
/// per person; only its hash is kept, and making a new one or stopping it ends the old one at once.
/// </summary>
public sealed class CalendarLink
{
    public int Id { get; set; }

    public required string UserId { get; set; }

    public required string TokenHash { get; set; }

    public DateTime CreatedAt { get; set; }
}

internal sealed class CalendarLinkConfiguration : IEntityTypeConfiguration<CalendarLink>
{
    public void Configure(EntityTypeBuilder<CalendarLink> builder)
    {
        builder.Property(c => c.TokenHash).HasMaxLength(64);
        builder.HasIndex(c => c.TokenHash).IsUnique();
        builder.HasIndex(c => c.UserId).IsUnique();
        builder.HasOne<HearthUser>().WithMany().HasForeignKey(c => c.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
