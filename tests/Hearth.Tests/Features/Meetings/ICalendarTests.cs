using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Hearth.Tests.Features.Groups;
using Hearth.Web.Features.Accounts;
using Hearth.Web.Features.Groups;
using Hearth.Web.Features.Meetings;
using NodaTime;
using NodaTime.Text;

namespace Hearth.Tests.Features.Meetings;

/// <summary>
/// The RFC 5545 text Hearth writes: lines, escaping, rules, exceptions and time zones as calendar apps read them,
/// and the public feed per group, which says when and where but nothing private.
/// </summary>
public sealed class ICalendarTests(HearthFactory factory) : IClassFixture<HearthFactory>
{
    private static readonly DateTimeZone London = DateTimeZoneProviders.Tzdb["Europe/London"];

    private static readonly Instant Stamp = InstantPattern.General.Parse("2026-01-01T09:00:00Z").Value;

    private static MeetingSeries Series(Frequency frequency = Frequency.Weekly, string start = "2026-01-01", string? end = null) => new()
    {
        Id = 7,
        Title = "Thursday meeting",
        Frequency = frequency,
        StartDate = DateOnly.Parse(start, CultureInfo.InvariantCulture),
        EndDate = end is null ? null : DateOnly.Parse(end, CultureInfo.InvariantCulture),
        StartTime = new TimeOnly(18, 30),
        DurationMinutes = 90,
        TimeZone = "Europe/London",
    };

    private static string Write(MeetingSeries series, string summary = "Thursday meeting (Prestatyn Withdrawal Support)", string? location = "Nant Hall church hall", params MeetingChange[] changes) =>
        new ICalendar("Prestatyn Withdrawal Support")
            .TimeZone(London, InstantPattern.General.Parse("2025-01-01T00:00:00Z").Value, InstantPattern.General.Parse("2028-01-01T00:00:00Z").Value)
            .Event(series, changes, "series-7@hearth.test", summary, location, null, "https://hearth.test/groups/prestatyn-withdrawal-support", Stamp)
            .ToString();

    /// <summary>The content lines with folding undone (RFC 5545 §3.1).</summary>
    private static List<string> Unfolded(string ics) => [.. ics.Replace("\r\n ", "", StringComparison.Ordinal).Split("\r\n", StringSplitOptions.RemoveEmptyEntries)];

    /// <summary>Each component of one kind (VEVENT, STANDARD...) as its unfolded lines, BEGIN and END left out.</summary>
    private static List<List<string>> Components(string ics, string name)
    {
        var found = new List<List<string>>();
        List<string>? current = null;
        foreach (var line in Unfolded(ics))
        {
            if (line == $"BEGIN:{name}")
            {
                current = [];
            }
            else if (line == $"END:{name}" && current is not null)
            {
                found.Add(current);
                current = null;
            }
            else
            {
                current?.Add(line);
            }
        }

        return found;
    }

    private static List<string> Values(IEnumerable<string> lines, string name) =>
        [.. lines.Where(l => l.StartsWith(name + ":", StringComparison.Ordinal) || l.StartsWith(name + ";", StringComparison.Ordinal))];

    private static MeetingChange Cancelled(string date, int sequence = 1) =>
        new() { SeriesId = 7, OccurrenceDate = DateOnly.Parse(date, CultureInfo.InvariantCulture), IsCancelled = true, Reason = "The hall is closed for repairs.", Sequence = sequence };

    private static MeetingChange Moved(string date, string? toDate, string? toTime, int sequence = 1) => new()
    {
        SeriesId = 7,
        OccurrenceDate = DateOnly.Parse(date, CultureInfo.InvariantCulture),
        MovedToDate = toDate is null ? null : DateOnly.Parse(toDate, CultureInfo.InvariantCulture),
        MovedToTime = toTime is null ? null : TimeOnly.Parse(toTime, CultureInfo.InvariantCulture),
        Sequence = sequence,
    };

