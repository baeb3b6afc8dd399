using Hearth.Web.Data;
using Hearth.Web.Features.Groups;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Web.Features.Discussion;

/// <summary>
/// In-app notices about the discussion (read on <c>/notifications</c>). None for someone taking a break from the
/// group, nor between two people when either blocked the other, nor for anyone who has left the group.
/// </summary>
public sealed class DiscussionNotices(HearthDb db, TimeProvider clock)
{
    /// <summary>A new reply: everyone else taking part in the topic (who started it or replied).</summary>
    public async Task ReplyAsync(Post post, CancellationToken cancellationToken)
    {
        var taking = await db.Posts.AsNoTracking()
            .Where(p => p.TopicId == post.TopicId && p.AuthorId != null && p.DeletedAt == null)
            .Select(p => p.AuthorId!).Distinct().ToListAsync(cancellationToken);
        await SendAsync(post, taking, DiscussionNoticeKind.Reply, cancellationToken);
    }

    /// <summary>A new announcement: every member of the group.</summary>
    public async Task AnnouncementAsync(Post post, CancellationToken cancellationToken)
    {
        var members = await db.GroupMembers.AsNoTracking().Where(m => m.GroupId == post.GroupId).Select(m => m.UserId).ToListAsync(cancellationToken);
        await SendAsync(post, members, DiscussionNoticeKind.Announcement, cancellationToken);
    }

    /// <summary>To one person, whatever their break (a moderator's warning, a report reviewed).</summary>
    public async Task ToAsync(string userId, int groupId, int? topicId, int? postId, DiscussionNoticeKind kind, string? note, CancellationToken cancellationToken)
    {
        db.DiscussionNotices.Add(new DiscussionNotice
        {
            UserId = userId,
            GroupId = groupId,
            TopicId = topicId,
            PostId = postId,
            Kind = kind,
            Note = note,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        });
        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task SendAsync(Post post, List<string> candidates, DiscussionNoticeKind kind, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var author = post.AuthorId;
        var blocked = await db.Blocks.AsNoTracking()
            .Where(b => b.BlockerId == author || b.BlockedId == author)
            .Select(b => b.BlockerId == author ? b.BlockedId : b.BlockerId).ToListAsync(cancellationToken);
        var current = await db.GroupMembers.AsNoTracking()
            .Where(m => m.GroupId == post.GroupId && candidates.Contains(m.UserId) && (m.BreakUntil == null || m.BreakUntil <= now))
            .Select(m => m.UserId).ToListAsync(cancellationToken);
        foreach (var userId in current.Where(id => id != author && !blocked.Contains(id)))
        {
            db.DiscussionNotices.Add(new DiscussionNotice { UserId = userId, GroupId = post.GroupId, TopicId = post.TopicId, PostId = post.Id, Kind = kind, CreatedAt = now });
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
