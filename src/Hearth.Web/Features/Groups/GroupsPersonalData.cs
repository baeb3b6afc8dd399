using Hearth.Web.Data;
using Hearth.Web.Features.Accounts;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Web.Features.Groups;

/// <summary>
/// A person's groups in their export: memberships, requests and waiting lists, and their conversations with
/// organisers. At erasure these go with the account (cascade); replies they wrote as an organiser in other people's
/// conversations are erased too if they chose that, and otherwise stay under "a former member".
/// </summary>
internal sealed class GroupsPersonalData(HearthDb db) : IPersonalData
{
    public string Section => "groups";

    public async Task<object?> ExportAsync(string userId, CancellationToken cancellationToken)
    {
        var memberships = await (from m in db.GroupMembers.AsNoTracking()
                                 join g in db.Groups on m.GroupId equals g.Id
                                 where m.UserId == userId
                                 orderby g.Name
                                 select new { Group = g.Name, Role = m.Role.ToString(), m.JoinedAt, m.AgreementVersionAccepted, m.BreakUntil })
                                .ToListAsync(cancellationToken);
        var requests = await (from r in db.JoinRequests.AsNoTracking()
                              join g in db.Groups on r.GroupId equals g.Id
                              where r.UserId == userId
                              orderby g.Name
                              select new { Group = g.Name, State = r.State.ToString(), r.Message, r.CreatedAt, r.OfferedUntil, r.DeclineReason })
                             .ToListAsync(cancellationToken);
        var conversations = await (from c in db.Conversations.AsNoTracking()
                                   join g in db.Groups on c.GroupId equals g.Id
                                   where c.PersonId == userId
                                   orderby c.StartedAt
                                   select new
                                   {
                                       Group = g.Name,
                                       c.StartedAt,
                                       Messages = db.ConversationMessages
                                           .Where(m => m.ConversationId == c.Id)
                                           .OrderBy(m => m.SentAt)
                                           .Select(m => new { From = m.FromOrganisers ? "organisers" : "me", m.Body, m.SentAt })
                                           .ToList(),
                                   }).ToListAsync(cancellationToken);
        var repliesAsOrganiser = await (from m in db.ConversationMessages.AsNoTracking()
                                        join c in db.Conversations on m.ConversationId equals c.Id
                                        join g in db.Groups on c.GroupId equals g.Id
                                        where m.AuthorId == userId && c.PersonId != userId
                                        orderby m.SentAt
                                        select new { Group = g.Name, m.Body, m.SentAt }).ToListAsync(cancellationToken);
        return new { memberships, requests, conversations, repliesAsOrganiser };
    }

    public async Task EraseAsync(string userId, bool eraseContributions, CancellationToken cancellationToken)
    {
        if (eraseContributions)
        {
            await db.ConversationMessages.Where(m => m.AuthorId == userId).ExecuteDeleteAsync(cancellationToken);
        }
    }
}
