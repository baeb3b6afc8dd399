using Hearth.Web.Features.Meetings;
using NodaTime;
using NodaTime.Text;

namespace Hearth.Tests.Features.Meetings;

/// <summary>How a series' rule becomes dates and instants: no host, no database, fixed dates in 2026 and 2027.</summary>
public sealed class RecurrenceTests
{
    private static readonly DateTimeZone London = DateTimeZoneProviders.Tzdb["Europe/London"];

    private static MeetingSeries Series(Frequency frequency, string start, string time = "18:30", int? week = null, int? day = null, string? end = null) => new()
    {
        Id = 7,
        Title = "Thursday meeting",
        Frequency = frequency,
        StartDate = DateOnly.Parse(start, System.Globalization.CultureInfo.InvariantCulture),
        EndDate = end is null ? null : DateOnly.Parse(end, System.Globalization.CultureInfo.InvariantCulture),
        StartTime = TimeOnly.Parse(time, System.Globalization.CultureInfo.InvariantCulture),
        DurationMinutes = 90,
        TimeZone = "Europe/London",
        WeekOfMonth = week,
        DayOfWeek = day,
    };

    private static List<string> Dates(MeetingSeries series, int count) =>
        [.. Recurrence.Dates(series).Take(count).Select(d => LocalDatePattern.Iso.Format(d))];

    private static Instant Utc(string text) => InstantPattern.General.Parse(text).Value;

    private static List<Occurrence> Between(MeetingSeries series, string from, string to, params MeetingChange[] changes) =>
        [.. Recurrence.Between(series, changes, Utc(from), Utc(to))];

    [Fact]
    public void A_weekly_series_meets_every_seventh_day_from_its_start()
    {
        Assert.Equal(["2026-01-01", "2026-01-08", "2026-01-15", "2026-01-22", "2026-01-29", "2026-02-05"], Dates(Series(Frequency.Weekly, "2026-01-01"), 6));
    }

    [Fact]
    public void A_fortnightly_series_meets_every_fourteenth_day_from_its_start()
    {
        Assert.Equal(["2026-01-01", "2026-01-15", "2026-01-29", "2026-02-12", "2026-02-26"], Dates(Series(Frequency.Fortnightly, "2026-01-01"), 5));
    }

    [Fact]
    public void A_one_off_meeting_has_one_date()
    {
        Assert.Equal(["2026-01-01"], Dates(Series(Frequency.Once, "2026-01-01"), 5));
    }

    [Fact]
    public void A_first_tuesday_series_meets_on_each_month_s_first_tuesday()
    {
        Assert.Equal(["2026-01-06", "2026-02-03", "2026-03-03", "2026-04-07", "2026-05-05"], Dates(Series(Frequency.Monthly, "2026-01-01", week: 1, day: 2), 5));
    }

    [Fact]
    public void A_second_wednesday_series_meets_on_each_month_s_second_wednesday()
    {
        Assert.Equal(["2026-01-14", "2026-02-11", "2026-03-11", "2026-04-08"], Dates(Series(Frequency.Monthly, "2026-01-01", week: 2, day: 3), 4));
    }

    [Fact]
    public void A_last_friday_series_takes_the_fifth_friday_when_a_month_has_five_and_the_fourth_when_it_has_four()
    {
        // January 2026 has five Fridays (the 30th last), February four (the 27th), July ends on a Friday (the 31st).
        var dates = Dates(Series(Frequency.Monthly, "2026-01-01", week: -1, day: 5), 7);

        Assert.Equal(["2026-01-30", "2026-02-27", "2026-03-27", "2026-04-24", "2026-05-29", "2026-06-26", "2026-07-31"], dates);
    }

