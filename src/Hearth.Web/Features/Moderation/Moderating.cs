using System.Security.Claims;
using Hearth.Web.Data;
using Hearth.Web.Features.Accounts;
using Hearth.Web.Features.Discussion;
using Hearth.Web.Features.Groups;
using Hearth.Web.Features.Safety;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Hearth.Web.Features.Moderation;

/// <summary>A post waiting for a moderator: reported, flagged by the risk check, or held for review.</summary>
public sealed record QueueItem(
    int PostId,
    int GroupId,
    string GroupName,
    string Author,
    PostState State,
    RiskLevel Flag,
    bool PostedAnyway,
    int Reports,
    bool ReportedAtRisk,
    DateTime Since)
{
    /// <summary>Someone may be at risk: before anything else.</summary>
    public bool IsPriority => Flag == RiskLevel.Urgent || ReportedAtRisk;
}

/// <summary>
/// Who may moderate what, and every moderation action. A group's organisers and co-organisers moderate their group;
/// the network's moderators and admins every group; only admins ban from the network. Each action is written to the
/// audit log in the same save as the change it records.
/// </summary>
public sealed class Moderating(HearthDb db, DiscussionNotices notices, UserManager<HearthUser> users, TimeProvider clock, IOptions<ModerationOptions> options)
{
    public static bool IsNetworkModerator(ClaimsPrincipal viewer) =>
        viewer.IsInRole(NetworkRoles.Moderator) || viewer.IsInRole(NetworkRoles.Admin);

    /// <summary>The groups whose posts the viewer moderates; null means every group.</summary>
    public async Task<List<int>?> GroupsAsync(ClaimsPrincipal viewer, CancellationToken cancellationToken)
    {
        if (IsNetworkModerator(viewer))
        {
            return null;
        }

        var userId = users.GetUserId(viewer);
        return await db.GroupMembers.AsNoTracking()
            .Where(m => m.UserId == userId && (m.Role == GroupRole.Organiser || m.Role == GroupRole.CoOrganiser))
            .Select(m => m.GroupId).ToListAsync(cancellationToken);
    }

    public async Task<bool> CanModerateAsync(ClaimsPrincipal viewer, int groupId, CancellationToken cancellationToken) =>
        await GroupsAsync(viewer, cancellationToken) is not { } groups || groups.Contains(groupId);

    /// <summary>Adds a report; false if this person already reported the post. Enough open reports hide it.</summary>
    public async Task<bool> ReportAsync(Post post, string reporterId, ReportReason reason, string? note, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        db.Reports.Add(new Report { PostId = post.Id, ReporterId = reporterId, Reason = reason, Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim(), CreatedAt = now });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return false;
        }

