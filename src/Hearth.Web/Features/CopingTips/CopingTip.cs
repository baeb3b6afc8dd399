using Hearth.Web.Features.Accounts;
using Hearth.Web.Features.Discussion;
using Hearth.Web.Features.Groups;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Hearth.Web.Features.CopingTips;

/// <summary>How a tip shared with the whole network is signed.</summary>
public enum TipSignature
{
    DisplayName,

    /// <summary>"A member of {group}": the author's name stays within the group.</summary>
    GroupMember,
}

/// <summary>
/// "What helps on my worst days": a little trick a member wrote for their group, and optionally for the whole
/// network. Its words, author and moderation state live in its <see cref="Post"/>, so tips are checked, reported,
/// blocked and moderated exactly like the discussion.
/// </summary>
public sealed class CopingTip
{
    public const int TitleMaxLength = 120;

    public static readonly IReadOnlyList<string> Tags =
        ["sleep", "panic", "low-mood", "withdrawal-symptoms", "anxiety", "urges", "grounding", "routine", "connection"];

    public int Id { get; set; }

    public int GroupId { get; set; }

    public int PostId { get; set; }

    public required string Title { get; set; }

    /// <summary>Tag codes as ",code,code," (see <see cref="Vocabulary.Store"/>).</summary>
    public string TagCodes { get; set; } = "";

    public bool SharedWithNetwork { get; set; }

    public TipSignature SignedAs { get; set; }
}

/// <summary>A tip someone saved to their own toolkit. Private to them.</summary>
public sealed class ToolkitEntry
{
    public int Id { get; set; }

    public required string UserId { get; set; }

    public int TipId { get; set; }

    public DateTime SavedAt { get; set; }
}

internal sealed class CopingTipConfiguration : IEntityTypeConfiguration<CopingTip>
{
    public void Configure(EntityTypeBuilder<CopingTip> builder)
    {
        builder.Property(t => t.Title).HasMaxLength(CopingTip.TitleMaxLength);
        builder.Property(t => t.TagCodes).HasMaxLength(200);
        builder.Property(t => t.SignedAs).HasConversion<string>().HasMaxLength(20);
        builder.HasIndex(t => t.PostId).IsUnique();
        builder.HasIndex(t => t.GroupId);
        builder.HasIndex(t => t.SharedWithNetwork);
        builder.HasOne<Group>().WithMany().HasForeignKey(t => t.GroupId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Post>().WithMany().HasForeignKey(t => t.PostId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ToolkitEntryConfiguration : IEntityTypeConfiguration<ToolkitEntry>
{
    public void Configure(EntityTypeBuilder<ToolkitEntry> builder)
    {
        builder.HasIndex(e => new { e.UserId, e.TipId }).IsUnique();
        builder.HasIndex(e => e.TipId);
        builder.HasOne<HearthUser>().WithMany().HasForeignKey(e => e.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<CopingTip>().WithMany().HasForeignKey(e => e.TipId).OnDelete(DeleteBehavior.Cascade);
    }
}
