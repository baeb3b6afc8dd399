using Hearth.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Web.Features.Discussion;

/// <summary>A person's own notices about the discussion, newest first; opening the page marks them read.</summary>
public sealed class NotificationsModel(HearthDb db, UserManager<Accounts.HearthUser> users, TimeProvider clock) : PageModel
{
    public sealed record Line(DiscussionNoticeKind Kind, string GroupName, string GroupSlug, int? TopicId, string? TopicTitle, int? PostId, string? Note, DateTime CreatedAt, bool Unread);

    public IReadOnlyList<Line> Notices { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var userId = users.GetUserId(User)!;
        Notices = await (from n in db.DiscussionNotices.AsNoTracking()
                         join g in db.Groups on n.GroupId equals g.Id
                         join t in db.Topics on n.TopicId equals t.Id into ts
                         from t in ts.DefaultIfEmpty()
                         where n.UserId == userId
                         orderby n.CreatedAt descending, n.Id descending
                         select new Line(n.Kind, g.Name, g.Slug, n.TopicId, t == null || t.DeletedAt != null ? null : t.Title, n.PostId, n.Note, n.CreatedAt, n.ReadAt == null))
                        .Take(100).ToListAsync(cancellationToken);
        await db.DiscussionNotices.Where(n => n.UserId == userId && n.ReadAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, clock.GetUtcNow().UtcDateTime), cancellationToken);
    }
}
