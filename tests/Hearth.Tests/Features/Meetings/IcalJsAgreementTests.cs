using System.Diagnostics;
using System.Globalization;
using Hearth.Tests.Features.Groups;
using Hearth.Web.Features.Meetings;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using NodaTime.Text;
using Xunit.Sdk;

namespace Hearth.Tests.Features.Meetings;

/// <summary>
/// Hearth's expansion of a series and a calendar app's reading of Hearth's feed must agree. ical.js (pinned in
/// package.json beside this file; ./test.sh runs npm ci) expands each group's calendar.ics under node, and the
/// UTC start instants for a year from now must be the very instants Hearth's <see cref="Recurrence"/> gives,
/// cancelled meetings left out and moved ones at their new start.
/// </summary>
/// <remarks>
/// Local times that fall in a daylight-saving gap or overlap are left out: there ical.js 2.2.1 does not follow
/// RFC 5545 §3.3.5. It reads 01:30 on the spring-forward Sunday in London with the summer offset (00:30Z, not the
/// RFC's 01:30Z) and 01:30 on the fall-back Sunday with the winter offset (01:30Z, not the first 01:30 at 00:30Z).
/// Hearth follows the RFC; <see cref="RecurrenceTests"/> covers it.
/// </remarks>
public sealed class IcalJsAgreementTests(HearthFactory factory) : IClassFixture<HearthFactory>
{
    private static readonly string Folder = Path.Combine(Repository.Root, "tests", "Hearth.Tests", "Features", "Meetings");

    private static readonly string[] DemoGroups = ["prestatyn-withdrawal-support", "chard-thursday-meet-up", "cardiff-grief-circle", "young-peoples-evening-chat"];

    [Fact]
    public async Task Every_demo_series_expands_to_the_same_instants_in_Hearth_and_in_ical_js_for_a_year()
    {
        var (from, to) = Window();
        await using (var db = factory.OpenDb())
        {
            var demo = await db.MeetingSeries.CountAsync(s => db.Groups.Any(g => g.Id == s.GroupId && DemoGroups.Contains(g.Slug)));
            Assert.Equal(4, demo);
        }

        foreach (var slug in DemoGroups)
        {
            var hearth = await HearthInstantsAsync(slug, from, to);
            Assert.NotEmpty(hearth);
            AssertSame(slug, hearth, await IcalJsInstantsAsync(slug, from, to));
        }
    }

    [Fact]
    public async Task Series_across_daylight_saving_on_a_last_weekday_with_an_end_or_a_break_and_with_moved_meetings_expand_the_same_in_Hearth_and_in_ical_js()
    {
        var (from, to) = Window();
        var group = await factory.CreateGroupAsync();
        var today = from.InUtc().Date;
        var london = DateTimeZoneProviders.Tzdb["Europe/London"];
        // The next time the clocks change in London, and the Sunday it happens on.
        var changeSunday = london.GetZoneInterval(from).End.InZone(london).Date;
        Assert.Equal(IsoDayOfWeek.Sunday, changeSunday.DayOfWeek);

        MeetingSeries Series(string title, Frequency frequency, LocalDate start, int hour, int minute, string zone = "Europe/London") => new()
        {
            GroupId = group.Id,
            Title = title,
            Frequency = frequency,
            StartDate = start.ToDateOnly(),
            StartTime = new TimeOnly(hour, minute),
            DurationMinutes = 90,
            TimeZone = zone,
            CreatedAt = DateTime.UtcNow,
            UpdatedAt = DateTime.UtcNow,
        };

        // Weekly on Sundays from well before the window, so it meets on the very days the clocks change.
        var sundays = Series("Sunday lunch", Frequency.Weekly, changeSunday.PlusWeeks(-10), 12, 0);
        // Last Friday of the month, and a second Wednesday that starts after this month's second Wednesday.
        var lastFriday = Series("Last Friday social", Frequency.Monthly, today.PlusDays(-10), 19, 30);
        lastFriday.WeekOfMonth = -1;
        lastFriday.DayOfWeek = (int)IsoDayOfWeek.Friday;
        var secondWednesday = Series("Second Wednesday", Frequency.Monthly, Recurrence.NthWeekday(today.ToYearMonth(), 2, IsoDayOfWeek.Wednesday).PlusDays(1), 18, 0);
        secondWednesday.WeekOfMonth = 2;
        secondWednesday.DayOfWeek = (int)IsoDayOfWeek.Wednesday;
        secondWednesday.EndDate = today.PlusDays(300).ToDateOnly();
        // Ends (UNTIL) on a day it does not meet, after the clocks change, in a zone that changes on other dates.
        var newYork = Series("Weekly morning, New York", Frequency.Weekly, today.PlusDays(3), 9, 0, "America/New_York");
        var end = today.PlusDays(200);
        newYork.EndDate = (end.DayOfWeek == today.PlusDays(3).DayOfWeek ? end.PlusDays(1) : end).ToDateOnly();
        // Fortnightly in the southern hemisphere, with a summer break, starting inside the window.
        var sydney = Series("Fortnightly, Sydney", Frequency.Fortnightly, today.PlusDays(20), 19, 0, "Australia/Sydney");
        sydney.PauseFrom = today.PlusDays(60).ToDateOnly();
        sydney.PauseUntil = today.PlusDays(90).ToDateOnly();
        var oneOff = Series("Open day", Frequency.Once, today.PlusDays(30), 10, 0);

        await using var db = factory.OpenDb();
        db.MeetingSeries.AddRange(sundays, lastFriday, secondWednesday, newYork, sydney, oneOff);
        await db.SaveChangesAsync();

        var lastFridays = Recurrence.Dates(lastFriday).Where(d => d > today).ToList();
        var sydneyFirst = Recurrence.Dates(sydney).First();
        db.MeetingChanges.AddRange(
            // From the Sunday before the clocks change to the evening of the day after, and the change's own Sunday to the day before.
            Moved(sundays, changeSunday.PlusWeeks(-1), changeSunday.PlusDays(1), new TimeOnly(18, 0)),
            Moved(sundays, changeSunday, changeSunday.PlusDays(-1), null),
            Cancelled(sundays, changeSunday.PlusWeeks(2)),
            // Only the time moves.
            Moved(lastFriday, lastFridays[1], null, new TimeOnly(20, 15)),
            Cancelled(lastFriday, lastFridays[3]),
            Moved(sydney, sydneyFirst, sydneyFirst.PlusDays(2), new TimeOnly(18, 30)));
        await db.SaveChangesAsync();

        var hearth = await HearthInstantsAsync(group.Slug, from, to);

        Assert.True(hearth.Count > 100, $"Only {hearth.Count} meetings in the window.");
        AssertSame(group.Slug, hearth, await IcalJsInstantsAsync(group.Slug, from, to));

        MeetingChange Moved(MeetingSeries series, LocalDate date, LocalDate? toDate, TimeOnly? toTime) =>
            new() { SeriesId = series.Id, OccurrenceDate = date.ToDateOnly(), MovedToDate = toDate?.ToDateOnly(), MovedToTime = toTime, Sequence = 1, UpdatedAt = DateTime.UtcNow };

        MeetingChange Cancelled(MeetingSeries series, LocalDate date) =>
            new() { SeriesId = series.Id, OccurrenceDate = date.ToDateOnly(), IsCancelled = true, Reason = "Nobody free to open up.", Sequence = 1, UpdatedAt = DateTime.UtcNow };
    }

