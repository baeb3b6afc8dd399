using System.Globalization;
using System.Text;
using NodaTime;
using NodaTime.TimeZones;

namespace Hearth.Web.Features.Meetings;

/// <summary>
/// A small RFC 5545 writer for Hearth's feeds: one VEVENT per series with its RRULE, EXDATE for cancelled
/// occurrences, a VEVENT with RECURRENCE-ID for each moved one, and a VTIMEZONE built from the tz database.
/// Lines end in CRLF and are folded at 75 octets; text is escaped (RFC 5545 §3.1, §3.3.11).
/// </summary>
public sealed class ICalendar
{
    private readonly StringBuilder text = new();

    public ICalendar(string name)
    {
        Line("BEGIN:VCALENDAR");
        Line("VERSION:2.0");
        Line("PRODID:-//Hearth//Meetings//EN");
        Line("CALSCALE:GREGORIAN");
        Line("METHOD:PUBLISH");
        Property("X-WR-CALNAME", Escape(name));
    }

    /// <summary>A VTIMEZONE with every transition from <paramref name="from"/> to <paramref name="to"/> written out.</summary>
    public ICalendar TimeZone(DateTimeZone zone, Instant from, Instant to)
    {
        Line("BEGIN:VTIMEZONE");
        Property("TZID", zone.Id);
        var intervals = zone.GetZoneIntervals(from, to).ToList();
        for (var i = 0; i < intervals.Count; i++)
        {
            var interval = intervals[i];
            var previous = i == 0 ? interval.WallOffset : intervals[i - 1].WallOffset;
            var kind = interval.Savings != Offset.Zero ? "DAYLIGHT" : "STANDARD";
            // The first interval began long before the feed does; it starts at the feed's beginning instead.
            var start = interval.HasStart && interval.Start >= from ? interval.Start : from;
            Line($"BEGIN:{kind}");
            Property("DTSTART", Local(start.WithOffset(previous).LocalDateTime));
            Property("TZOFFSETFROM", FormatOffset(previous));
            Property("TZOFFSETTO", FormatOffset(interval.WallOffset));
            Property("TZNAME", Escape(interval.Name));
            Line($"END:{kind}");
        }

        Line("END:VTIMEZONE");
        return this;
    }

    public ICalendar Event(MeetingSeries series, IReadOnlyCollection<MeetingChange> changes, string uid, string summary, string? location, string? description, string? url, Instant stamp)
    {
        var zone = Recurrence.FindZone(series.TimeZone) ?? DateTimeZone.Utc;
        var time = series.StartTime.ToLocalTime();
        var first = series.StartDate.ToLocalDate();
        // DTSTART must be the rule's first occurrence (RFC 5545 §3.8.5.3).
        var dates = Recurrence.Dates(series).Take(1).ToList();
        if (series.Frequency == Frequency.Monthly && dates.Count > 0)
        {
            first = dates[0];
        }

        Line("BEGIN:VEVENT");
        Property("UID", uid);
        Property("DTSTAMP", Utc(stamp));
        Property($"DTSTART;TZID={zone.Id}", Local(first + time));
        Property($"DTEND;TZID={zone.Id}", Local(first + time + Period.FromMinutes(series.DurationMinutes)));
        var rule = Rule(series, zone, time);
        if (rule is not null)
        {
            Property("RRULE", rule);
        }

        var excluded = new List<LocalDate>();
        if (series.Frequency != Frequency.Once && series.PauseFrom is { } pauseFrom && series.PauseUntil is { } pauseUntil)
        {
            // The rule cannot say "except this break", so the break's dates are listed.
            excluded.AddRange(RuleDatesWithoutPause(series).Where(d => d >= pauseFrom.ToLocalDate() && d <= pauseUntil.ToLocalDate()));
        }

        // Only cancelled meetings: a moved one stays in the recurrence set for its RECURRENCE-ID override to replace
        // (§3.8.5.3 takes EXDATEs out of the set, so readers such as ical.js would drop the moved meeting altogether).
        excluded.AddRange(changes.Where(c => c.IsCancelled).Select(c => c.OccurrenceDate.ToLocalDate()));
        foreach (var date in excluded.Distinct().Order())
        {
            Property($"EXDATE;TZID={zone.Id}", Local(date + time));
        }

        Property("SEQUENCE", Math.Max(series.Sequence, changes.Select(c => c.Sequence).DefaultIfEmpty(0).Max()).ToString(CultureInfo.InvariantCulture));
        Property("SUMMARY", Escape(summary));
        Optional("LOCATION", location);
        Optional("DESCRIPTION", description);
        Optional("URL", url);
        Line("END:VEVENT");

        foreach (var moved in changes.Where(c => !c.IsCancelled && (c.MovedToDate is not null || c.MovedToTime is not null)))
        {
            var original = moved.OccurrenceDate.ToLocalDate() + time;
            var start = (moved.MovedToDate?.ToLocalDate() ?? moved.OccurrenceDate.ToLocalDate()) + (moved.MovedToTime?.ToLocalTime() ?? time);
            Line("BEGIN:VEVENT");
            Property("UID", uid);
            Property("DTSTAMP", Utc(stamp));
            Property($"RECURRENCE-ID;TZID={zone.Id}", Local(original));
            Property($"DTSTART;TZID={zone.Id}", Local(start));
            Property($"DTEND;TZID={zone.Id}", Local(start + Period.FromMinutes(series.DurationMinutes)));
            Property("SEQUENCE", moved.Sequence.ToString(CultureInfo.InvariantCulture));
            Property("SUMMARY", Escape(summary));
            Optional("LOCATION", moved.MovedVenueName ?? location);
            Optional("DESCRIPTION", moved.Note ?? description);
            Optional("URL", url);
            Line("END:VEVENT");
        }

        return this;
    }

