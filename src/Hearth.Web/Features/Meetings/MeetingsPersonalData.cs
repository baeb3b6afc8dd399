using Hearth.Web.Data;
using Hearth.Web.Features.Accounts;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Web.Features.Meetings;

/// <summary>
/// A person's answers to meetings, the meetings an organiser marked them as coming to, and whether they have a
/// calendar link, in their export; all go with the account.
/// </summary>
internal sealed class MeetingsPersonalData(HearthDb db) : IPersonalData
{
    public string Section => "meetings";

    public async Task<object?> ExportAsync(string userId, CancellationToken cancellationToken) => new
    {
        answers = await (from r in db.Rsvps.AsNoTracking()
                         join s in db.MeetingSeries on r.SeriesId equals s.Id
                         join g in db.Groups on s.GroupId equals g.Id
                         where r.UserId == userId
                         orderby r.OccurrenceDate
                         select new { Group = g.Name, Meeting = s.Title, Date = r.OccurrenceDate, State = r.State.ToString(), r.UpdatedAt })
                        .ToListAsync(cancellationToken),
        markedAsCame = await (from a in db.AttendanceMarks.AsNoTracking()
                              join s in db.MeetingSeries on a.SeriesId equals s.Id
                              join g in db.Groups on s.GroupId equals g.Id
                              where a.UserId == userId
                              orderby a.OccurrenceDate
                              select new { Group = g.Name, Meeting = s.Title, Date = a.OccurrenceDate })
                             .ToListAsync(cancellationToken),
        calendarLinkMadeAt = await db.CalendarLinks.AsNoTracking().Where(c => c.UserId == userId).Select(c => (DateTime?)c.CreatedAt).SingleOrDefaultAsync(cancellationToken),
    };

    public Task EraseAsync(string userId, bool eraseContributions, CancellationToken cancellationToken) => Task.CompletedTask;
}