    /// <summary>From now (to the second) for a year.</summary>
    private static (Instant From, Instant To) Window()
    {
        var now = SystemClock.Instance.GetCurrentInstant();
        var from = Instant.FromUnixTimeSeconds(now.ToUnixTimeSeconds());
        return (from, from + Duration.FromDays(365));
    }

    private static void AssertSame(string slug, List<string> hearth, List<string> icalJs)
    {
        var onlyHearth = hearth.Except(icalJs).ToList();
        var onlyIcalJs = icalJs.Except(hearth).ToList();
        Assert.True(
            onlyHearth.Count == 0 && onlyIcalJs.Count == 0,
            $"{slug}: Hearth and ical.js disagree. Only Hearth: [{string.Join(", ", onlyHearth)}]; only ical.js: [{string.Join(", ", onlyIcalJs)}].");
        Assert.Equal(hearth, icalJs);
    }

    private static string Format(Instant instant) => InstantPattern.General.Format(instant);

    /// <summary>Hearth's own meetings for the group in the window: cancelled ones left out, moved ones at their new start.</summary>
    private async Task<List<string>> HearthInstantsAsync(string slug, Instant from, Instant to)
    {
        await using var db = factory.OpenDb();
        var groupId = await db.Groups.Where(g => g.Slug == slug).Select(g => g.Id).SingleAsync();
        var series = await db.MeetingSeries.AsNoTracking().Where(s => s.GroupId == groupId).ToListAsync();
        var ids = series.Select(s => s.Id).ToList();
        var changes = await db.MeetingChanges.AsNoTracking().Where(c => ids.Contains(c.SeriesId)).ToListAsync();
        return [.. series
            .SelectMany(s => Recurrence.Between(s, changes, from, to))
            .Where(o => !o.IsCancelled)
            .Select(o => o.Start.ToInstant())
            .Order()
            .Select(Format)];
    }

    /// <summary>The group's public feed, as served, expanded by ical.js under node.</summary>
    private async Task<List<string>> IcalJsInstantsAsync(string slug, Instant from, Instant to)
    {
        var ics = await factory.CreateBrowserLikeClient().GetStringAsync(new Uri($"/groups/{slug}/calendar.ics", UriKind.Relative));
        var file = Path.Combine(Path.GetTempPath(), $"hearth-{slug}-{Guid.NewGuid():N}.ics");
        await File.WriteAllTextAsync(file, ics);
        try
        {
            var output = await NodeAsync(Path.Combine(Folder, "expand.mjs"), file, Format(from), Format(to));
            return [.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static async Task<string> NodeAsync(params string[] arguments)
    {
        if (!Directory.Exists(Path.Combine(Folder, "node_modules", "ical.js")))
        {
            throw new XunitException(
                $"ical.js is not installed in {Folder}/node_modules. Run `npm ci --prefix tests/Hearth.Tests/Features/Meetings` (./test.sh does) with node and npm on the PATH.");
        }

        var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Folder };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new XunitException("node did not start.");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new XunitException($"node is not on the PATH ({e.Message}); these tests need node 20 or later to run ical.js.");
        }

        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            await process.WaitForExitAsync(limit.Token);
            var problems = await error;
            Assert.True(process.ExitCode == 0, string.Create(CultureInfo.InvariantCulture, $"node {string.Join(' ', arguments)} exited with {process.ExitCode}: {problems}"));
            return await output;
        }
    }
}