    [Theory]
    [InlineData(2026, 1, 1, IsoDayOfWeek.Friday, "2026-01-02")]
    [InlineData(2026, 1, 4, IsoDayOfWeek.Friday, "2026-01-23")]
    [InlineData(2026, 1, -1, IsoDayOfWeek.Friday, "2026-01-30")]
    [InlineData(2026, 2, -1, IsoDayOfWeek.Friday, "2026-02-27")]
    [InlineData(2026, 2, 1, IsoDayOfWeek.Sunday, "2026-02-01")]
    [InlineData(2026, 5, -1, IsoDayOfWeek.Sunday, "2026-05-31")]
    [InlineData(2024, 2, -1, IsoDayOfWeek.Thursday, "2024-02-29")]
    public void The_nth_weekday_of_a_month_is_found_from_either_end(int year, int month, int week, IsoDayOfWeek day, string expected)
    {
        Assert.Equal(expected, LocalDatePattern.Iso.Format(Recurrence.NthWeekday(new YearMonth(year, month), week, day)));
    }

    [Fact]
    public void A_monthly_series_starting_after_that_month_s_nth_weekday_begins_the_next_month()
    {
        // The first Tuesday of January 2026 is the 6th; a series starting on the 10th first meets in February.
        Assert.Equal(["2026-02-03", "2026-03-03"], Dates(Series(Frequency.Monthly, "2026-01-10", week: 1, day: 2), 2));
    }

    [Fact]
    public void A_monthly_series_starting_on_its_nth_weekday_meets_that_day()
    {
        Assert.Equal(["2026-01-06", "2026-02-03"], Dates(Series(Frequency.Monthly, "2026-01-06", week: 1, day: 2), 2));
    }

    [Fact]
    public void A_break_skips_the_dates_inside_it_both_ends_included_and_the_series_carries_on_after()
    {
        var series = Series(Frequency.Weekly, "2026-07-02");
        series.PauseFrom = new DateOnly(2026, 7, 16);
        series.PauseUntil = new DateOnly(2026, 8, 6);

        Assert.Equal(["2026-07-02", "2026-07-09", "2026-08-13", "2026-08-20"], Dates(series, 4));
    }

    [Fact]
    public void A_break_in_a_monthly_series_skips_that_month()
    {
        var series = Series(Frequency.Monthly, "2026-06-01", week: 1, day: 2);
        series.PauseFrom = new DateOnly(2026, 8, 1);
        series.PauseUntil = new DateOnly(2026, 8, 31);

        Assert.Equal(["2026-06-02", "2026-07-07", "2026-09-01", "2026-10-06"], Dates(series, 4));
    }

    [Fact]
    public void An_end_date_on_a_meeting_day_includes_that_meeting_and_none_after()
    {
        Assert.Equal(["2026-01-01", "2026-01-08", "2026-01-15", "2026-01-22", "2026-01-29"], Dates(Series(Frequency.Weekly, "2026-01-01", end: "2026-01-29"), 50));
    }

    [Fact]
    public void An_end_date_between_meetings_stops_at_the_meeting_before_it()
    {
        Assert.Equal(["2026-01-01", "2026-01-08", "2026-01-15"], Dates(Series(Frequency.Weekly, "2026-01-01", end: "2026-01-21"), 50));
        Assert.Equal(["2026-01-30", "2026-02-27"], Dates(Series(Frequency.Monthly, "2026-01-01", week: -1, day: 5, end: "2026-03-26"), 50));
    }

    [Fact]
    public void A_weekly_evening_meeting_stays_at_half_past_six_local_across_the_march_change()
    {
        // The clocks go forward at 01:00 UTC on Sunday 29 March 2026.
        var meetings = Between(Series(Frequency.Weekly, "2026-03-12"), "2026-03-01T00:00:00Z", "2026-04-10T00:00:00Z");

        Assert.All(meetings, m => Assert.Equal(new LocalTime(18, 30), m.Start.TimeOfDay));
        Assert.Equal(
            ["2026-03-12T18:30:00Z", "2026-03-19T18:30:00Z", "2026-03-26T18:30:00Z", "2026-04-02T17:30:00Z", "2026-04-09T17:30:00Z"],
            meetings.Select(m => InstantPattern.General.Format(m.Start.ToInstant())).ToList());
        Assert.All(meetings, m => Assert.False(m.WasShifted));
    }

