using Hearth.Web.Data;
using Hearth.Web.Features.Accounts;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Web.Features.Discussion;

/// <summary>
/// A person's part of the discussion in their export: what they wrote (with its group and topic), their reactions,
/// blocks, muted words and reports. Nothing anyone else wrote. At erasure reactions, blocks, notices and reports go
/// with the account (cascade); posts stay under "a former member" unless the person chose to erase them too, in
/// which case their words are removed and their topics closed as if they had deleted them.
/// </summary>
internal sealed class DiscussionPersonalData(HearthDb db, TimeProvider clock) : IPersonalData
{
    public string Section => "discussion";

    public async Task<object?> ExportAsync(string userId, CancellationToken cancellationToken)
    {
        var posts = await (from p in db.Posts.AsNoTracking()
                           join g in db.Groups on p.GroupId equals g.Id
                           join t in db.Topics on p.TopicId equals t.Id into ts
                           from t in ts.DefaultIfEmpty()
                           where p.AuthorId == userId && p.DeletedAt == null
                           orderby p.CreatedAt
                           select new { Group = g.Name, Topic = t == null ? null : t.Title, p.Body, p.ContentWarning, p.CreatedAt, p.EditedAt, State = p.State.ToString() })
                          .ToListAsync(cancellationToken);
        var reactions = await db.Reactions.AsNoTracking().Where(r => r.UserId == userId).OrderBy(r => r.CreatedAt)
            .Select(r => new { Kind = r.Kind.ToString(), r.CreatedAt }).ToListAsync(cancellationToken);
        var blocked = await (from b in db.Blocks.AsNoTracking()
                             join u in db.Users on b.BlockedId equals u.Id
                             where b.BlockerId == userId
                             select new { u.DisplayName, b.CreatedAt }).ToListAsync(cancellationToken);
        var mutedWords = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.MutedWords).SingleAsync(cancellationToken);
        var reports = await db.Reports.AsNoTracking().Where(r => r.ReporterId == userId).OrderBy(r => r.CreatedAt)
            .Select(r => new { Reason = r.Reason.ToString(), r.Note, r.CreatedAt, r.ReviewedAt }).ToListAsync(cancellationToken);
        return new { posts, reactions, blocked, mutedWords = Reading.MutedWordList(mutedWords), reports };
    }

    public async Task EraseAsync(string userId, bool eraseContributions, CancellationToken cancellationToken)
    {
        if (!eraseContributions)
        {
            return;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        await db.Topics.Where(t => t.AuthorId == userId && t.DeletedAt == null).ExecuteUpdateAsync(s => s.SetProperty(t => t.DeletedAt, now), cancellationToken);
        await db.Posts.Where(p => p.AuthorId == userId).ExecuteUpdateAsync(s => s
            .SetProperty(p => p.Body, "").SetProperty(p => p.BodyHtml, "").SetProperty(p => p.ContentWarning, (string?)null)
            .SetProperty(p => p.DeletedAt, p => p.DeletedAt ?? now), cancellationToken);
    }
}
