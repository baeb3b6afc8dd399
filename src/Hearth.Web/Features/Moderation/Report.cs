using Hearth.Web.Features.Accounts;
using Hearth.Web.Features.Discussion;
using Hearth.Web.Features.Groups;
using Hearth.Web.Features.Safety;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Hearth.Web.Features.Moderation;

public enum ReportReason
{
    /// <summary>Looked at first, with the risk check's urgent flags.</summary>
    AtRisk,
    Unkind,
    Competitive,
    PrivateDetails,
    Spam,
    Other,
}

/// <summary>A member's report of a post. One per person per post; the reporter is told it was reviewed, never what happened.</summary>
public sealed class Report
{
    public const int NoteMaxLength = 500;

    public int Id { get; set; }

    public int PostId { get; set; }

    public required string ReporterId { get; set; }

    public ReportReason Reason { get; set; }

    public string? Note { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime? ReviewedAt { get; set; }
}

/// <summary>
/// The risk check's private flag on a post, for the group's organisers and the network's moderators. Urgent flags
/// come first in the queue. One per post: a later edit can raise it again.
/// </summary>
public sealed class SafetyFlag
{
    public const int ReasonMaxLength = 200;

    public int Id { get; set; }

    public int PostId { get; set; }

    public RiskLevel Level { get; set; }

    public required string Reason { get; set; }

    /// <summary>The author saw the supportive page and chose to post anyway.</summary>
    public bool PostedAnyway { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime? ReviewedAt { get; set; }
}

public enum ModerationAction
{
    Kept,
    Hidden,
    HiddenAutomatically,
    HeldAutomatically,
    Restored,
    Warned,
    Suspended,
    Banned,
}

/// <summary>
/// The audit log: every moderation action, by whom and why. Rows are only ever added: no page or handler edits or
/// deletes one, and moderators read it at <c>/moderation/log</c>.
/// </summary>
public sealed class ModerationEntry
{
    public const int NoteMaxLength = 500;

    public long Id { get; set; }

    public DateTime At { get; set; }

    /// <summary>Null when Hearth acted by itself (auto-hide after reports, links held for review).</summary>
    public string? ModeratorId { get; set; }

    public int? GroupId { get; set; }

    public int? PostId { get; set; }

    /// <summary>The person the action was about (the post's author).</summary>
    public string? SubjectId { get; set; }

    public ModerationAction Action { get; set; }

    public string? Note { get; set; }

    /// <summary>For a suspension: until when.</summary>
    public DateTime? Until { get; set; }
}

internal sealed class ReportConfiguration : IEntityTypeConfiguration<Report>
{
    public void Configure(EntityTypeBuilder<Report> builder)
    {
        builder.Property(r => r.Reason).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.Note).HasMaxLength(Report.NoteMaxLength);
        builder.HasIndex(r => new { r.PostId, r.ReporterId }).IsUnique();
        builder.HasIndex(r => r.ReporterId);
        builder.HasOne<Post>().WithMany().HasForeignKey(r => r.PostId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<HearthUser>().WithMany().HasForeignKey(r => r.ReporterId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SafetyFlagConfiguration : IEntityTypeConfiguration<SafetyFlag>
{
    public void Configure(EntityTypeBuilder<SafetyFlag> builder)
    {
        builder.Property(f => f.Level).HasConversion<string>().HasMaxLength(20);
        builder.Property(f => f.Reason).HasMaxLength(SafetyFlag.ReasonMaxLength);
        builder.HasIndex(f => f.PostId).IsUnique();
        builder.HasIndex(f => f.ReviewedAt);
        builder.HasOne<Post>().WithMany().HasForeignKey(f => f.PostId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ModerationEntryConfiguration : IEntityTypeConfiguration<ModerationEntry>
{
    public void Configure(EntityTypeBuilder<ModerationEntry> builder)
    {
        builder.Property(e => e.Action).HasConversion<string>().HasMaxLength(30);
        builder.Property(e => e.Note).HasMaxLength(ModerationEntry.NoteMaxLength);
        builder.HasIndex(e => e.At);
        builder.HasIndex(e => new { e.GroupId, e.At });
        // The log outlives what it mentions: a deleted group, post or account leaves the entry with an empty id.
        builder.HasOne<Group>().WithMany().HasForeignKey(e => e.GroupId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<Post>().WithMany().HasForeignKey(e => e.PostId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<HearthUser>().WithMany().HasForeignKey(e => e.ModeratorId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<HearthUser>().WithMany().HasForeignKey(e => e.SubjectId).OnDelete(DeleteBehavior.SetNull);
    }
}