    [Fact]
    public void A_weekly_evening_meeting_stays_at_half_past_six_local_across_the_october_change()
    {
        // The clocks go back at 01:00 UTC on Sunday 25 October 2026.
        var meetings = Between(Series(Frequency.Weekly, "2026-10-15"), "2026-10-01T00:00:00Z", "2026-11-06T00:00:00Z");

        Assert.All(meetings, m => Assert.Equal(new LocalTime(18, 30), m.Start.TimeOfDay));
        Assert.Equal(
            ["2026-10-15T17:30:00Z", "2026-10-22T17:30:00Z", "2026-10-29T18:30:00Z", "2026-11-05T18:30:00Z"],
            meetings.Select(m => InstantPattern.General.Format(m.Start.ToInstant())).ToList());
        Assert.Equal(Offset.FromHours(1), meetings[1].Start.Offset);
        Assert.Equal(Offset.Zero, meetings[2].Start.Offset);
    }

    [Fact]
    public void A_meeting_at_half_past_one_on_the_spring_forward_sunday_moves_on_by_the_gap_to_half_past_two_summer_time()
    {
        var series = Series(Frequency.Once, "2026-03-29", time: "01:30");

        var meeting = Assert.Single(Between(series, "2026-03-28T00:00:00Z", "2026-03-30T00:00:00Z"));

        Assert.Equal(new LocalDateTime(2026, 3, 29, 2, 30), meeting.Start.LocalDateTime);
        Assert.Equal(Offset.FromHours(1), meeting.Start.Offset);
        Assert.Equal(Utc("2026-03-29T01:30:00Z"), meeting.Start.ToInstant());
        Assert.True(meeting.WasShifted);
        Assert.Equal(Utc("2026-03-29T03:00:00Z"), meeting.End.ToInstant());
        Assert.Equal(Recurrence.Resolve(new LocalDateTime(2026, 3, 29, 1, 30), London), meeting.Start);
    }

    [Fact]
    public void A_meeting_at_half_past_one_on_the_fall_back_sunday_is_the_first_half_past_one_in_summer_time()
    {
        var series = Series(Frequency.Once, "2026-10-25", time: "01:30");

        var meeting = Assert.Single(Between(series, "2026-10-24T00:00:00Z", "2026-10-26T00:00:00Z"));

        Assert.Equal(new LocalDateTime(2026, 10, 25, 1, 30), meeting.Start.LocalDateTime);
        Assert.Equal(Offset.FromHours(1), meeting.Start.Offset);
        Assert.Equal(Utc("2026-10-25T00:30:00Z"), meeting.Start.ToInstant());
        Assert.False(meeting.WasShifted);
    }

    [Fact]
    public void A_weekly_sunday_meeting_at_half_past_one_is_told_of_both_the_gap_and_the_overlap()
    {
        var series = Series(Frequency.Weekly, "2026-03-01", time: "01:30");

        var (gap, overlap) = Recurrence.DaylightSavingClashes(series);

        Assert.Equal(new LocalDate(2026, 3, 29), gap);
        Assert.Equal(new LocalDate(2026, 10, 25), overlap);
    }

    [Fact]
    public void A_gap_alone_is_reported_without_an_overlap_and_an_ordinary_time_reports_neither()
    {
        var springOnly = Series(Frequency.Once, "2026-03-29", time: "01:30");
        var thursdayEvening = Series(Frequency.Weekly, "2026-03-19");
        var sundayEvening = Series(Frequency.Weekly, "2026-03-01", time: "18:30");

        Assert.Equal(((LocalDate?)new LocalDate(2026, 3, 29), (LocalDate?)null), Recurrence.DaylightSavingClashes(springOnly));
        Assert.Equal(((LocalDate?)null, (LocalDate?)null), Recurrence.DaylightSavingClashes(thursdayEvening));
        Assert.Equal(((LocalDate?)null, (LocalDate?)null), Recurrence.DaylightSavingClashes(sundayEvening));
    }

