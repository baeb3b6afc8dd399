using Hearth.Web.Data;
using Hearth.Web.Features.Groups.Gazetteer;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Hearth.Web.Features.Groups;

/// <summary>
/// The directory, open to anyone without an account. The query string drives the form:
/// <c>near</c>, <c>radius</c> (miles, 1–200, default 10), <c>online</c>, <c>format</c>, <c>run_by</c>, <c>q</c>,
/// <c>page</c>. Results are sorted by distance (by relevance for <c>q</c>). Unlisted groups never appear.
/// </summary>
public sealed class IndexModel(HearthDb db, Gazetteer.Gazetteer gazetteer, Meetings.MeetingCalendar calendar, TimeProvider clock, IStringLocalizer<Strings> text) : PageModel
{
    public const int PageSize = 20;
    private const double MilesPerDegreeLatitude = 69.0;

    /// <summary>What a result shows of a group: read for one page of results only, never whole rows.</summary>
    public sealed record Listing(int Id, string Slug, string Name, string Summary, string? Town, GroupFormat Format, string Topics, string Audiences, JoinPolicy JoinPolicy, bool IsFacilitatedByNetwork);

    public sealed record Result(Listing Group, double? Miles, Meetings.Occurrence? Next);

    /// <summary>The <c>day</c> filter's values, Monday first (a value's index + 1 is its ISO day number).</summary>
    public static readonly IReadOnlyList<string> Days = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

    /// <summary>The <c>time</c> filter's values: starting before noon, from noon to before 5 pm, from 5 pm.</summary>
    public static readonly IReadOnlyList<string> Times = ["morning", "afternoon", "evening"];

    /// <summary>How far ahead "next meeting" looks.</summary>
    public const int NextMeetingDays = 62;

    /// <summary>What sorting and counting need of every match, however many a wide radius finds.</summary>
    private sealed record Candidate(int Id, string Name, GroupFormat Format, double? Latitude, double? Longitude);

    [BindProperty(SupportsGet = true, Name = "near")]
    public string? Near { get; set; }

    [BindProperty(SupportsGet = true, Name = "radius")]
    public string? Radius { get; set; }

    [BindProperty(SupportsGet = true, Name = "online")]
    public bool Online { get; set; }

    [BindProperty(SupportsGet = true, Name = "format")]
    public string? Format { get; set; }

