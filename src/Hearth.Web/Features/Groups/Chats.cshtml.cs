using Hearth.Web.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Web.Features.Groups;

/// <summary>The organisers' list of "come for a chat first" conversations, newest first, unread marked.</summary>
public sealed class ChatsModel(HearthDb db, GroupAccess access) : PageModel
{
    public sealed record Row(int Id, string Person, DateTime LastMessageAt, bool Unread);

    public Group Group { get; private set; } = null!;

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        var found = await access.FindAsync(slug, User, cancellationToken);
        if (found is null || !found.CanOrganise)
        {
            return NotFound();
        }

        Group = found.Group;
        Rows = await (from c in db.Conversations.AsNoTracking()
                      join u in db.Users on c.PersonId equals u.Id
                      where c.GroupId == found.Group.Id
                      orderby c.LastMessageAt descending
                      select new Row(c.Id, u.DisplayName, c.LastMessageAt, c.OrganisersReadAt == null || c.OrganisersReadAt < c.LastMessageAt))
                     .ToListAsync(cancellationToken);
        return Page();
    }
}