    /// <summary>One meeting on its own ("add to calendar"): where and when it actually happens, moved or not.</summary>
    public ICalendar OneMeeting(Occurrence occurrence, string uid, string summary, string? location, string? url, Instant stamp)
    {
        var zone = occurrence.Start.Zone;
        Line("BEGIN:VEVENT");
        Property("UID", uid);
        Property("DTSTAMP", Utc(stamp));
        Property($"DTSTART;TZID={zone.Id}", Local(occurrence.Start.LocalDateTime));
        Property($"DTEND;TZID={zone.Id}", Local(occurrence.End.LocalDateTime));
        Property("SEQUENCE", Math.Max(occurrence.Series.Sequence, occurrence.Change?.Sequence ?? 0).ToString(CultureInfo.InvariantCulture));
        if (occurrence.IsCancelled)
        {
            Property("STATUS", "CANCELLED");
        }

        Property("SUMMARY", Escape(summary));
        Optional("LOCATION", location);
        Optional("URL", url);
        Line("END:VEVENT");
        return this;
    }

    public override string ToString() => text + "END:VCALENDAR\r\n";

    private static IEnumerable<LocalDate> RuleDatesWithoutPause(MeetingSeries series)
    {
        var unpaused = new MeetingSeries
        {
            Title = series.Title,
            Frequency = series.Frequency,
            StartDate = series.StartDate,
            EndDate = series.EndDate,
            DayOfWeek = series.DayOfWeek,
            WeekOfMonth = series.WeekOfMonth,
        };
        var until = series.PauseUntil!.Value.ToLocalDate();
        return Recurrence.Dates(unpaused).TakeWhile(d => d <= until);
    }

    private static string? Rule(MeetingSeries series, DateTimeZone zone, LocalTime time)
    {
        var rule = series.Frequency switch
        {
            Frequency.Weekly => "FREQ=WEEKLY",
            Frequency.Fortnightly => "FREQ=WEEKLY;INTERVAL=2",
            Frequency.Monthly => $"FREQ=MONTHLY;BYDAY={series.WeekOfMonth ?? 1}{Day(Recurrence.Weekday(series))}",
            _ => null,
        };
        if (rule is null)
        {
            return null;
        }

        if (series.EndDate is { } end)
        {
            // With a zoned DTSTART, UNTIL is in UTC (RFC 5545 §3.3.10): the end date's meeting time, resolved.
            rule += ";UNTIL=" + Utc(Recurrence.Resolve(end.ToLocalDate() + time, zone).ToInstant());
        }

        return rule;
    }

    private static string Day(IsoDayOfWeek day) => day switch
    {
        IsoDayOfWeek.Monday => "MO",
        IsoDayOfWeek.Tuesday => "TU",
        IsoDayOfWeek.Wednesday => "WE",
        IsoDayOfWeek.Thursday => "TH",
        IsoDayOfWeek.Friday => "FR",
        IsoDayOfWeek.Saturday => "SA",
        _ => "SU",
    };

    private static string Local(LocalDateTime local) => local.ToString("yyyyMMdd'T'HHmmss", CultureInfo.InvariantCulture);

    private static string Utc(Instant instant) => instant.ToString("uuuuMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    private static string FormatOffset(Offset offset)
    {
        var seconds = offset.Seconds;
        var sign = seconds < 0 ? "-" : "+";
        seconds = Math.Abs(seconds);
        return $"{sign}{seconds / 3600:00}{seconds % 3600 / 60:00}";
    }

    /// <summary>TEXT values: backslash, semicolon, comma and newline escaped (§3.3.11).</summary>
    public static string Escape(string value) => value
        .Replace("\\", "\\\\", StringComparison.Ordinal)
        .Replace(";", "\\;", StringComparison.Ordinal)
        .Replace(",", "\\,", StringComparison.Ordinal)
        .ReplaceLineEndings("\\n");

    private void Optional(string name, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            Property(name, name == "URL" ? value : Escape(value));
        }
    }

    private void Property(string name, string value) => Line($"{name}:{value}");

    /// <summary>Folds at 75 octets without splitting a UTF-8 character (§3.1).</summary>
    private void Line(string line)
    {
        var bytes = 0;
        foreach (var rune in line.EnumerateRunes())
        {
            var size = rune.Utf8SequenceLength;
            if (bytes + size > 75)
            {
                text.Append("\r\n ");
                bytes = 1;
            }

            text.Append(rune.ToString());
            bytes += size;
        }

        text.Append("\r\n");
    }
}