    [Fact]
    public void Long_lines_are_folded_at_75_octets_without_splitting_a_welsh_letter_or_an_emoji()
    {
        const string summary = "Cyfarfod wythnosol ŵyr ac wyresau 🌈🕯️ yn Neuadd Llanfair-ym-Muallt — croeso cynnes i bawb, dewch â ffrind 💛 ŷ ŵ â ê î ô û 👩🏽‍🦱";
        var ics = Write(Series(), summary, location: "Neuadd yr Eglwys, Ffordd y Brenin; Llanfair-ym-Muallt ✨✨✨✨✨✨✨✨✨✨✨✨✨✨✨✨✨✨✨✨✨✨✨✨✨✨✨✨✨✨✨✨✨✨✨✨✨✨✨✨");
        var bytes = Encoding.UTF8.GetBytes(ics);
        var strict = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

        var lines = new List<byte[]>();
        var start = 0;
        for (var i = 0; i + 1 < bytes.Length; i++)
        {
            if (bytes[i] == '\r' && bytes[i + 1] == '\n')
            {
                lines.Add(bytes[start..i]);
                start = i + 2;
            }
        }

        Assert.Equal(bytes.Length, start);
        Assert.All(lines, line => Assert.True(line.Length <= 75, $"A line of {line.Length} octets: {Encoding.UTF8.GetString(line)}"));
        // Each physical line on its own is whole UTF-8: no character was cut in two at a fold.
        Assert.All(lines, line => strict.GetString(line));
        var physical = lines.Select(l => strict.GetString(l)).ToList();
        foreach (var name in new[] { "SUMMARY:", "LOCATION:" })
        {
            var at = physical.FindIndex(l => l.StartsWith(name, StringComparison.Ordinal));
            Assert.True(physical[at + 1].StartsWith(' ') && physical[at + 2].StartsWith(' '), $"The {name} line was not folded onto at least two more lines.");
        }

        // Somewhere a character did not fit in what was left of a line and went whole onto the next.
        Assert.Contains(Enumerable.Range(0, lines.Count - 1), i => lines[i].Length < 75 && lines[i + 1] is [(byte)' ', ..]);

        Assert.Contains("SUMMARY:" + ICalendar.Escape(summary), Unfolded(ics));
        Assert.Contains(@"LOCATION:Neuadd yr Eglwys\, Ffordd y Brenin\; Llanfair-ym-Muallt ✨✨✨✨✨✨✨✨✨✨✨✨✨✨✨✨✨✨✨✨✨✨✨✨✨✨✨✨✨✨✨✨✨✨✨✨✨✨✨✨", Unfolded(ics));
    }

    [Fact]
    public void Every_line_ends_in_carriage_return_and_line_feed()
    {
        var ics = Write(Series(end: "2026-03-26"), "Tea\nand talk", changes: [Cancelled("2026-01-08"), Moved("2026-01-15", "2026-01-16", "20:00")]);

        Assert.StartsWith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n", ics, StringComparison.Ordinal);
        Assert.EndsWith("\r\nEND:VCALENDAR\r\n", ics, StringComparison.Ordinal);
        for (var i = 0; i < ics.Length; i++)
        {
            if (ics[i] == '\n')
            {
                Assert.True(i > 0 && ics[i - 1] == '\r', $"A bare line feed at {i}.");
            }
            else if (ics[i] == '\r')
            {
                Assert.True(i + 1 < ics.Length && ics[i + 1] == '\n', $"A bare carriage return at {i}.");
            }
        }
    }

    [Theory]
    [InlineData("Tea, cake; and talk", @"Tea\, cake\; and talk")]
    [InlineData(@"C:\halls\nant", @"C:\\halls\\nant")]
    [InlineData("First line\nsecond line\r\nthird line", @"First line\nsecond line\nthird line")]
    [InlineData(@"\,;", @"\\\,\;")]
    [InlineData("Plain words: nothing to escape", "Plain words: nothing to escape")]
    public void Text_values_escape_backslashes_semicolons_commas_and_newlines(string value, string escaped)
    {
        Assert.Equal(escaped, ICalendar.Escape(value));
    }

    [Fact]
    public void The_summary_location_and_calendar_name_are_escaped_in_the_feed()
    {
        var ics = new ICalendar("Tea, talk; and \\ more")
            .Event(Series(), [], "series-7@hearth.test", "Tea, talk;\nand more", "Hall 1, Station Road", null, null, Stamp)
            .ToString();
        var lines = Unfolded(ics);

        Assert.Contains(@"X-WR-CALNAME:Tea\, talk\; and \\ more", lines);
        Assert.Contains(@"SUMMARY:Tea\, talk\;\nand more", lines);
        Assert.Contains(@"LOCATION:Hall 1\, Station Road", lines);
    }

