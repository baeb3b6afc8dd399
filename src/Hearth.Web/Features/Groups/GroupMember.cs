using Hearth.Web.Features.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Hearth.Web.Features.Groups;

public enum GroupRole
{
    Member,

    /// <summary>The organiser's "buddy": shares the work, so the group survives when one of them cannot go on.</summary>
    CoOrganiser,

    Organiser,
}

/// <summary>A person's membership of a group. Who belongs is known to the group's members only.</summary>
public sealed class GroupMember
{
    public int Id { get; set; }

    public int GroupId { get; set; }

    public required string UserId { get; set; }

    public GroupRole Role { get; set; }

    public DateTime JoinedAt { get; set; }

    /// <summary>The <see cref="Group.AgreementVersion"/> they accepted when joining.</summary>
    public int AgreementVersionAccepted { get; set; }

    /// <summary>"Taking a break" until then: the group is out of the way on my pages and sends me no notices.</summary>
    public DateTime? BreakUntil { get; set; }

    /// <summary>Suspended by a moderator until then: reads the group but cannot post, reply or react.</summary>
    public DateTime? SuspendedUntil { get; set; }

    public bool IsOnBreak(DateTime now) => BreakUntil > now;

    public bool IsSuspended(DateTime now) => SuspendedUntil > now;

    public bool CanOrganise => Role is GroupRole.Organiser or GroupRole.CoOrganiser;
}

internal sealed class GroupMemberConfiguration : IEntityTypeConfiguration<GroupMember>
{
    public void Configure(EntityTypeBuilder<GroupMember> builder)
    {
        builder.Property(m => m.Role).HasConversion<string>().HasMaxLength(20);
        builder.HasIndex(m => new { m.GroupId, m.UserId }).IsUnique();
        builder.HasIndex(m => m.UserId);
        builder.HasOne<Group>().WithMany().HasForeignKey(m => m.GroupId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<HearthUser>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