    [BindProperty(SupportsGet = true, Name = "run_by")]
    public string? RunBy { get; set; }

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true, Name = "topic")]
    public string? Topic { get; set; }

    [BindProperty(SupportsGet = true, Name = "audience")]
    public string? Audience { get; set; }

    [BindProperty(SupportsGet = true, Name = "join")]
    public string? Join { get; set; }

    [BindProperty(SupportsGet = true, Name = "lang")]
    public string? Lang { get; set; }

    [BindProperty(SupportsGet = true, Name = "access")]
    public string? AccessNeed { get; set; }

    /// <summary>From <c>?page=</c>, read by hand: Razor Pages keeps a route value called "page" for itself.</summary>
    [BindProperty(SupportsGet = true, Name = "day")]
    public string? Day { get; set; }

    [BindProperty(SupportsGet = true, Name = "time")]
    public string? Time { get; set; }

    /// <summary><c>next</c> sorts by the next meeting (soonest first, groups with none last); otherwise by distance.</summary>
    [BindProperty(SupportsGet = true, Name = "sort")]
    public string? Sort { get; set; }

    public int PageNumber { get; private set; } = 1;

    public Place? Place { get; private set; }

    public PlaceMatch? Ambiguous { get; private set; }

    public PlaceMatch? Unknown { get; private set; }

    public IReadOnlyList<Result> Results { get; private set; } = [];

    public int Total { get; private set; }

    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);

    /// <summary>
    /// The pages linked below the results: the first, the last, and two either side of this one. A whole nation's
    /// directory has hundreds of pages, and a link to each would outweigh the results.
    /// </summary>
    public IEnumerable<int> PageLinks =>
        Enumerable.Range(1, Pages).Where(p => p == 1 || p == Pages || Math.Abs(p - Math.Max(PageNumber, 1)) <= 2);

    public bool PastTheEnd { get; private set; }

    public int Miles { get; private set; } = 10;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var formats = Validate();
        if (ModelState.ErrorCount > 0)
        {
            return;
        }

        var query = db.Groups.AsNoTracking().Where(g => g.IsListed);
        if (Place is not null)
        {
            // A bounding box in SQL narrows the rows; the exact distance is worked out here. It comes first, so that
            // SQLite rules most rows out with four comparisons before it tries any LIKE on the ones left.
            var latitudeSpan = Miles / MilesPerDegreeLatitude;
            var longitudeSpan = Miles / (MilesPerDegreeLatitude * Math.Cos(Place.Latitude * Math.PI / 180));
            var (south, north, west, east) = (Place.Latitude - latitudeSpan, Place.Latitude + latitudeSpan, Place.Longitude - longitudeSpan, Place.Longitude + longitudeSpan);
            query = query.Where(g => (Online && g.Format == GroupFormat.Online)
                || (g.Latitude >= south && g.Latitude <= north && g.Longitude >= west && g.Longitude <= east));
        }

        if (formats is not null)
        {
            query = query.Where(g => formats.Contains(g.Format));
        }

        if (RunBy is not null)
        {
            var network = RunBy == "network";
            query = query.Where(g => g.IsFacilitatedByNetwork == network);
        }

        if (Topic is { Length: > 0 })
        {
            query = query.Where(g => EF.Functions.Like(g.Topics, Vocabulary.Needle(Topic)));
        }

        if (Audience is { Length: > 0 })
        {
            query = query.Where(g => EF.Functions.Like(g.Audiences, Vocabulary.Needle(Audience)));
        }

        if (AccessNeed is { Length: > 0 })
        {
            query = query.Where(g => EF.Functions.Like(g.Access, Vocabulary.Needle(AccessNeed)));
        }

        if (Lang is { Length: > 0 })
        {
            query = query.Where(g => EF.Functions.Like("," + g.Languages + ",", Vocabulary.Needle(Lang)));
        }

        if (Join is { Length: > 0 })
        {
            var policy = Join switch { "closed" => JoinPolicy.Closed, "invite" => JoinPolicy.InviteOnly, _ => JoinPolicy.Open };
            query = query.Where(g => g.JoinPolicy == policy);
        }

        if (!string.IsNullOrWhiteSpace(Q))
        {
            var words = Q.Trim().ToLowerInvariant();
#pragma warning disable CA1304, CA1311, CA1862 // Translated to SQL lower(...) LIKE on both engines; no .NET culture is involved.
            query = query.Where(g => g.Name.ToLower().Contains(words) || g.Summary.ToLower().Contains(words));
#pragma warning restore CA1304, CA1311, CA1862
        }

        var matches = (await query.Select(g => new Candidate(g.Id, g.Name, g.Format, g.Latitude, g.Longitude)).ToListAsync(cancellationToken))
            .Select(g => (Group: g, Miles: Place is not null && g.Latitude is { } lat && g.Longitude is { } lon ? Place.MilesTo(lat, lon) : (double?)null))
            .Where(r => Place is null || r.Group.Format == GroupFormat.Online || r.Miles <= Miles)
            .ToList();
        var byNext = Sort == "next";
        var next = new Dictionary<int, Meetings.Occurrence>();
        if (Day is { Length: > 0 } || Time is { Length: > 0 } || byNext)
        {
            // Meetings are read only when a choice needs them, and only for the groups that matched so far.
            var series = await SeriesOfAsync(matches.Select(m => m.Group.Id).ToList(), cancellationToken);
            if (Day is { Length: > 0 } || Time is { Length: > 0 })
            {
                var meets = series.Where(MeetsWhenAsked).Select(s => s.GroupId).ToHashSet();
                matches = [.. matches.Where(m => meets.Contains(m.Group.Id))];
            }

            if (byNext)
            {
                next = await NextMeetingsAsync(series, cancellationToken);
            }
        }

        var ordered = byNext
            ? matches.OrderBy(r => next.TryGetValue(r.Group.Id, out var o) ? o.Start.ToInstant() : NodaTime.Instant.MaxValue).ThenBy(r => r.Miles ?? double.MaxValue).ThenBy(r => r.Group.Name, StringComparer.CurrentCulture)
            : string.IsNullOrWhiteSpace(Q)
            ? matches.OrderBy(r => r.Miles ?? double.MaxValue).ThenBy(r => r.Group.Name, StringComparer.CurrentCulture)
            : matches.OrderByDescending(r => r.Group.Name.Contains(Q.Trim(), StringComparison.CurrentCultureIgnoreCase)).ThenBy(r => r.Miles ?? double.MaxValue).ThenBy(r => r.Group.Name, StringComparer.CurrentCulture);
        Total = matches.Count;
        PastTheEnd = PageNumber > Pages;
        var shown = PastTheEnd ? [] : ordered.Skip((Math.Max(PageNumber, 1) - 1) * PageSize).Take(PageSize).ToList();
        var ids = shown.Select(r => r.Group.Id).ToList();
        var listings = ids.Count == 0 ? [] : await db.Groups.AsNoTracking()
            .Where(g => ids.Contains(g.Id))
            .Select(g => new Listing(g.Id, g.Slug, g.Name, g.Summary, g.Town, g.Format, g.Topics, g.Audiences, g.JoinPolicy, g.IsFacilitatedByNetwork))
            .ToDictionaryAsync(g => g.Id, cancellationToken);
        if (!byNext && ids.Count > 0)
        {
            next = await NextMeetingsAsync(await SeriesOfAsync(ids, cancellationToken), cancellationToken);
        }

        // A group deleted between the two reads is left out rather than failing the page.
        Results = [.. shown.Where(r => listings.ContainsKey(r.Group.Id)).Select(r => new Result(listings[r.Group.Id], r.Miles, next.GetValueOrDefault(r.Group.Id)))];
    }

    /// <summary>The groups' series that still have meetings ahead (no end date, or one not yet passed).</summary>
    private async Task<List<Meetings.MeetingSeries>> SeriesOfAsync(List<int> groupIds, CancellationToken cancellationToken)
    {
        // A day early: "today" differs by a few hours across the zones groups meet in.
        var yesterday = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime).AddDays(-1);
        return await db.MeetingSeries.AsNoTracking()
            .Where(s => groupIds.Contains(s.GroupId) && (s.EndDate == null || s.EndDate >= yesterday) && (s.Frequency != Meetings.Frequency.Once || s.StartDate >= yesterday))
            .ToListAsync(cancellationToken);
    }

    /// <summary>Whether a series meets on the chosen weekday and in the chosen part of the day, by its rule (in its own zone).</summary>
    private bool MeetsWhenAsked(Meetings.MeetingSeries series)
    {
        var day = Days[(int)Meetings.Recurrence.Weekday(series) - 1];
        var part = Times[series.StartTime.Hour < 12 ? 0 : series.StartTime.Hour < 17 ? 1 : 2];
        return (Day is not { Length: > 0 } || Day == day) && (Time is not { Length: > 0 } || Time == part);
    }

    /// <summary>Each group's next meeting that is not cancelled, within <see cref="NextMeetingDays"/> days.</summary>
    private async Task<Dictionary<int, Meetings.Occurrence>> NextMeetingsAsync(List<Meetings.MeetingSeries> series, CancellationToken cancellationToken)
    {
        var ids = series.Select(s => s.Id).ToList();
        var changes = await db.MeetingChanges.AsNoTracking().Where(c => ids.Contains(c.SeriesId)).ToListAsync(cancellationToken);
        return calendar.Upcoming(series, changes, NextMeetingDays)
            .Where(o => !o.IsCancelled && o.Start.ToInstant() > calendar.Now)
            .GroupBy(o => o.Series.GroupId)
            .ToDictionary(g => g.Key, g => g.First());
    }

    /// <summary>The query string with one value changed, for choices and page links.</summary>
    public string With(string name, string? value)
    {
        var values = new Dictionary<string, string?>
        {
            ["near"] = Near,
            ["radius"] = Radius,
            ["online"] = Online ? "true" : null,
            ["format"] = Format,
            ["run_by"] = RunBy,
            ["q"] = Q,
            ["topic"] = Topic,
            ["audience"] = Audience,
            ["join"] = Join,
            ["lang"] = Lang,
            ["access"] = AccessNeed,
            ["day"] = Day,
            ["time"] = Time,
            ["sort"] = Sort,
            ["page"] = null,
        };
        values[name] = value;
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("/groups", values.Where(v => !string.IsNullOrEmpty(v.Value)));
    }

    private GroupFormat[]? Validate()
    {
        if (!string.IsNullOrWhiteSpace(Radius))
        {
            if (int.TryParse(Radius, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var miles) && miles is >= 1 and <= 200)
            {
                Miles = miles;
            }
            else
            {
                ModelState.AddModelError("radius", text["Groups.Search.RadiusRange"]);
            }
        }

        if (RunBy is not null and not ("independent" or "network"))
        {
            ModelState.AddModelError("run_by", text["Groups.Search.RunByUnknown"]);
        }

        foreach (var (field, value, allowed) in new[]
        {
            ("topic", Topic, Vocabulary.Topics),
            ("audience", Audience, Vocabulary.Audiences),
            ("access", AccessNeed, Vocabulary.Access),
            ("lang", Lang, Vocabulary.Languages),
            ("join", Join, (IReadOnlyList<string>)["open", "closed", "invite"]),
            ("day", Day, Days),
            ("time", Time, Times),
            ("sort", Sort, (IReadOnlyList<string>)["distance", "next"]),
        })
        {
            if (value is { Length: > 0 } && !allowed.Contains(value))
            {
                ModelState.AddModelError(field, text["Groups.Search.ChooseFromList"]);
            }
        }

        PageNumber = int.TryParse(Request.Query["page"], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var page) && page >= 1 ? page : 1;

        if (!string.IsNullOrWhiteSpace(Near))
        {
            var match = gazetteer.Find(Near);
            if (match.Places.Count == 1)
            {
                Place = match.Places[0];
            }
            else if (match.Places.Count > 1)
            {
                Ambiguous = match;
                ModelState.AddModelError("near", text["Groups.Search.Ambiguous", match.Places.Count, Near.Trim()]);
            }
            else
            {
                Unknown = match;
                ModelState.AddModelError("near", text["Groups.Search.UnknownPlace", Near.Trim()]);
            }
        }

        GroupFormat[]? formats = Format switch
        {
            null or "" => null,
            "in-person" => [GroupFormat.InPerson],
            "online" => [GroupFormat.Online],
            "hybrid" => [GroupFormat.Hybrid],
            _ => null,
        };
        if (Format is not (null or "" or "in-person" or "online" or "hybrid"))
        {
            ModelState.AddModelError("format", text["Groups.Search.FormatUnknown"]);
        }

        return Online ? [.. (formats ?? [GroupFormat.Online, GroupFormat.Hybrid]).Where(f => f != GroupFormat.InPerson)] : formats;
    }
}