    [Theory]
    [InlineData(Frequency.Weekly, "2026-07-30", "RRULE:FREQ=WEEKLY;UNTIL=20260730T173000Z")]
    [InlineData(Frequency.Weekly, "2026-12-17", "RRULE:FREQ=WEEKLY;UNTIL=20261217T183000Z")]
    [InlineData(Frequency.Fortnightly, "2026-12-17", "RRULE:FREQ=WEEKLY;INTERVAL=2;UNTIL=20261217T183000Z")]
    [InlineData(Frequency.Weekly, null, "RRULE:FREQ=WEEKLY")]
    public void A_rule_s_end_is_an_until_in_utc_at_the_last_day_s_meeting_time(Frequency frequency, string? end, string rule)
    {
        var master = Components(Write(Series(frequency, end: end)), "VEVENT").Single();

        Assert.Equal([rule], Values(master, "RRULE"));
        Assert.Equal(["DTSTART;TZID=Europe/London:20260101T183000"], Values(master, "DTSTART"));
        Assert.Equal(["DTEND;TZID=Europe/London:20260101T200000"], Values(master, "DTEND"));
    }

    [Fact]
    public void A_monthly_series_starts_on_its_first_rule_date_and_names_its_weekday_in_the_rule()
    {
        var lastFriday = Series(Frequency.Monthly, "2026-01-01", end: "2026-06-30");
        lastFriday.WeekOfMonth = -1;
        lastFriday.DayOfWeek = 5;
        var firstTuesday = Series(Frequency.Monthly, "2026-01-10");
        firstTuesday.WeekOfMonth = 1;
        firstTuesday.DayOfWeek = 2;

        var last = Components(Write(lastFriday), "VEVENT").Single();
        var first = Components(Write(firstTuesday), "VEVENT").Single();

        Assert.Equal(["RRULE:FREQ=MONTHLY;BYDAY=-1FR;UNTIL=20260630T173000Z"], Values(last, "RRULE"));
        Assert.Equal(["DTSTART;TZID=Europe/London:20260130T183000"], Values(last, "DTSTART"));
        Assert.Equal(["RRULE:FREQ=MONTHLY;BYDAY=1TU"], Values(first, "RRULE"));
        // The series starts on the 10th, after January's first Tuesday: its first meeting is in February.
        Assert.Equal(["DTSTART;TZID=Europe/London:20260203T183000"], Values(first, "DTSTART"));
    }

    [Fact]
    public void A_monthly_series_with_no_weekday_stored_names_its_first_date_s_weekday_as_its_dates_do()
    {
        // 7 January 2026 is a Wednesday; Recurrence meets on the first Wednesday, and so must the rule.
        var series = Series(Frequency.Monthly, "2026-01-07");
        series.WeekOfMonth = 1;
        series.DayOfWeek = null;

        var master = Components(Write(series), "VEVENT").Single();

        Assert.Equal(["RRULE:FREQ=MONTHLY;BYDAY=1WE"], Values(master, "RRULE"));
        Assert.Equal(new NodaTime.LocalDate(2026, 2, 4), Recurrence.Dates(series).Skip(1).First());
    }

    [Fact]
    public void A_one_off_meeting_has_no_rule()
    {
        var only = Components(Write(Series(Frequency.Once, "2026-02-12")), "VEVENT").Single();

        Assert.Empty(Values(only, "RRULE"));
        Assert.Equal(["DTSTART;TZID=Europe/London:20260212T183000"], Values(only, "DTSTART"));
    }

    [Fact]
    public void A_cancelled_meeting_and_a_break_are_exdates_and_a_moved_meeting_is_an_override_with_a_recurrence_id()
    {
        var series = Series();
        series.PauseFrom = new DateOnly(2026, 2, 10);
        series.PauseUntil = new DateOnly(2026, 2, 24);
        var ics = Write(series, changes: [Cancelled("2026-01-08"), Moved("2026-01-15", "2026-01-16", "20:00", sequence: 2), Moved("2026-03-26", null, "19:15")]);
        var events = Components(ics, "VEVENT");

        Assert.Equal(3, events.Count);
        var master = events[0];
        Assert.Equal(
            ["EXDATE;TZID=Europe/London:20260108T183000", "EXDATE;TZID=Europe/London:20260212T183000", "EXDATE;TZID=Europe/London:20260219T183000"],
            Values(master, "EXDATE"));
        Assert.Empty(Values(master, "RECURRENCE-ID"));
        Assert.All(events, e => Assert.Equal(["UID:series-7@hearth.test"], Values(e, "UID")));

        var moved = events[1];
        Assert.Equal(["RECURRENCE-ID;TZID=Europe/London:20260115T183000"], Values(moved, "RECURRENCE-ID"));
        Assert.Equal(["DTSTART;TZID=Europe/London:20260116T200000"], Values(moved, "DTSTART"));
        Assert.Equal(["DTEND;TZID=Europe/London:20260116T213000"], Values(moved, "DTEND"));
        Assert.Equal(["SEQUENCE:2"], Values(moved, "SEQUENCE"));
        Assert.Empty(Values(moved, "RRULE"));
        // Moved by the time alone, across the March change: still named by the rule's date and time.
        var later = events[2];
        Assert.Equal(["RECURRENCE-ID;TZID=Europe/London:20260326T183000"], Values(later, "RECURRENCE-ID"));
        Assert.Equal(["DTSTART;TZID=Europe/London:20260326T191500"], Values(later, "DTSTART"));
        Assert.DoesNotContain("The hall is closed", ics, StringComparison.Ordinal);
    }

