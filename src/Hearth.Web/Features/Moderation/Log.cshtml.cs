using Hearth.Web.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Web.Features.Moderation;

/// <summary>
/// The audit log, newest first: read-only for everyone. Organisers read their own groups' entries, the network's
/// moderators and admins every entry.
/// </summary>
public sealed class LogModel(HearthDb db, Moderating moderating) : PageModel
{
    public const int PageSize = 100;

    public sealed record Line(long Id, DateTime At, ModerationAction Action, string? Moderator, string? Group, string? Subject, string? Note, DateTime? Until);

    public IReadOnlyList<Line> Entries { get; private set; } = [];

    public int PageNumber { get; private set; } = 1;

    public bool HasMore { get; private set; }

    public async Task<IActionResult> OnGetAsync(int p = 1, CancellationToken cancellationToken = default)
    {
        var groups = await moderating.GroupsAsync(User, cancellationToken);
        if (groups is { Count: 0 })
        {
            return NotFound();
        }

        PageNumber = Math.Max(1, p);
        var entries = db.ModerationLog.AsNoTracking();
        if (groups is not null)
        {
            entries = entries.Where(e => e.GroupId != null && groups.Contains(e.GroupId.Value));
        }

        var rows = await (from e in entries
                          join g in db.Groups on e.GroupId equals g.Id into gs
                          from g in gs.DefaultIfEmpty()
                          join m in db.Users on e.ModeratorId equals m.Id into ms
                          from m in ms.DefaultIfEmpty()
                          join s in db.Users on e.SubjectId equals s.Id into ss
                          from s in ss.DefaultIfEmpty()
                          orderby e.At descending, e.Id descending
                          select new Line(e.Id, e.At, e.Action, e.ModeratorId == null ? null : m == null ? "" : m.DisplayName, g == null ? null : g.Name, e.SubjectId == null ? null : s == null ? "" : s.DisplayName, e.Note, e.Until))
                         .Skip((PageNumber - 1) * PageSize).Take(PageSize + 1).ToListAsync(cancellationToken);
        HasMore = rows.Count > PageSize;
        Entries = HasMore ? [.. rows.Take(PageSize)] : rows;
        return Page();
    }
}
