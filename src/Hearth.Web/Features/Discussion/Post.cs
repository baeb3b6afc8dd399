using Hearth.Web.Features.Accounts;
using Hearth.Web.Features.Groups;
using Hearth.Web.Features.Safety;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Hearth.Web.Features.Discussion;

/// <summary>Who may read a post besides its author.</summary>
public enum PostState
{
    /// <summary>The group's members.</summary>
    Published,

    /// <summary>Waiting for a moderator before anyone else reads it (many links, for example).</summary>
    Held,

    /// <summary>Hidden by a moderator, or automatically after repeated reports, pending review.</summary>
    Hidden,
}

/// <summary>
/// Something a member wrote in their group: a topic's opening post, a reply, or a coping tip's text. Confidential to
/// the group: it appears on no public page, feed, search, notification or anyone else's export.
/// </summary>
public sealed class Post
{
    public const int BodyMaxLength = 20_000;

    public const int WarningMaxLength = 100;

    public int Id { get; set; }

    public int GroupId { get; set; }

    /// <summary>Null for a coping tip's text.</summary>
    public int? TopicId { get; set; }

    /// <summary>Null once the author's account is erased (shown as "a former member").</summary>
    public string? AuthorId { get; set; }

    /// <summary>The Markdown as written.</summary>
    public required string Body { get; set; }

    /// <summary>
    /// The Markdown rendered by <see cref="Shared.SafeMarkdown"/> when it was written, so a long topic is not
    /// rendered again on every read.
    /// </summary>
    public required string BodyHtml { get; set; }

    /// <summary>A label the author gave ("self-harm", "loss"); the body stays folded until someone opens it.</summary>
    public string? ContentWarning { get; set; }

    /// <summary>SHA-256 of the text with spacing and case folded, to refuse the same text posted again and again.</summary>
    public required string Fingerprint { get; set; }

    public bool IsOpening { get; set; }

    public PostState State { get; set; }

    /// <summary>What the risk check said of the latest text; flags for moderators are in <c>SafetyFlags</c>.</summary>
    public RiskLevel Risk { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime? EditedAt { get; set; }

    /// <summary>Deleted by its author: the text is gone, the place in the conversation stays.</summary>
    public DateTime? DeletedAt { get; set; }
}

/// <summary>A conversation in a group. Announcements are topics that organisers pin to the top.</summary>
public sealed class Topic
{
    public const int TitleMaxLength = 120;

    public int Id { get; set; }

    public int GroupId { get; set; }

    public string? AuthorId { get; set; }

    public required string Title { get; set; }

    public bool IsAnnouncement { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>The newest reply's time, to list active topics first.</summary>
    public DateTime LastPostAt { get; set; }

    /// <summary>Deleted by its author (with its opening post): it takes no more replies and leaves the list.</summary>
    public DateTime? DeletedAt { get; set; }
}

/// <summary>Support without ranking: the author alone sees how many; nothing is sorted or highlighted by them.</summary>
public enum ReactionKind
{
    SendingSupport,
    HelpedMe,
    MeToo,
}

public sealed class Reaction
{
    public int Id { get; set; }

    public int PostId { get; set; }

    public required string UserId { get; set; }

    public ReactionKind Kind { get; set; }

    public DateTime CreatedAt { get; set; }
}

/// <summary>One person blocks another: neither sees the other's posts anywhere. The blocked person is not told.</summary>
public sealed class Block
{
    public int Id { get; set; }

    public required string BlockerId { get; set; }

    public required string BlockedId { get; set; }

    public DateTime CreatedAt { get; set; }
}

public enum DiscussionNoticeKind
{
    Reply,
    Announcement,

    /// <summary>Something the person reported was looked at (never what was decided).</summary>
    ReportReviewed,

    /// <summary>A moderator's warning about something the person wrote, with their note.</summary>
    Warning,
}

/// <summary>An in-app notification about the discussion, read on <c>/notifications</c>.</summary>
public sealed class DiscussionNotice
{
    public const int NoteMaxLength = 500;

    public int Id { get; set; }

    public required string UserId { get; set; }

    public int GroupId { get; set; }

    public int? TopicId { get; set; }

    public int? PostId { get; set; }

    public DiscussionNoticeKind Kind { get; set; }

    public string? Note { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime? ReadAt { get; set; }

    /// <summary>Included in an email digest (for people who chose digests).</summary>
    public DateTime? EmailedAt { get; set; }
}

internal sealed class PostConfiguration : IEntityTypeConfiguration<Post>
{
    public void Configure(EntityTypeBuilder<Post> builder)
    {
        builder.Property(p => p.Body).HasMaxLength(Post.BodyMaxLength);
        builder.Property(p => p.ContentWarning).HasMaxLength(Post.WarningMaxLength);
        builder.Property(p => p.Fingerprint).HasMaxLength(64);
        builder.Property(p => p.State).HasConversion<string>().HasMaxLength(20);
        builder.Property(p => p.Risk).HasConversion<string>().HasMaxLength(20);
        builder.HasIndex(p => new { p.TopicId, p.CreatedAt });
        builder.HasIndex(p => new { p.AuthorId, p.CreatedAt });
        builder.HasIndex(p => p.GroupId);
        builder.HasOne<Group>().WithMany().HasForeignKey(p => p.GroupId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Topic>().WithMany().HasForeignKey(p => p.TopicId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<HearthUser>().WithMany().HasForeignKey(p => p.AuthorId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class TopicConfiguration : IEntityTypeConfiguration<Topic>
{
    public void Configure(EntityTypeBuilder<Topic> builder)
    {
        builder.Property(t => t.Title).HasMaxLength(Topic.TitleMaxLength);
        builder.HasIndex(t => new { t.GroupId, t.LastPostAt });
        builder.HasIndex(t => t.AuthorId);
        builder.HasOne<Group>().WithMany().HasForeignKey(t => t.GroupId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<HearthUser>().WithMany().HasForeignKey(t => t.AuthorId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class ReactionConfiguration : IEntityTypeConfiguration<Reaction>
{
    public void Configure(EntityTypeBuilder<Reaction> builder)
    {
        builder.Property(r => r.Kind).HasConversion<string>().HasMaxLength(20);
        builder.HasIndex(r => new { r.PostId, r.UserId, r.Kind }).IsUnique();
        builder.HasIndex(r => r.UserId);
        builder.HasOne<Post>().WithMany().HasForeignKey(r => r.PostId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<HearthUser>().WithMany().HasForeignKey(r => r.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class BlockConfiguration : IEntityTypeConfiguration<Block>
{
    public void Configure(EntityTypeBuilder<Block> builder)
    {
        builder.HasIndex(b => new { b.BlockerId, b.BlockedId }).IsUnique();
        builder.HasIndex(b => b.BlockedId);
        builder.HasOne<HearthUser>().WithMany().HasForeignKey(b => b.BlockerId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<HearthUser>().WithMany().HasForeignKey(b => b.BlockedId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class DiscussionNoticeConfiguration : IEntityTypeConfiguration<DiscussionNotice>
{
    public void Configure(EntityTypeBuilder<DiscussionNotice> builder)
    {
        builder.Property(n => n.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(n => n.Note).HasMaxLength(DiscussionNotice.NoteMaxLength);
        builder.HasIndex(n => new { n.UserId, n.CreatedAt });
        builder.HasOne<HearthUser>().WithMany().HasForeignKey(n => n.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Group>().WithMany().HasForeignKey(n => n.GroupId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Topic>().WithMany().HasForeignKey(n => n.TopicId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Post>().WithMany().HasForeignKey(n => n.PostId).OnDelete(DeleteBehavior.Cascade);
    }
}
