using Hearth.Web.Data;
using Hearth.Web.Features.Groups;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Web.Features.Discussion;

/// <summary>
/// A group's topics, for its members only: announcements pinned first, then the most recently active. Nothing is
/// ordered by reactions or by how many replies a topic has.
/// </summary>
public sealed class IndexModel(HearthDb db, Reading reading, UserManager<Accounts.HearthUser> users) : PageModel
{
    public const int PageSize = 30;

    public sealed record Line(int Id, string Title, string Author, bool IsAnnouncement, DateTime CreatedAt, DateTime LastPostAt, bool Unread);

    public GroupAndMe Access { get; private set; } = null!;

    public IReadOnlyList<Line> Topics { get; private set; } = [];

    public int PageNumber { get; private set; } = 1;

    public bool HasMore { get; private set; }

    public string? Done { get; private set; }

    public async Task<IActionResult> OnGetAsync(int p = 1, string? done = null, CancellationToken cancellationToken = default)
    {
        Access = MembersOnly.Of(HttpContext);
        Done = done is "deleted" or "held" or "blocked" ? done : null;
        PageNumber = Math.Max(1, p);
        var userId = users.GetUserId(User)!;
        var filters = await reading.FiltersAsync(userId, cancellationToken);
        var blocked = filters.Blocked.ToList();
        var rows = await (from t in db.Topics.AsNoTracking()
                          join u in db.Users on t.AuthorId equals u.Id into authors
                          from u in authors.DefaultIfEmpty()
                          where t.GroupId == Access.Group.Id && t.DeletedAt == null && (t.AuthorId == null || !blocked.Contains(t.AuthorId))
                          // A topic whose opening post waits for review is seen by its author alone.
                          && !db.Posts.Any(o => o.TopicId == t.Id && o.IsOpening && o.State == PostState.Held && o.AuthorId != userId)
                          orderby t.IsAnnouncement descending, t.LastPostAt descending, t.Id descending
                          select new Line(t.Id, t.Title, u == null ? "" : u.DisplayName, t.IsAnnouncement, t.CreatedAt, t.LastPostAt,
                              db.DiscussionNotices.Any(n => n.UserId == userId && n.TopicId == t.Id && n.ReadAt == null)))
                         .Skip((PageNumber - 1) * PageSize).Take(PageSize + 1).ToListAsync(cancellationToken);
        HasMore = rows.Count > PageSize;
        Topics = HasMore ? [.. rows.Take(PageSize)] : rows;
        return Page();
    }
}
