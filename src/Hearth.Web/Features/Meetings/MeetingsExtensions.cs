using Hearth.Web.Data;
using Hearth.Web.Features.Demo;
using Hearth.Web.Features.Mail;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Hearth.Web.Features.Meetings;

public static class MeetingsExtensions
{
    public static WebApplicationBuilder AddMeetings(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<MeetingCalendar>();
        builder.Services.Configure<ReminderOptions>(builder.Configuration.GetSection("Hearth:Reminders"));
        builder.Services.AddScoped<MeetingReminders>();
        builder.Services.AddHostedService<ReminderSender>();
        builder.Services.AddScoped<Accounts.IPersonalData, MeetingsPersonalData>();
        builder.Services.Configure<RazorPagesOptions>(o =>
        {
            o.Conventions.AuthorizePage("/Meetings/NewSeries");
            o.Conventions.AuthorizePage("/Meetings/MyCalendar");
        });
        builder.Services.AddDemoData<MeetingsDemoData>();
        return builder;
    }

    /// <summary>
    /// The public calendar of a group: its series as RFC 5545, with no private details (no online link, no street
    /// address, no reasons, no one's name).
    /// </summary>
    public static WebApplication MapMeetingFeeds(this WebApplication app)
    {
        app.MapGet("/groups/{slug}/calendar.ics", async (string slug, HearthDb db, MeetingCalendar calendar, IOptions<MailOptions> mail, IHostEnvironment environment, HttpContext http, CancellationToken cancellationToken) =>
        {
            var wanted = slug.ToLowerInvariant();
            var group = await db.Groups.AsNoTracking().Where(g => g.Slug == wanted).Select(g => new { g.Id, g.Slug, g.Name }).SingleOrDefaultAsync(cancellationToken);
            if (group is null)
            {
                return Results.NotFound();
            }

            var (series, changes) = await calendar.LoadAsync(group.Id, cancellationToken);
            var (origin, host) = FeedAddress(mail.Value, environment, http.Request);
            var now = calendar.Now;
            var ics = new ICalendar(group.Name);
            foreach (var zoneId in series.Select(s => s.TimeZone).Distinct(StringComparer.Ordinal))
            {
                var zone = Recurrence.FindZone(zoneId) ?? DateTimeZone.Utc;
                var earliest = series.Where(s => s.TimeZone == zoneId).Min(s => s.StartDate).ToLocalDate();
                var from = earliest.PlusYears(-1).AtStartOfDayInZone(zone).ToInstant();
                // Every clock change for 20 years (a weekly series reaches Hearth's 1,000-meeting limit in about 19),
                // so a calendar app never guesses the offset of a meeting past the last one written.
                ics.TimeZone(zone, from, now + Duration.FromDays(20 * 366));
            }

            foreach (var s in series)
            {
                ics.Event(s, [.. changes.Where(c => c.SeriesId == s.Id)], $"series-{s.Id}@{host}", $"{s.Title} ({group.Name})",
                    s.IsOnline ? "Online" : s.VenueName, null, $"{origin}/groups/{group.Slug}", now);
            }

            return Results.Text(ics.ToString(), "text/calendar; charset=utf-8");
        });
        // A person's private feed: the meetings they said they would go to (or are waiting for), from a month ago on.
        // Unknown and stopped links are "not found", with no hint whether they ever existed.
        app.MapGet("/calendar/{token}.ics", async (string token, HearthDb db, MeetingCalendar calendar, IOptions<MailOptions> mail, IHostEnvironment environment, HttpContext http, CancellationToken cancellationToken) =>
        {
            var hash = Groups.GroupInvite.Hash(token);
            var userId = await db.CalendarLinks.AsNoTracking().Where(c => c.TokenHash == hash).Select(c => c.UserId).SingleOrDefaultAsync(cancellationToken);
            if (userId is null)
            {
                return Results.NotFound();
            }

            var since = DateOnly.FromDateTime(calendar.Now.ToDateTimeUtc().AddDays(-31));
            var answers = await (from r in db.Rsvps.AsNoTracking()
                                 join s in db.MeetingSeries on r.SeriesId equals s.Id
                                 join g in db.Groups on s.GroupId equals g.Id
                                 join m in db.GroupMembers on new { GroupId = g.Id, r.UserId } equals new { m.GroupId, m.UserId }
                                 where r.UserId == userId && r.State != RsvpState.CantGo && r.OccurrenceDate >= since
                                 orderby r.OccurrenceDate
                                 select new { Series = s, g.Slug, r.OccurrenceDate }).Take(500).ToListAsync(cancellationToken);
            var (origin, host) = FeedAddress(mail.Value, environment, http.Request);
            var ics = new ICalendar("Hearth");
            // The changes to all these meetings in one read, not one per meeting.
            var seriesIds = answers.Select(a => a.Series.Id).Distinct().ToList();
            var changes = await db.MeetingChanges.AsNoTracking().Where(c => seriesIds.Contains(c.SeriesId)).ToListAsync(cancellationToken);
            var occurrences = new List<(Occurrence Occurrence, string Slug)>();
            foreach (var answer in answers)
            {
                if (MeetingCalendar.Find(answer.Series, answer.OccurrenceDate.ToLocalDate(), changes) is { } occurrence)
                {
                    occurrences.Add((occurrence, answer.Slug));
                }
            }

            foreach (var zone in occurrences.Select(o => o.Occurrence.Start.Zone).Distinct())
            {
                var inZone = occurrences.Where(o => o.Occurrence.Start.Zone == zone).Select(o => o.Occurrence.Start.ToInstant()).ToList();
                ics.TimeZone(zone, inZone.Min() - Duration.FromDays(1), inZone.Max() + Duration.FromDays(1));
            }

            foreach (var (occurrence, slug) in occurrences)
            {
                var date = occurrence.OriginalDate.ToDateOnly().ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
                // The title only, not the group's name: calendars are often synced to other companies' servers.
                ics.OneMeeting(occurrence, OccurrenceUid(occurrence.Series.Id, date, host), occurrence.Series.Title,
                    occurrence.Place("Online"),
                    OccurrenceUrl(origin, slug, occurrence.Series.Id, date), calendar.Now);
            }

            return Results.Text(ics.ToString(), "text/calendar; charset=utf-8");
        });

        // "Add to calendar" for one meeting: public details only, like the group's feed.
        app.MapGet("/groups/{slug}/meetings/{seriesId:int}/{date}/calendar.ics", async (string slug, int seriesId, string date, HearthDb db, MeetingCalendar calendar, IOptions<MailOptions> mail, IHostEnvironment environment, HttpContext http, CancellationToken cancellationToken) =>
        {
            var wanted = slug.ToLowerInvariant();
            var group = await db.Groups.AsNoTracking().Where(g => g.Slug == wanted).Select(g => new { g.Id, g.Slug, g.Name }).SingleOrDefaultAsync(cancellationToken);
            var series = group is null ? null : await db.MeetingSeries.AsNoTracking().SingleOrDefaultAsync(s => s.Id == seriesId && s.GroupId == group.Id, cancellationToken);
            if (group is null || series is null
                || !DateOnly.TryParseExact(date, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var day)
                || await calendar.FindAsync(series, day.ToLocalDate(), cancellationToken) is not { } occurrence)
            {
                return Results.NotFound();
            }

            var (origin, host) = FeedAddress(mail.Value, environment, http.Request);
            var ics = new ICalendar(group.Name)
                .TimeZone(occurrence.Start.Zone, occurrence.Start.ToInstant() - Duration.FromDays(1), occurrence.End.ToInstant() + Duration.FromDays(1))
                .OneMeeting(occurrence, OccurrenceUid(series.Id, date, host), $"{series.Title} ({group.Name})",
                    occurrence.Place("Online"),
                    OccurrenceUrl(origin, group.Slug, series.Id, date), calendar.Now);
            http.Response.Headers.ContentDisposition = $"attachment; filename=\"{group.Slug}-{date}.ics\"";
            return Results.Text(ics.ToString(), "text/calendar; charset=utf-8");
        });
        return app;
    }

    /// <summary>This Hearth's public address for links in feeds, and its host name for stable UIDs.</summary>
    internal static (string Origin, string Host) FeedAddress(MailOptions mail, IHostEnvironment environment, HttpRequest request)
    {
        var origin = PublicAddress.Origin(mail, environment, request) ?? "";
        return (origin, origin.Length > 0 ? new Uri(origin).Host : "hearth");
    }

    /// <summary>One meeting's UID, the same in "add to calendar" and in a person's private feed.</summary>
    private static string OccurrenceUid(int seriesId, string date, string host) => $"series-{seriesId}-{date}@{host}";

    internal static string OccurrenceUrl(string origin, string slug, int seriesId, string date) => $"{origin}/groups/{slug}/meetings/{seriesId}/{date}";
}