    [Fact]
    public void A_restored_meeting_is_no_exdate_and_the_series_sequence_is_the_highest_of_its_changes()
    {
        var series = Series();
        series.Sequence = 2;
        var restored = new MeetingChange { SeriesId = 7, OccurrenceDate = new DateOnly(2026, 1, 8), IsCancelled = false, Sequence = 5 };

        var plain = Components(Write(series), "VEVENT").Single();
        var changed = Components(Write(series, changes: [restored, Cancelled("2026-01-22", sequence: 3)]), "VEVENT").Single();

        Assert.Equal(["SEQUENCE:2"], Values(plain, "SEQUENCE"));
        Assert.Equal(["SEQUENCE:5"], Values(changed, "SEQUENCE"));
        Assert.Equal(["EXDATE;TZID=Europe/London:20260122T183000"], Values(changed, "EXDATE"));
    }

    [Fact]
    public void The_time_zone_lists_each_change_of_the_clocks_with_the_offsets_either_side()
    {
        var ics = new ICalendar("Zones")
            .TimeZone(London, InstantPattern.General.Parse("2026-01-01T00:00:00Z").Value, InstantPattern.General.Parse("2027-01-01T00:00:00Z").Value)
            .ToString();
        var zone = Components(ics, "VTIMEZONE").Single();

        Assert.Equal("TZID:Europe/London", zone[0]);
        var standard = Components(ics, "STANDARD");
        var daylight = Assert.Single(Components(ics, "DAYLIGHT"));
        Assert.Equal(["DTSTART:20260329T010000", "TZOFFSETFROM:+0000", "TZOFFSETTO:+0100", "TZNAME:BST"], daylight);
        Assert.Equal(2, standard.Count);
        Assert.Equal(["DTSTART:20260101T000000", "TZOFFSETFROM:+0000", "TZOFFSETTO:+0000", "TZNAME:GMT"], standard[0]);
        // The October change is at 02:00 summer time, the local time the clocks go back from.
        Assert.Equal(["DTSTART:20261025T020000", "TZOFFSETFROM:+0100", "TZOFFSETTO:+0000", "TZNAME:GMT"], standard[1]);
    }

    [Fact]
    public async Task The_online_group_s_feed_says_online_and_never_gives_its_link()
    {
        var ics = await FeedAsync("young-peoples-evening-chat");

        Assert.DoesNotContain("meet.example.invalid", ics, StringComparison.Ordinal);
        Assert.DoesNotContain("hearth-young-people", ics, StringComparison.Ordinal);
        var master = Assert.Single(Components(ics, "VEVENT"));
        Assert.Equal(["LOCATION:Online"], Values(master, "LOCATION"));
        Assert.Equal(["RRULE:FREQ=WEEKLY"], Values(master, "RRULE"));
    }

    [Fact]
    public async Task A_cancelled_demo_meeting_is_an_exdate_in_the_public_feed_without_its_reason()
    {
        var ics = await FeedAsync("prestatyn-withdrawal-support");

        Assert.DoesNotContain("repairs", ics, StringComparison.Ordinal);
        Assert.DoesNotContain("The hall is closed", ics, StringComparison.Ordinal);
        var master = Assert.Single(Components(ics, "VEVENT"));
        var exdate = Assert.Single(Values(master, "EXDATE"));
        Assert.StartsWith("EXDATE;TZID=Europe/London:", exdate, StringComparison.Ordinal);
        Assert.EndsWith("T183000", exdate, StringComparison.Ordinal);
        Assert.Equal(["SEQUENCE:1"], Values(master, "SEQUENCE"));
        Assert.Equal(["SUMMARY:Thursday meeting (Prestatyn Withdrawal Support)"], Values(master, "SUMMARY"));
        Assert.Equal(["LOCATION:Nant Hall church hall"], Values(master, "LOCATION"));
        Assert.Empty(Values(master, "DESCRIPTION"));
        Assert.Single(Components(ics, "VTIMEZONE"));
    }

