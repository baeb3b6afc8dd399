using Hearth.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Web.Features.Groups;

/// <summary>
/// My groups: the groups I belong to (those I am taking a break from folded away at the end), where I am waiting
/// to join, and my conversations with organisers.
/// </summary>
public sealed class MineModel(HearthDb db, UserManager<Accounts.HearthUser> users, TimeProvider clock) : PageModel
{
    public sealed record MyGroup(string Slug, string Name, GroupRole Role, DateTime? BreakUntil, int UnreadChats);

    public sealed record Waiting(string Slug, string Name, JoinRequestState State);

    public sealed record MyChat(string Slug, string Name, bool Unread);

    public IReadOnlyList<MyGroup> Active { get; private set; } = [];

    public IReadOnlyList<MyGroup> OnBreak { get; private set; } = [];

    public IReadOnlyList<Waiting> Joining { get; private set; } = [];

    public IReadOnlyList<MyChat> Chats { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var userId = users.GetUserId(User)!;
        var now = clock.GetUtcNow().UtcDateTime;
        var groups = await (from m in db.GroupMembers.AsNoTracking()
                            join g in db.Groups on m.GroupId equals g.Id
                            where m.UserId == userId
                            orderby g.Name
                            select new MyGroup(
                                g.Slug, g.Name, m.Role, m.BreakUntil,
                                m.Role == GroupRole.Member ? 0 : db.Conversations.Count(c => c.GroupId == g.Id && (c.OrganisersReadAt == null || c.OrganisersReadAt < c.LastMessageAt))))
                           .ToListAsync(cancellationToken);
        Active = [.. groups.Where(g => !(g.BreakUntil > now))];
        OnBreak = [.. groups.Where(g => g.BreakUntil > now)];
        Joining = await (from r in db.JoinRequests.AsNoTracking()
                         join g in db.Groups on r.GroupId equals g.Id
                         where r.UserId == userId
                         orderby g.Name
                         select new Waiting(g.Slug, g.Name, r.State)).ToListAsync(cancellationToken);
        Chats = await (from c in db.Conversations.AsNoTracking()
                       join g in db.Groups on c.GroupId equals g.Id
                       where c.PersonId == userId
                       orderby c.LastMessageAt descending
                       select new MyChat(g.Slug, g.Name, c.PersonReadAt == null || c.PersonReadAt < c.LastMessageAt)).ToListAsync(cancellationToken);
    }
}
