using Hearth.Web.Features.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Hearth.Web.Features.Groups;

public enum JoinRequestState
{
    /// <summary>Asked to join a closed group; the organisers have not answered yet.</summary>
    Requested,

    /// <summary>May join, but the group is full: on the waiting list, in order of <see cref="JoinRequest.CreatedAt"/>.</summary>
    Waiting,

    /// <summary>A place came free and is held for them until <see cref="JoinRequest.OfferedUntil"/>.</summary>
    Offered,

    /// <summary>The organisers said no, with one of the kind <see cref="DeclineReasons"/>.</summary>
    Declined,
}

/// <summary>
/// A person on their way into a group: a request to a closed group, a place on a waiting list, or a declined
/// request (kept so the person can read the organisers' answer). It becomes a <see cref="GroupMember"/> on joining.
/// </summary>
public sealed class JoinRequest
{
    public int Id { get; set; }

    public int GroupId { get; set; }

    public required string UserId { get; set; }

    public JoinRequestState State { get; set; }

    /// <summary>What the person chose to tell the organisers; optional, seen by organisers only.</summary>
    public string? Message { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>The agreement version they accepted when asking, so accepting them needs nothing more from them.</summary>
    public int AgreementVersionAccepted { get; set; }

    public DateTime? OfferedUntil { get; set; }

    /// <summary>The decline template chosen by the organisers (a key of <see cref="DeclineReasons"/>).</summary>
    public string? DeclineReason { get; set; }

    public DateTime? DecidedAt { get; set; }

    public const int MessageMaxLength = 1000;
}

/// <summary>Decline messages are chosen from kind templates rather than typed, so a "no" never hurts more than it must.</summary>
public static class DeclineReasons
{
    public static readonly IReadOnlyList<string> All = ["full", "not-for-you", "local", "later"];
}

internal sealed class JoinRequestConfiguration : IEntityTypeConfiguration<JoinRequest>
{
    public void Configure(EntityTypeBuilder<JoinRequest> builder)
    {
        builder.Property(r => r.State).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.Message).HasMaxLength(JoinRequest.MessageMaxLength);
        builder.Property(r => r.DeclineReason).HasMaxLength(40);
        builder.HasIndex(r => new { r.GroupId, r.UserId }).IsUnique();
        builder.HasIndex(r => r.UserId);
        builder.HasOne<Group>().WithMany().HasForeignKey(r => r.GroupId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<HearthUser>().WithMany().HasForeignKey(r => r.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
