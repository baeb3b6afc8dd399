using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Hearth.Web.Features.Accounts;

/// <summary>One signed-in browser. The cookie carries its id; ending it here signs that browser out at its next request.</summary>
public sealed class UserSession
{
    public Guid Id { get; set; }

    public required string UserId { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime LastSeenAt { get; set; }

    /// <summary>A coarse description such as "Firefox on Android"; never the full user agent or an IP address.</summary>
    public required string Device { get; set; }

    public DateTime? EndedAt { get; set; }
}

internal sealed class UserSessionConfiguration : IEntityTypeConfiguration<UserSession>
{
    public void Configure(EntityTypeBuilder<UserSession> builder)
    {
        builder.Property(s => s.Device).HasMaxLength(80);
        builder.HasIndex(s => s.UserId);
        builder.HasOne<HearthUser>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
