using NodaTime;
using NodaTime.TimeZones;

namespace Hearth.Web.Features.Meetings;

/// <summary>One meeting: the date the rule gave it, when it starts and ends, and what changed about it.</summary>
public sealed record Occurrence(
    MeetingSeries Series,
    LocalDate OriginalDate,
    ZonedDateTime Start,
    ZonedDateTime End,
    MeetingChange? Change)
{
    public bool IsCancelled => Change?.IsCancelled == true;

    public bool IsMoved => Change is { IsCancelled: false } && (Change.MovedToDate is not null || Change.MovedToTime is not null);

    /// <summary>The local time was shifted because the clocks went forward through it (see <see cref="Recurrence.Resolve"/>).</summary>
    public bool WasShifted => Start.TimeOfDay != Series.StartTime.ToLocalTime() && Change?.MovedToTime is null;

    /// <summary>Where this meeting is: <paramref name="online"/> for an online series, else the venue it was moved to or the series' own.</summary>
    public string? Place(string online) => Series.IsOnline ? online : Change?.MovedVenueName ?? Series.VenueName;
}

/// <summary>
/// Expands a series into occurrences with NodaTime: local dates from the rule, then local date + time in the
/// series' zone to an instant. A time that does not exist (clocks go forward through it) moves forward by the
/// gap, as RFC 5545 says; a time that happens twice (clocks go back) is the first of the two.
/// </summary>
public static class Recurrence
{
    /// <summary>No series is expanded further than this from its start, whatever is asked.</summary>
    public const int MaxOccurrences = 1000;

    public static LocalDate ToLocalDate(this DateOnly date) => new(date.Year, date.Month, date.Day);

    public static DateOnly ToDateOnly(this LocalDate date) => new(date.Year, date.Month, date.Day);

    public static LocalTime ToLocalTime(this TimeOnly time) => new(time.Hour, time.Minute);

    public static DateTimeZone? FindZone(string? id) => id is null ? null : DateTimeZoneProviders.Tzdb.GetZoneOrNull(id);

    public static ZonedDateTime Resolve(LocalDateTime local, DateTimeZone zone) =>
        zone.ResolveLocal(local, Resolvers.CreateMappingResolver(Resolvers.ReturnEarlier, Resolvers.ReturnForwardShifted));

    /// <summary>The local dates the rule gives, in order, from the series' start (pauses and end date applied).</summary>
    public static IEnumerable<LocalDate> Dates(MeetingSeries series)
    {
        var start = series.StartDate.ToLocalDate();
        var end = series.EndDate?.ToLocalDate();
        var pauseFrom = series.PauseFrom?.ToLocalDate();
        var pauseUntil = series.PauseUntil?.ToLocalDate();
        var count = 0;
        foreach (var date in RuleDates(series, start))
        {
            if ((end is not null && date > end.Value) || count++ >= MaxOccurrences)
            {
                yield break;
            }

            if (pauseFrom is not null && pauseUntil is not null && date >= pauseFrom.Value && date <= pauseUntil.Value)
            {
                continue;
            }

            yield return date;
        }
    }

    private static IEnumerable<LocalDate> RuleDates(MeetingSeries series, LocalDate start)
    {
        switch (series.Frequency)
        {
            case Frequency.Once:
                yield return start;
                yield break;
            case Frequency.Weekly or Frequency.Fortnightly:
                var step = series.Frequency == Frequency.Weekly ? 7 : 14;
                for (var date = start; ; date = date.PlusDays(step))
                {
                    yield return date;
                }

            case Frequency.Monthly:
                var day = Weekday(series);
                var week = series.WeekOfMonth ?? 1;
                for (var month = new YearMonth(start.Year, start.Month); ; month = month.PlusMonths(1))
                {
                    var date = NthWeekday(month, week, day);
                    if (date >= start)
                    {
                        yield return date;
                    }
                }

            default:
                yield break;
        }
    }

    /// <summary>The weekday a series meets on: a monthly series' chosen day, otherwise its first date's.</summary>
    public static IsoDayOfWeek Weekday(MeetingSeries series) =>
        series.Frequency == Frequency.Monthly && series.DayOfWeek is { } day ? (IsoDayOfWeek)day : series.StartDate.ToLocalDate().DayOfWeek;

    /// <summary>The nth (1–4) or last (-1) given weekday of a month.</summary>
    public static LocalDate NthWeekday(YearMonth month, int week, IsoDayOfWeek day)
    {
        if (week == -1)
        {
            var last = month.OnDayOfMonth(CalendarSystem.Iso.GetDaysInMonth(month.Year, month.Month));
            return last.DayOfWeek == day ? last : last.Previous(day);
        }

        var first = month.OnDayOfMonth(1);
        var firstMatch = first.DayOfWeek == day ? first : first.Next(day);
        return firstMatch.PlusWeeks(week - 1);
    }

    /// <summary>Occurrences starting in [from, to), in start order, with changes applied (cancelled ones included).</summary>
    public static IEnumerable<Occurrence> Between(MeetingSeries series, IReadOnlyCollection<MeetingChange> changes, Instant from, Instant to)
    {
        var zone = FindZone(series.TimeZone) ?? DateTimeZone.Utc;
        var byDate = changes.Where(c => c.SeriesId == series.Id).ToDictionary(c => c.OccurrenceDate.ToLocalDate());
        var duration = Duration.FromMinutes(series.DurationMinutes);
        var time = series.StartTime.ToLocalTime();
        // An occurrence that was not moved starts on its rule's date, which is within a day of the window's dates in any
        // time zone; only a changed one can land elsewhere (up to 62 days away), so only those dates are worked out.
        var first = from.InUtc().Date.PlusDays(-2);
        var last = to.InUtc().Date.PlusDays(2);
        var found = new List<Occurrence>();
        foreach (var date in Dates(series))
        {
            // Moved occurrences may land up to a few weeks away: look a little past the window before stopping.
            if (date > last.PlusDays(62))
            {
                break;
            }

            byDate.TryGetValue(date, out var change);
            if ((date < first || date > last) && change is null)
            {
                continue;
            }

            var ruleStart = Resolve(date + time, zone);
            var start = ruleStart;
            if (change is { IsCancelled: false } && (change.MovedToDate is not null || change.MovedToTime is not null))
            {
                var movedDate = change.MovedToDate?.ToLocalDate() ?? date;
                var movedTime = change.MovedToTime?.ToLocalTime() ?? time;
                start = Resolve(movedDate + movedTime, zone);
            }

            var instant = start.ToInstant();
            if (instant >= from && instant < to)
            {
                found.Add(new Occurrence(series, date, start, start.Plus(duration), change));
            }
        }

        return found.OrderBy(o => o.Start.ToInstant());
    }

    /// <summary>Whether a local time on some date of the rule falls in a gap or an overlap, for the organiser to be told.</summary>
    public static (LocalDate? Gap, LocalDate? Overlap) DaylightSavingClashes(MeetingSeries series, int years = 2)
    {
        var zone = FindZone(series.TimeZone) ?? DateTimeZone.Utc;
        var time = series.StartTime.ToLocalTime();
        var limit = series.StartDate.ToLocalDate().PlusYears(years);
        LocalDate? gap = null, overlap = null;
        foreach (var date in Dates(series).TakeWhile(d => d <= limit))
        {
            var mapping = zone.MapLocal(date + time);
            if (mapping.Count == 0)
            {
                gap ??= date;
            }
            else if (mapping.Count == 2)
            {
                overlap ??= date;
            }
        }

        return (gap, overlap);
    }
}