        var open = await db.Reports.CountAsync(r => r.PostId == post.Id && r.ReviewedAt == null, cancellationToken);
        if (open >= options.Value.HideAfterReports)
        {
            // Only the request that moves it from published writes the log entry.
            var hidden = await db.Posts.Where(p => p.Id == post.Id && p.State == PostState.Published)
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.State, PostState.Hidden), cancellationToken);
            if (hidden == 1)
            {
                db.ModerationLog.Add(new ModerationEntry { At = now, GroupId = post.GroupId, PostId = post.Id, SubjectId = post.AuthorId, Action = ModerationAction.HiddenAutomatically, Note = $"{open} reports" });
                await db.SaveChangesAsync(cancellationToken);
            }
        }

        return true;
    }

    public async Task<IReadOnlyList<QueueItem>> QueueAsync(ClaimsPrincipal viewer, CancellationToken cancellationToken)
    {
        var groups = await GroupsAsync(viewer, cancellationToken);
        var candidates = db.Posts.AsNoTracking().Where(p => p.DeletedAt == null
            && (p.State == PostState.Held
                || db.Reports.Any(r => r.PostId == p.Id && r.ReviewedAt == null)
                || db.SafetyFlags.Any(f => f.PostId == p.Id && f.ReviewedAt == null)));
        if (groups is not null)
        {
            candidates = candidates.Where(p => groups.Contains(p.GroupId));
        }

        var rows = await (from p in candidates
                          join g in db.Groups on p.GroupId equals g.Id
                          join u in db.Users on p.AuthorId equals u.Id into authors
                          from u in authors.DefaultIfEmpty()
                          let flag = db.SafetyFlags.FirstOrDefault(f => f.PostId == p.Id && f.ReviewedAt == null)
                          select new
                          {
                              p.Id,
                              p.GroupId,
                              GroupName = g.Name,
                              Author = u == null ? "" : u.DisplayName,
                              p.State,
                              Flag = flag == null ? (RiskLevel?)null : flag.Level,
                              PostedAnyway = flag != null && flag.PostedAnyway,
                              FlaggedAt = flag == null ? (DateTime?)null : flag.CreatedAt,
                              Reports = db.Reports.Count(r => r.PostId == p.Id && r.ReviewedAt == null),
                              AtRisk = db.Reports.Any(r => r.PostId == p.Id && r.ReviewedAt == null && r.Reason == ReportReason.AtRisk),
                              FirstReport = db.Reports.Where(r => r.PostId == p.Id && r.ReviewedAt == null).Min(r => (DateTime?)r.CreatedAt),
                              p.CreatedAt,
                          }).Take(500).ToListAsync(cancellationToken);
        return [.. rows
            .Select(r => new QueueItem(r.Id, r.GroupId, r.GroupName, r.Author, r.State, r.Flag ?? RiskLevel.None, r.PostedAnyway, r.Reports, r.AtRisk,
                new[] { r.FlaggedAt, r.FirstReport, r.State == PostState.Held ? r.CreatedAt : null }.Where(d => d is not null).Min() ?? r.CreatedAt))
            .OrderByDescending(i => i.IsPriority)
            .ThenBy(i => i.Since)];
    }

    /// <summary>Keep (restoring a hidden or held post) or hide: either settles every open report and flag on the post.</summary>
    public async Task SettleAsync(Post post, string moderatorId, bool keep, string? note, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var wasPublished = post.State == PostState.Published;
        var wasHeld = post.State == PostState.Held;
        var tracked = await db.Posts.SingleAsync(p => p.Id == post.Id, cancellationToken);
        tracked.State = keep ? PostState.Published : PostState.Hidden;
        var action = keep ? (wasPublished ? ModerationAction.Kept : ModerationAction.Restored) : ModerationAction.Hidden;
        db.ModerationLog.Add(new ModerationEntry { At = now, ModeratorId = moderatorId, GroupId = post.GroupId, PostId = post.Id, SubjectId = post.AuthorId, Action = action, Note = Clean(note) });
        var reporters = await db.Reports.Where(r => r.PostId == post.Id && r.ReviewedAt == null).Select(r => r.ReporterId).ToListAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await db.Reports.Where(r => r.PostId == post.Id && r.ReviewedAt == null).ExecuteUpdateAsync(s => s.SetProperty(r => r.ReviewedAt, now), cancellationToken);
        await db.SafetyFlags.Where(f => f.PostId == post.Id && f.ReviewedAt == null).ExecuteUpdateAsync(s => s.SetProperty(f => f.ReviewedAt, now), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        foreach (var reporter in reporters)
        {
            await notices.ToAsync(reporter, post.GroupId, post.TopicId, null, DiscussionNoticeKind.ReportReviewed, null, cancellationToken);
        }

        if (keep && wasHeld && post.TopicId is not null)
        {
            // Released after review: the topic moves up and the people in it hear about it now.
            await db.Topics.Where(t => t.Id == post.TopicId).ExecuteUpdateAsync(s => s.SetProperty(t => t.LastPostAt, now), cancellationToken);
            await notices.ReplyAsync(tracked, cancellationToken);
        }
    }

    /// <summary>A warning the author reads in their notifications, with the moderator's note.</summary>
    public async Task WarnAsync(Post post, string moderatorId, string note, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        db.ModerationLog.Add(new ModerationEntry { At = now, ModeratorId = moderatorId, GroupId = post.GroupId, PostId = post.Id, SubjectId = post.AuthorId, Action = ModerationAction.Warned, Note = Clean(note) });
        await db.SaveChangesAsync(cancellationToken);
        await notices.ToAsync(post.AuthorId!, post.GroupId, post.TopicId, post.Id, DiscussionNoticeKind.Warning, Clean(note), cancellationToken);
    }

    /// <summary>The author may read the group but not post, reply or react until then. False if they are no longer a member.</summary>
    public async Task<bool> SuspendAsync(Post post, string moderatorId, int days, string? note, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var until = now.AddDays(days);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var changed = await db.GroupMembers.Where(m => m.GroupId == post.GroupId && m.UserId == post.AuthorId)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.SuspendedUntil, until), cancellationToken);
        if (changed == 0)
        {
            return false;
        }

        db.ModerationLog.Add(new ModerationEntry { At = now, ModeratorId = moderatorId, GroupId = post.GroupId, PostId = post.Id, SubjectId = post.AuthorId, Action = ModerationAction.Suspended, Note = Clean(note), Until = until });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>Admins only: the author is signed out everywhere and cannot sign in again.</summary>
    public async Task BanAsync(Post post, string adminId, string? note, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var author = await users.FindByIdAsync(post.AuthorId!) ?? throw new InvalidOperationException("The author's account is gone.");
        author.BannedAt = now;
        await users.SetLockoutEnabledAsync(author, true);
        await users.SetLockoutEndDateAsync(author, DateTimeOffset.MaxValue);
        await users.UpdateSecurityStampAsync(author);
        await db.UserSessions.Where(s => s.UserId == author.Id && s.EndedAt == null).ExecuteUpdateAsync(s => s.SetProperty(x => x.EndedAt, now), cancellationToken);
        db.ModerationLog.Add(new ModerationEntry { At = now, ModeratorId = adminId, GroupId = post.GroupId, PostId = post.Id, SubjectId = post.AuthorId, Action = ModerationAction.Banned, Note = Clean(note) });
        await db.SaveChangesAsync(cancellationToken);
    }

    private static string? Clean(string? note) => string.IsNullOrWhiteSpace(note) ? null : note.Trim();
}