    [Fact]
    public async Task No_public_feed_names_a_person_or_gives_a_street_address_kept_for_members()
    {
        var cardiff = await FeedAsync("cardiff-grief-circle");
        var feeds = new List<string> { cardiff };
        foreach (var slug in new[] { "prestatyn-withdrawal-support", "chard-thursday-meet-up", "young-peoples-evening-chat" })
        {
            feeds.Add(await FeedAsync(slug));
        }

        Assert.DoesNotContain("Heol y Frenhines", cardiff, StringComparison.Ordinal);
        Assert.Contains("LOCATION:Canton community centre", Unfolded(cardiff));
        Assert.All(feeds, ics => Assert.All(AccountsDemoData.People, person =>
        {
            Assert.DoesNotMatch($@"\b{Regex.Escape(person.DisplayName)}\b", ics);
            Assert.DoesNotContain(person.Email, ics, StringComparison.OrdinalIgnoreCase);
        }));
        Assert.All(feeds, ics => Assert.DoesNotContain("ATTENDEE", ics, StringComparison.Ordinal));
        Assert.All(feeds, ics => Assert.DoesNotContain("ORGANIZER", ics, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_feed_is_served_as_utf8_text_calendar_to_anyone()
    {
        using var response = await factory.CreateBrowserLikeClient().GetAsync(new Uri("/groups/chard-thursday-meet-up/calendar.ics", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/calendar", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        var master = Assert.Single(Components(await response.Content.ReadAsStringAsync(), "VEVENT"));
        Assert.Equal(["RRULE:FREQ=MONTHLY;BYDAY=1TU"], Values(master, "RRULE"));
    }

    [Fact]
    public async Task An_unknown_group_has_no_feed()
    {
        using var response = await factory.CreateBrowserLikeClient().GetAsync(new Uri("/groups/no-such-group/calendar.ics", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Cancelling_and_restoring_a_meeting_raise_the_feed_s_sequence_and_add_then_remove_its_exdate()
    {
        var organiser = await factory.NewSignedInAsync();
        var group = await factory.CreateGroupAsync(members: (organiser.UserId, GroupRole.Organiser));
        var start = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(7);
        var series = new MeetingSeries
        {
            GroupId = group.Id,
            Title = "Wednesday circle",
            Frequency = Frequency.Weekly,
            StartDate = start,
            StartTime = new TimeOnly(18, 30),
            DurationMinutes = 90,
            TimeZone = "Europe/London",
            VenueName = "Rhyl library",
            CreatedAt = DateTime.UtcNow,
            UpdatedAt = DateTime.UtcNow,
        };
        await using (var db = factory.OpenDb())
        {
            db.MeetingSeries.Add(series);
            await db.SaveChangesAsync();
        }

        var date = start.AddDays(14);
        var meeting = $"/groups/{group.Slug}/meetings/{series.Id}/{date:yyyy-MM-dd}";
        var exdate = $"EXDATE;TZID=Europe/London:{date:yyyyMMdd}T183000";
        var before = Assert.Single(Components(await FeedAsync(group.Slug), "VEVENT"));
        Assert.Equal(["SEQUENCE:0"], Values(before, "SEQUENCE"));
        Assert.Empty(Values(before, "EXDATE"));

        using (var cancel = await organiser.Client.PostFormAsync(meeting, new Dictionary<string, string> { ["Reason"] = "The library is shut for stocktaking." }, "main form[action*='handler=Cancel']"))
        {
            Assert.Equal($"{meeting}?cancelled=1", cancel.RedirectTarget());
        }

        var cancelled = await FeedAsync(group.Slug);
        var afterCancel = Assert.Single(Components(cancelled, "VEVENT"));
        Assert.Equal(["SEQUENCE:1"], Values(afterCancel, "SEQUENCE"));
        Assert.Equal([exdate], Values(afterCancel, "EXDATE"));
        Assert.DoesNotContain("stocktaking", cancelled, StringComparison.Ordinal);

        using (var restore = await organiser.Client.PostFormAsync(meeting, Forms.NoFields, "main form[action*='handler=Restore']"))
        {
            Assert.Equal($"{meeting}?restored=1", restore.RedirectTarget());
        }

        var afterRestore = Assert.Single(Components(await FeedAsync(group.Slug), "VEVENT"));
        Assert.Equal(["SEQUENCE:2"], Values(afterRestore, "SEQUENCE"));
        Assert.Empty(Values(afterRestore, "EXDATE"));
    }

    private async Task<string> FeedAsync(string slug)
    {
        using var response = await factory.CreateBrowserLikeClient().GetAsync(new Uri($"/groups/{slug}/calendar.ics", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }
}
