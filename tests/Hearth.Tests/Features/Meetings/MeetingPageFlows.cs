using System.Globalization;
using AngleSharp.Dom;
using Hearth.Tests.Features.Groups;
using Hearth.Web.Features.Groups;
using Hearth.Web.Features.Meetings;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Hearth.Tests.Features.Meetings;

/// <summary>
/// What the meeting page tests share: dates as people in the UK see them, series put straight into the database
/// (so a test does not depend on what another did to the demo), people added to a group, and the RSVP forms.
/// </summary>
public static class MeetingPageFlows
{
    public static readonly DateTimeZone London = DateTimeZoneProviders.Tzdb["Europe/London"];

    /// <summary>Today's date in the UK (the tests' "tomorrow" is always in the future, whatever the hour).</summary>
    public static DateOnly Today
    {
        get
        {
            var local = SystemClock.Instance.GetCurrentInstant().InZone(London).Date;
            return new DateOnly(local.Year, local.Month, local.Day);
        }
    }

    public static string Iso(this DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string MeetingUrl(string slug, int seriesId, DateOnly date) => $"/groups/{slug}/meetings/{seriesId}/{date.Iso()}";

    /// <summary>A series of the test's own, as if an organiser had set it up: weekly from tomorrow at 18:30 unless changed.</summary>
    public static async Task<MeetingSeries> AddSeriesAsync(this HearthFactory factory, int groupId, Action<MeetingSeries>? configure = null)
    {
        var now = DateTime.UtcNow;
        var series = new MeetingSeries
        {
            GroupId = groupId,
            Title = $"Evening meeting {Guid.NewGuid().ToString("N")[..6]}",
            Frequency = Frequency.Weekly,
            StartDate = Today.AddDays(1),
            StartTime = new TimeOnly(18, 30),
            DurationMinutes = 90,
            TimeZone = "Europe/London",
            VenueName = "Rhyl library, upstairs room",
            CreatedAt = now,
            UpdatedAt = now,
        };
        configure?.Invoke(series);
        await using var db = factory.OpenDb();
        db.MeetingSeries.Add(series);
        await db.SaveChangesAsync();
        return series;
    }

    /// <summary>A one-off meeting of the group that was yesterday, 10:00 to 11:00 in the UK: over, and so closed to answers and changes.</summary>
    public static Task<MeetingSeries> AddMeetingYesterdayAsync(this HearthFactory factory, int groupId) =>
        factory.AddSeriesAsync(groupId, s =>
        {
            s.Frequency = Frequency.Once;
            s.StartDate = Today.AddDays(-1);
            s.StartTime = new TimeOnly(10, 0);
            s.DurationMinutes = 60;
        });

    /// <summary>A new person, signed in, who belongs to the group in the role given.</summary>
    public static async Task<SignedIn> NewMemberAsync(this HearthFactory factory, int groupId, GroupRole role = GroupRole.Member)
    {
        var person = await factory.NewSignedInAsync();
        await factory.AddMemberAsync(groupId, person.UserId, role);
        return person;
    }

    public static async Task AddMemberAsync(this HearthFactory factory, int groupId, string userId, GroupRole role = GroupRole.Member)
    {
        await using var db = factory.OpenDb();
        db.GroupMembers.Add(new GroupMember { GroupId = groupId, UserId = userId, Role = role, JoinedAt = DateTime.UtcNow.AddDays(-10), AgreementVersionAccepted = 1 });
        await db.SaveChangesAsync();
    }

    /// <summary>Every answer given for one meeting, oldest first.</summary>
    public static async Task<List<Rsvp>> RsvpsAsync(this HearthFactory factory, int seriesId, DateOnly date)
    {
        await using var db = factory.OpenDb();
        return await db.Rsvps.AsNoTracking().Where(r => r.SeriesId == seriesId && r.OccurrenceDate == date).OrderBy(r => r.Id).ToListAsync();
    }

    public static async Task<List<MeetingChange>> ChangesAsync(this HearthFactory factory, int seriesId)
    {
        await using var db = factory.OpenDb();
        return await db.MeetingChanges.AsNoTracking().Where(c => c.SeriesId == seriesId).ToListAsync();
    }

    public static async Task<int> SeriesCountAsync(this HearthFactory factory, int groupId)
    {
        await using var db = factory.OpenDb();
        return await db.MeetingSeries.CountAsync(s => s.GroupId == groupId);
    }

    /// <summary>The "I'm going" or "I can't go" form on a meeting's page (answer is going or cant-go), or null.</summary>
    public static IElement? RsvpForm(this IDocument page, string answer) =>
        page.QuerySelectorAll("main form[action*='handler=Rsvp']")
            .SingleOrDefault(f => f.QuerySelector("input[name=answer]")?.GetAttribute("value") == answer);

    /// <summary>Opens the meeting's page and presses "I'm going" or "I can't go"; returns the response to the press.</summary>
    public static async Task<HttpResponseMessage> AnswerAsync(this HttpClient client, string meetingUrl, string answer)
    {
        var page = await client.GetDocumentAsync(meetingUrl);
        var form = page.RsvpForm(answer) ?? throw new Xunit.Sdk.XunitException($"No {answer} button on {meetingUrl}.");
        return await client.SubmitAsync(meetingUrl, form);
    }

    /// <summary>The dates of the meetings a page links to for one series, in the order shown.</summary>
    public static List<DateOnly> LinkedDates(this IDocument page, string selector, string slug, int seriesId)
    {
        var prefix = $"/groups/{slug}/meetings/{seriesId}/";
        return [.. page.QuerySelectorAll($"{selector} a[href^='{prefix}']")
            .Select(a => DateOnly.ParseExact(a.GetAttribute("href")![prefix.Length..], "yyyy-MM-dd", CultureInfo.InvariantCulture))];
    }

    /// <summary>The first, second... (or, with -1, last) given weekday of a month, worked out by counting days.</summary>
    public static DateOnly NthWeekday(int year, int month, int week, DayOfWeek day)
    {
        var days = Enumerable.Range(1, DateTime.DaysInMonth(year, month)).Select(d => new DateOnly(year, month, d)).Where(d => d.DayOfWeek == day).ToList();
        return week == -1 ? days[^1] : days[week - 1];
    }
}