    [Fact]
    public void Between_keeps_a_cancelled_meeting_marked_cancelled_and_puts_a_moved_one_at_its_new_start()
    {
        var series = Series(Frequency.Weekly, "2026-01-01");
        var cancelled = new MeetingChange { SeriesId = 7, OccurrenceDate = new DateOnly(2026, 1, 8), IsCancelled = true, Reason = "The hall is closed." };
        var moved = new MeetingChange { SeriesId = 7, OccurrenceDate = new DateOnly(2026, 1, 15), MovedToDate = new DateOnly(2026, 1, 16), MovedToTime = new TimeOnly(20, 0) };
        var otherSeries = new MeetingChange { SeriesId = 8, OccurrenceDate = new DateOnly(2026, 1, 22), IsCancelled = true };

        var meetings = Between(series, "2026-01-01T00:00:00Z", "2026-01-30T00:00:00Z", cancelled, moved, otherSeries);

        Assert.Equal(
            ["2026-01-01T18:30:00Z", "2026-01-08T18:30:00Z", "2026-01-16T20:00:00Z", "2026-01-22T18:30:00Z", "2026-01-29T18:30:00Z"],
            meetings.Select(m => InstantPattern.General.Format(m.Start.ToInstant())).ToList());
        Assert.Equal([false, true, false, false, false], meetings.Select(m => m.IsCancelled).ToList());
        Assert.Equal([false, false, true, false, false], meetings.Select(m => m.IsMoved).ToList());
        Assert.Equal(new LocalDate(2026, 1, 15), meetings[2].OriginalDate);
        Assert.Equal(Utc("2026-01-16T21:30:00Z"), meetings[2].End.ToInstant());
    }

    [Fact]
    public void A_meeting_moved_only_in_time_keeps_its_date_and_a_restored_one_is_ordinary_again()
    {
        var series = Series(Frequency.Weekly, "2026-01-01");
        var later = new MeetingChange { SeriesId = 7, OccurrenceDate = new DateOnly(2026, 1, 8), MovedToTime = new TimeOnly(19, 15) };
        var restored = new MeetingChange { SeriesId = 7, OccurrenceDate = new DateOnly(2026, 1, 15), IsCancelled = false, Sequence = 2 };

        var meetings = Between(series, "2026-01-05T00:00:00Z", "2026-01-16T00:00:00Z", later, restored);

        Assert.Equal(["2026-01-08T19:15:00Z", "2026-01-15T18:30:00Z"], meetings.Select(m => InstantPattern.General.Format(m.Start.ToInstant())).ToList());
        Assert.False(meetings[1].IsCancelled);
        Assert.False(meetings[1].IsMoved);
    }

    [Fact]
    public void A_meeting_moved_out_of_the_window_leaves_it_and_one_moved_into_the_window_joins_it_in_order()
    {
        var series = Series(Frequency.Weekly, "2026-01-01");
        var outOf = new MeetingChange { SeriesId = 7, OccurrenceDate = new DateOnly(2026, 1, 8), MovedToDate = new DateOnly(2026, 2, 19) };
        var into = new MeetingChange { SeriesId = 7, OccurrenceDate = new DateOnly(2026, 2, 5), MovedToDate = new DateOnly(2026, 1, 9) };

        var meetings = Between(series, "2026-01-01T00:00:00Z", "2026-01-20T00:00:00Z", outOf, into);

        Assert.Equal(["2026-01-01", "2026-02-05", "2026-01-15"], meetings.Select(m => LocalDatePattern.Iso.Format(m.OriginalDate)).ToList());
        Assert.Equal(new LocalDate(2026, 1, 9), meetings[1].Start.Date);
    }

    [Fact]
    public void A_series_with_no_end_stops_after_the_most_occurrences_hearth_expands()
    {
        var series = Series(Frequency.Weekly, "2026-01-01");

        var dates = Recurrence.Dates(series).ToList();

        Assert.Equal(Recurrence.MaxOccurrences, dates.Count);
        Assert.Equal(new LocalDate(2026, 1, 1).PlusWeeks(Recurrence.MaxOccurrences - 1), dates[^1]);
        var beyond = dates[^1].PlusWeeks(1).AtStartOfDayInZone(London).ToInstant();
        Assert.Empty(Recurrence.Between(series, [], beyond, beyond + Duration.FromDays(365)));
        Assert.Single(Recurrence.Between(series, [], beyond - Duration.FromDays(7), beyond));
    }
}
