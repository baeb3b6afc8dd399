using Hearth.Web.Data;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Hearth.Web.Features.Meetings;

/// <summary>A group's meetings read from the database and expanded: what the group page and the feeds show.</summary>
public sealed class MeetingCalendar(HearthDb db, TimeProvider clock)
{
    public Instant Now => Instant.FromDateTimeOffset(clock.GetUtcNow());

    public async Task<(List<MeetingSeries> Series, List<MeetingChange> Changes)> LoadAsync(int groupId, CancellationToken cancellationToken)
    {
        var series = await db.MeetingSeries.AsNoTracking().Where(s => s.GroupId == groupId).OrderBy(s => s.Id).ToListAsync(cancellationToken);
        var ids = series.Select(s => s.Id).ToList();
        var changes = await db.MeetingChanges.AsNoTracking().Where(e => ids.Contains(e.SeriesId)).ToListAsync(cancellationToken);
        return (series, changes);
    }

    /// <summary>Occurrences of all the group's series from now (meetings under way included) for <paramref name="days"/> days.</summary>
    public async Task<List<Occurrence>> UpcomingAsync(int groupId, int days, CancellationToken cancellationToken)
    {
        var (series, changes) = await LoadAsync(groupId, cancellationToken);
        return Upcoming(series, changes, days);
    }

    public List<Occurrence> Upcoming(IEnumerable<MeetingSeries> series, IReadOnlyCollection<MeetingChange> changes, int days)
    {
        var now = Now;
        return [.. series
            .SelectMany(s => Recurrence.Between(s, changes, now - Duration.FromMinutes(s.DurationMinutes), now + Duration.FromDays(days)))
            .Where(o => o.End.ToInstant() > now)
            .OrderBy(o => o.Start.ToInstant())];
    }

    /// <summary>The occurrence a series' rule gives on <paramref name="date"/>, if it gives one.</summary>
    public async Task<Occurrence?> FindAsync(MeetingSeries series, LocalDate date, CancellationToken cancellationToken)
    {
        if (!Recurrence.Dates(series).TakeWhile(d => d <= date).Contains(date))
        {
            return null;
        }

        var change = await db.MeetingChanges.AsNoTracking().SingleOrDefaultAsync(e => e.SeriesId == series.Id && e.OccurrenceDate == date.ToDateOnly(), cancellationToken);
        return Find(series, date, change);
    }

    /// <summary>The occurrence on <paramref name="date"/> with its change (if any) already in hand, or null if the rule gives no meeting that day.</summary>
    public static Occurrence? Find(MeetingSeries series, LocalDate date, IReadOnlyCollection<MeetingChange> changes)
    {
        var onDate = date.ToDateOnly();
        return Recurrence.Dates(series).TakeWhile(d => d <= date).Contains(date)
            ? Find(series, date, changes.SingleOrDefault(c => c.SeriesId == series.Id && c.OccurrenceDate == onDate))
            : null;
    }

    private static Occurrence Find(MeetingSeries series, LocalDate date, MeetingChange? change)
    {
        var zone = Recurrence.FindZone(series.TimeZone) ?? DateTimeZone.Utc;
        var ruleStart = Recurrence.Resolve(date + series.StartTime.ToLocalTime(), zone);
        var start = change is { IsCancelled: false } && (change.MovedToDate is not null || change.MovedToTime is not null)
            ? Recurrence.Resolve((change.MovedToDate?.ToLocalDate() ?? date) + (change.MovedToTime?.ToLocalTime() ?? series.StartTime.ToLocalTime()), zone)
            : ruleStart;
        return new Occurrence(series, date, start, start.Plus(Duration.FromMinutes(series.DurationMinutes)), change);
    }
}
