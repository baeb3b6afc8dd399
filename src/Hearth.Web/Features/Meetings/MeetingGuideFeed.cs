using System.Globalization;
using Hearth.Web.Data;
using Hearth.Web.Features.Groups;
using Hearth.Web.Features.Mail;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Hearth.Web.Features.Meetings;

/// <summary>
/// Open data in the Meeting Guide format (code4recovery spec): one record per weekly series of a listed group,
/// with only what the group shows the public — never an online link, never a street address kept for members.
/// The spec is for weekly meetings only, so fortnightly, monthly and one-off series are left out.
/// </summary>
public static class MeetingGuideFeed
{
    public static WebApplication MapMeetingGuideFeed(this WebApplication app)
    {
        app.MapGet("/feeds/meetings.json", async (HearthDb db, TimeProvider clock, IOptions<MailOptions> mail, IHostEnvironment environment, HttpContext http, CancellationToken cancellationToken) =>
        {
            var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
            var rows = await (from s in db.MeetingSeries.AsNoTracking()
                              join g in db.Groups.AsNoTracking() on s.GroupId equals g.Id
                              where g.IsListed && s.Frequency == Frequency.Weekly && (s.EndDate == null || s.EndDate >= today)
                              orderby g.Slug, s.Id
                              select new { Series = s, Group = g }).ToListAsync(cancellationToken);
            var (origin, _) = MeetingsExtensions.FeedAddress(mail.Value, environment, http.Request);
            return Results.Json(rows.Select(r => Record(r.Series, r.Group, origin)));
        });
        return app;
    }

    private static Dictionary<string, object?> Record(MeetingSeries series, Group group, string origin)
    {
        var online = series.IsOnline || group.Format == GroupFormat.Online;
        var attendance = online ? "online" : group.Format == GroupFormat.Hybrid ? "hybrid" : "in_person";
        var publicAddress = !online && !group.AddressForMembersOnly && !string.IsNullOrWhiteSpace(group.VenueAddress);
        var place = online ? null : group.Town;
        var record = new Dictionary<string, object?>
        {
            ["name"] = series.Title,
            ["slug"] = $"{group.Slug}-{series.Id}",
            ["day"] = (int)series.StartDate.DayOfWeek,
            ["time"] = series.StartTime.ToString("HH:mm", CultureInfo.InvariantCulture),
            ["end_time"] = series.StartTime.AddMinutes(series.DurationMinutes).ToString("HH:mm", CultureInfo.InvariantCulture),
            ["timezone"] = series.TimeZone,
            ["group"] = group.Name,
            ["location"] = online ? null : series.VenueName,
            ["formatted_address"] = publicAddress
                ? $"{group.VenueAddress!.ReplaceLineEndings(", ")}, {group.Town}, United Kingdom"
                : place is null ? "United Kingdom" : $"{place}, United Kingdom",
            ["approximate"] = publicAddress ? "no" : "yes",
            ["latitude"] = online || group.Latitude is null ? null : Math.Round(group.Latitude.Value, 5),
            ["longitude"] = online || group.Longitude is null ? null : Math.Round(group.Longitude.Value, 5),
            ["attendance_option"] = attendance,
            ["types"] = Types(group, online),
            ["notes"] = series.AccessNotes,
            ["updated"] = series.UpdatedAt.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
            ["url"] = $"{origin}/groups/{group.Slug}",
        };
        return record.Where(pair => pair.Value is not null).ToDictionary(pair => pair.Key, pair => pair.Value);
    }

    /// <summary>Meeting Guide type codes for what Hearth knows: open or closed, who it is for, wheelchair access, language, online.</summary>
    public static List<string> Types(Group group, bool online)
    {
        var types = new List<string> { group.JoinPolicy == JoinPolicy.Open ? "O" : "C" };
        var audiences = Vocabulary.Read(group.Audiences).ToHashSet(StringComparer.Ordinal);
        foreach (var (audience, code) in new[] { ("women", "W"), ("men", "M"), ("young-people", "Y"), ("lgbtq", "LGBTQ") })
        {
            if (audiences.Contains(audience))
            {
                types.Add(code);
            }
        }

        if (!online && Vocabulary.Read(group.Access).Contains("step-free"))
        {
            types.Add("X");
        }

        if (group.Languages.Split(',').Contains("en"))
        {
            types.Add("EN");
        }

        return types;
    }
}
