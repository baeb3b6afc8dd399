using System.Net;
using System.Text.Json;
using AngleSharp.Dom;
using Hearth.Web.Features.Meetings;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Tests.Features.Meetings;

/// <summary>
/// Every meeting page and action, for everyone who might ask (anonymous, signed in without belonging, a member who
/// has not answered, a member going, co-organiser, organiser, the network's moderator and admin), on a listed and an
/// unlisted group. Each row checks the answer (page, not found, sign in), what the page must show, and that nothing
/// reaches anyone who may not see it: who is going, the online link, the reason a meeting is cancelled, anyone's
/// email address. Refused actions change nothing in the database; allowed ones do (so a refusal is real).
/// </summary>
public sealed class MeetingAuthorisationMatrixTests(MeetingAuthorisationMatrixFactory factory) : IClassFixture<MeetingAuthorisationMatrixFactory>
{
    public enum Persona
    {
        Anonymous,
        NonMember,

        /// <summary>A member who has not answered for any meeting.</summary>
        Member,

        /// <summary>A member who said they are going to the next meeting.</summary>
        Goer,
        CoOrganiser,
        Organiser,
        Moderator,
        Admin,
    }

    public enum GroupKind
    {
        Listed,
        Unlisted,
    }

    /// <summary>Pages, fetched with GET.</summary>
    public enum Route
    {
        Meetings,
        NewSeries,
        NextMeeting,
        CancelledMeeting,

        /// <summary>A date the series' rule does not give.</summary>
        DateNotInRule,

        /// <summary>This group's address with the other matrix group's series.</summary>
        AnotherGroupsMeeting,
        GroupPage,
        Feed,
    }

    /// <summary>Actions, POSTed with a valid antiforgery token, as a crafted request would be.</summary>
    public enum Handler
    {
        SetUpSeries,
        SayGoing,
        SayCantGo,
        SayGoingToCancelledMeeting,
        Cancel,
        Restore,
        SayGoingToAnotherGroupsMeeting,
        CancelAnotherGroupsMeeting,
        RestoreAnotherGroupsMeeting,

        /// <summary>The attendance register, for a meeting that has not begun.</summary>
        KeepRegister,
        KeepRegisterForAnotherGroupsMeeting,
    }

    public enum Outcome
    {
        /// <summary>200, the page (or the feed).</summary>
        Shown,

        /// <summary>404.</summary>
        NotFound,

        /// <summary>Redirect to /account/sign-in.</summary>
        SignIn,

        /// <summary>The action is taken (tried by <see cref="Each_meeting_action_answers_each_person_as_it_should_and_changes_only_what_it_may"/>, then undone).</summary>
        Allowed,

        /// <summary>200, the page again saying why nothing changed.</summary>
        Unchanged,
    }

    private enum Place
    {
        NextMeeting,
        CancelledMeeting,

        /// <summary>The group page, whose member list members see (answers or not).</summary>
        GroupPage,
        Elsewhere,
    }

    private sealed record Secret(string Text, string What, Persona? Self, Func<Persona, Place, bool> Audience);

    private static readonly Persona[] Personas = Enum.GetValues<Persona>();

    // ---------------------------------------------------------------- the matrix

    public static Outcome Expected(Route route, Persona persona) => (route, persona) switch
    {
        (Route.DateNotInRule or Route.AnotherGroupsMeeting, _) => Outcome.NotFound,
        (Route.NewSeries, Persona.Anonymous) => Outcome.SignIn,
        (Route.NewSeries, _) => Organises(persona) ? Outcome.Shown : Outcome.NotFound,
        _ => Outcome.Shown,
    };

    public static Outcome Expected(Handler handler, Persona persona) => (handler, persona) switch
    {
        (Handler.SayGoingToAnotherGroupsMeeting or Handler.CancelAnotherGroupsMeeting or Handler.RestoreAnotherGroupsMeeting or Handler.KeepRegisterForAnotherGroupsMeeting, _) => Outcome.NotFound,
        // The register is the organisers' alone (and waits for the meeting to begin); to anyone else it does not exist.
        (Handler.KeepRegister, _) => Organises(persona) ? Outcome.Unchanged : Outcome.NotFound,
        // Answering is for members: anyone signed out is asked to sign in first.
        (Handler.SetUpSeries or Handler.SayGoing or Handler.SayCantGo or Handler.SayGoingToCancelledMeeting, Persona.Anonymous) => Outcome.SignIn,
        (Handler.SetUpSeries, _) => Organises(persona) ? Outcome.Allowed : Outcome.NotFound,
        (_, Persona.NonMember or Persona.Moderator or Persona.Admin) => Outcome.NotFound,
        (Handler.SayGoing, Persona.Goer) => Outcome.Unchanged,
        (Handler.SayGoing or Handler.SayCantGo, _) => Outcome.Allowed,
        (Handler.SayGoingToCancelledMeeting, _) => Outcome.Unchanged,
        // Cancelling and restoring are for organisers and co-organisers; to anyone else, signed in or not, they do not exist.
        (Handler.Cancel or Handler.Restore, _) => Organises(persona) ? Outcome.Allowed : Outcome.NotFound,
        _ => throw new ArgumentOutOfRangeException(nameof(handler), handler, null),
    };

    public static TheoryData<Route, Persona, GroupKind> Pages()
    {
        var rows = new TheoryData<Route, Persona, GroupKind>();
        foreach (var route in Enum.GetValues<Route>())
        {
            foreach (var persona in Personas)
            {
                foreach (var kind in Enum.GetValues<GroupKind>())
                {
                    rows.Add(route, persona, kind);
                }
            }
        }

        return rows;
    }

    public static TheoryData<Handler, Persona, GroupKind> Actions()
    {
        var rows = new TheoryData<Handler, Persona, GroupKind>();
        foreach (var handler in Enum.GetValues<Handler>())
        {
            foreach (var persona in Personas)
            {
                foreach (var kind in Enum.GetValues<GroupKind>())
                {
                    rows.Add(handler, persona, kind);
                }
            }
        }

        return rows;
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Each_meeting_page_answers_each_person_as_it_should_and_shows_them_only_what_they_may_see(Route route, Persona persona, GroupKind kind)
    {
        var group = factory.Groups[kind];
        var url = await UrlAsync(route, group);
        var expected = Expected(route, persona);

        using var response = await factory.ClientFor(persona, group).GetAsync(new Uri(url, UriKind.Relative));

        var body = await response.Content.ReadAsStringAsync();
        var problems = new List<string>();
        CheckAnswer(problems, expected, response);
        if (expected == Outcome.Shown && response.StatusCode == HttpStatusCode.OK)
        {
            CheckPage(problems, route, persona, group, body);
        }

        CheckNothingLeaks(problems, body, persona, group, route switch
        {
            Route.NextMeeting => Place.NextMeeting,
            Route.CancelledMeeting => Place.CancelledMeeting,
            Route.GroupPage => Place.GroupPage,
            _ => Place.Elsewhere,
        });
        Assert.True(problems.Count == 0, $"GET {url} as {persona} ({group.Label}), expected {expected}:\n  {string.Join("\n  ", problems)}");
    }

    [Theory]
    [MemberData(nameof(Actions))]
    public async Task Each_meeting_action_answers_each_person_as_it_should_and_changes_only_what_it_may(Handler handler, Persona persona, GroupKind kind)
    {
        var group = factory.Groups[kind];
        var client = factory.ClientFor(persona, group);
        var expected = Expected(handler, persona);
        var (url, fields) = await RequestAsync(handler, group, await AntiforgeryAsync(persona, client));
        var before = await SnapshotAsync();

        using var content = new FormUrlEncodedContent(fields);
        using var response = await client.PostAsync(new Uri(url, UriKind.Relative), content);

        var after = await SnapshotAsync();
        var body = await response.Content.ReadAsStringAsync();
        var problems = new List<string>();
        if (expected == Outcome.Allowed)
        {
            await CheckTakenAsync(problems, handler, persona, group, url, response);
        }
        else
        {
            CheckAnswer(problems, expected, response);
            if (expected == Outcome.Unchanged && Html.Parse(body).QuerySelector("[data-error-summary]") is null)
            {
                problems.Add("the page again, but without saying why nothing changed");
            }

            problems.AddRange(after.Except(before, StringComparer.Ordinal).Select(row => $"the database changed: now {row}"));
            problems.AddRange(before.Except(after, StringComparer.Ordinal).Select(row => $"the database changed: was {row}"));
        }

        if (!after.SequenceEqual(before, StringComparer.Ordinal))
        {
            // Put the meetings back as they were, for the rows after this one.
            foreach (var seeded in factory.Groups.Values)
            {
                await factory.SeedMeetingsAsync(seeded);
            }
        }

        CheckNothingLeaks(problems, body, persona, group, handler switch
        {
            Handler.SayGoing or Handler.SayCantGo or Handler.Cancel or Handler.KeepRegister => Place.NextMeeting,
            Handler.SayGoingToCancelledMeeting or Handler.Restore => Place.CancelledMeeting,
            _ => Place.Elsewhere,
        });
        Assert.True(problems.Count == 0, $"POST {url} ({handler}) as {persona} ({group.Label}), expected {expected}:\n  {string.Join("\n  ", problems)}");
    }

    // ---------------------------------------------------------------- requests

    private MeetingMatrixGroup Other(MeetingMatrixGroup group) => factory.Groups.Values.Single(g => g != group);

    private async Task<string> UrlAsync(Route route, MeetingMatrixGroup group)
    {
        var at = $"/groups/{group.Slug}";
        var series = await factory.SeriesIdAsync(group);
        return route switch
        {
            Route.Meetings => $"{at}/meetings",
            Route.NewSeries => $"{at}/meetings/new",
            Route.NextMeeting => MeetingPageFlows.MeetingUrl(group.Slug, series, factory.Next),
            Route.CancelledMeeting => MeetingPageFlows.MeetingUrl(group.Slug, series, factory.Cancelled),
            Route.DateNotInRule => MeetingPageFlows.MeetingUrl(group.Slug, series, factory.Next.AddDays(1)),
            Route.AnotherGroupsMeeting => MeetingPageFlows.MeetingUrl(group.Slug, await factory.SeriesIdAsync(Other(group)), factory.Next),
            Route.GroupPage => at,
            Route.Feed => $"{at}/calendar.ics",
            _ => throw new ArgumentOutOfRangeException(nameof(route), route, null),
        };
    }

    private async Task<(string Url, List<KeyValuePair<string, string>> Fields)> RequestAsync(Handler handler, MeetingMatrixGroup group, string antiforgery)
    {
        var series = await factory.SeriesIdAsync(group);
        var theirs = await factory.SeriesIdAsync(Other(group));
        var next = MeetingPageFlows.MeetingUrl(group.Slug, series, factory.Next);
        var cancelled = MeetingPageFlows.MeetingUrl(group.Slug, series, factory.Cancelled);
        var theirNext = MeetingPageFlows.MeetingUrl(group.Slug, theirs, factory.Next);
        var theirCancelled = MeetingPageFlows.MeetingUrl(group.Slug, theirs, factory.Cancelled);
        var (url, fields) = handler switch
        {
            Handler.SetUpSeries => ($"/groups/{group.Slug}/meetings/new", SeriesForm()),
            Handler.SayGoing => ($"{next}?handler=Rsvp", Fields(("answer", "going"))),
            Handler.SayCantGo => ($"{next}?handler=Rsvp", Fields(("answer", "cant-go"))),
            Handler.SayGoingToCancelledMeeting => ($"{cancelled}?handler=Rsvp", Fields(("answer", "going"))),
            Handler.Cancel => ($"{next}?handler=Cancel", Fields(("Reason", "Cancelled by a matrix test"))),
            Handler.Restore => ($"{cancelled}?handler=Restore", Fields()),
            Handler.SayGoingToAnotherGroupsMeeting => ($"{theirNext}?handler=Rsvp", Fields(("answer", "going"))),
            Handler.CancelAnotherGroupsMeeting => ($"{theirNext}?handler=Cancel", Fields(("Reason", "Cancelled by a matrix test"))),
            Handler.RestoreAnotherGroupsMeeting => ($"{theirCancelled}?handler=Restore", Fields()),
            Handler.KeepRegister => ($"{next}?handler=Register", Fields(("Others", "3"))),
            Handler.KeepRegisterForAnotherGroupsMeeting => ($"{theirNext}?handler=Register", Fields(("Others", "3"))),
            _ => throw new ArgumentOutOfRangeException(nameof(handler), handler, null),
        };
        fields.Add(new("__antiforgery", antiforgery));
        return (url, fields);
    }

    private static List<KeyValuePair<string, string>> SeriesForm() => Fields(
        ("Form.Title", "Set up by a matrix test"),
        ("Form.Frequency", "Weekly"),
        ("Form.StartDate", "2031-05-06"),
        ("Form.StartTime", "18:30"),
        ("Form.Duration", "90"),
        ("Form.TimeZone", "Europe/London"),
        ("Form.VenueName", "Matrix Hall"));

    private static List<KeyValuePair<string, string>> Fields(params (string Name, string Value)[] fields) =>
        [.. fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))];

    private async Task<string> AntiforgeryAsync(Persona persona, HttpClient client)
    {
        if (!factory.Antiforgery.TryGetValue(client, out var token))
        {
            var page = await client.GetDocumentAsync(persona == Persona.Anonymous ? "/account/sign-in" : "/account");
            token = page.QuerySelector("input[name='__antiforgery']")!.GetAttribute("value")!;
            factory.Antiforgery[client] = token;
        }

        return token;
    }

    /// <summary>Every meeting row of both matrix groups, one line each, to tell whether anything changed.</summary>
    private async Task<List<string>> SnapshotAsync()
    {
        await using var db = factory.Open();
        var slugs = factory.Groups.Values.Select(g => g.Slug).ToList();
        var groupIds = await db.Groups.Where(g => slugs.Contains(g.Slug)).Select(g => g.Id).ToListAsync();
        var series = await db.MeetingSeries.AsNoTracking().Where(s => groupIds.Contains(s.GroupId)).OrderBy(s => s.Id).ToListAsync();
        var ids = series.Select(s => s.Id).ToList();
        IEnumerable<object> rows =
        [
            .. series,
            .. await db.MeetingChanges.AsNoTracking().Where(c => ids.Contains(c.SeriesId)).OrderBy(c => c.Id).ToListAsync(),
            .. await db.Rsvps.AsNoTracking().Where(r => ids.Contains(r.SeriesId)).OrderBy(r => r.Id).ToListAsync(),
            .. await db.AttendanceMarks.AsNoTracking().Where(a => ids.Contains(a.SeriesId)).OrderBy(a => a.Id).ToListAsync(),
            .. await db.AttendanceCounts.AsNoTracking().Where(a => ids.Contains(a.SeriesId)).OrderBy(a => a.Id).ToListAsync(),
        ];
        return [.. rows.Select(row => $"{row.GetType().Name} {JsonSerializer.Serialize(row, row.GetType())}")];
    }

    // ---------------------------------------------------------------- checks

    private static bool Organises(Persona persona) => persona is Persona.Organiser or Persona.CoOrganiser;

    private static bool Belongs(Persona persona) => persona is Persona.Member or Persona.Goer or Persona.CoOrganiser or Persona.Organiser;

    private static void CheckAnswer(List<string> problems, Outcome expected, HttpResponseMessage response)
    {
        var status = (int)response.StatusCode;
        var location = Location(response);
        var ok = expected switch
        {
            Outcome.Shown or Outcome.Unchanged => status == 200,
            Outcome.NotFound => status == 404,
            Outcome.SignIn => status == 302 && location?.StartsWith("/account/sign-in?returnUrl=", StringComparison.Ordinal) == true,
            _ => throw new ArgumentOutOfRangeException(nameof(expected), expected, null),
        };
        if (!ok)
        {
            problems.Add($"answered {status}{(location is null ? "" : $" to {location}")}");
        }
    }

    private static string? Location(HttpResponseMessage response) =>
        response.Headers.Location is not { } location ? null
        : location.IsAbsoluteUri ? location.PathAndQuery
        : location.OriginalString;

    /// <summary>The action was taken: the answer a browser gets, and the row it wrote.</summary>
    private async Task CheckTakenAsync(List<string> problems, Handler handler, Persona persona, MeetingMatrixGroup group, string url, HttpResponseMessage response)
    {
        var path = url.Split('?')[0];
        var expectedTarget = handler switch
        {
            Handler.SetUpSeries => $"/groups/{group.Slug}/meetings?added=1",
            Handler.SayGoing => $"{path}?answered=going",
            Handler.SayCantGo => $"{path}?answered=cantgo",
            Handler.Cancel => $"{path}?cancelled=1",
            Handler.Restore => $"{path}?restored=1",
            _ => throw new ArgumentOutOfRangeException(nameof(handler), handler, "No one may take this action."),
        };
        if (Location(response) != expectedTarget || response.StatusCode != HttpStatusCode.Redirect)
        {
            problems.Add($"answered {(int)response.StatusCode} to {Location(response)}, expected a redirect to {expectedTarget}");
        }

        await using var db = factory.Open();
        var groupId = await db.Groups.Where(g => g.Slug == group.Slug).Select(g => g.Id).SingleAsync();
        var series = await factory.SeriesIdAsync(group);
        var email = (persona switch
        {
            Persona.Organiser => group.Organiser,
            Persona.CoOrganiser => group.CoOrganiser,
            Persona.Member => group.Member,
            _ => group.Goer,
        }).Email;
        var userId = await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
        var happened = handler switch
        {
            Handler.SetUpSeries => await db.MeetingSeries.CountAsync(s => s.GroupId == groupId) == 2,
            Handler.SayGoing => await db.Rsvps.AnyAsync(r => r.SeriesId == series && r.OccurrenceDate == factory.Next && r.UserId == userId && r.State == RsvpState.Going),
            Handler.SayCantGo => await db.Rsvps.AnyAsync(r => r.SeriesId == series && r.OccurrenceDate == factory.Next && r.UserId == userId && r.State == RsvpState.CantGo),
            Handler.Cancel => await db.MeetingChanges.AnyAsync(c => c.SeriesId == series && c.OccurrenceDate == factory.Next && c.IsCancelled),
            Handler.Restore => await db.MeetingChanges.AnyAsync(c => c.SeriesId == series && c.OccurrenceDate == factory.Cancelled && !c.IsCancelled),
            _ => false,
        };
        if (!happened)
        {
            problems.Add("nothing happened");
        }
    }

    /// <summary>What the page must show this person (so that what it must not show is checked on a real page).</summary>
    private void CheckPage(List<string> problems, Route route, Persona persona, MeetingMatrixGroup group, string body)
    {
        void Expect(bool condition, string what)
        {
            if (!condition)
            {
                problems.Add(what);
            }
        }

        if (route == Route.Feed)
        {
            Expect(body.StartsWith("BEGIN:VCALENDAR\r\n", StringComparison.Ordinal), "not a calendar");
            Expect(body.Contains($"EXDATE;TZID=Europe/London:{factory.Cancelled:yyyyMMdd}T190000\r\n", StringComparison.Ordinal), "the cancelled meeting is not left out");
            return;
        }

        var page = Html.Parse(body);
        bool Has(string selector) => page.QuerySelector(selector) is not null;
        string TextOf(string selector) => page.QuerySelector(selector)?.Text() ?? "";
        var slug = group.Slug;
        var noindex = page.QuerySelector("meta[name=robots]")?.GetAttribute("content")?.Contains("noindex", StringComparison.Ordinal) == true;
        switch (route)
        {
            case Route.Meetings:
                Expect(Has($"[data-meetings] a[href^='/groups/{slug}/meetings/']"), "no meetings listed");
                Expect(Organises(persona) == Has($"main a[href='/groups/{slug}/meetings/new']"), "the link to set up meetings is wrong");
                Expect(group.Listed != noindex, "noindex is wrong");
                break;
            case Route.NewSeries:
                Expect(Has("main form[method=post] input[name='Form.Title']"), "no form to set up meetings");
                break;
            case Route.NextMeeting:
                Expect(page.Heading() == group.SeriesTitle, "not the meeting's page");
                Expect(Belongs(persona) == (TextOf("[data-going-count]") == "1 going"), Belongs(persona) ? "no count for a member" : "a count");
                Expect(Belongs(persona) == Has("main form[action*='handler=Rsvp']"), "the answer buttons are wrong");
                Expect((persona == Persona.Goer) == (TextOf("[data-my-answer]") == "You said you are going."), "the person's own answer is wrong");
                Expect((persona == Persona.Goer) == (page.QuerySelector("[data-online-link] a")?.GetAttribute("href") == group.OnlineLink), "the online link is wrong");
                Expect(Organises(persona) == (TextOf("[data-answers]") == $"{group.Goer.DisplayName} — going"), "who is going is wrong");
                Expect(Organises(persona) == Has("main form[action*='handler=Cancel']"), "the cancel form is wrong");
                Expect(noindex, "a meeting's page may be indexed");
                break;
            case Route.CancelledMeeting:
                Expect(TextOf("[data-cancelled] h2") == "Cancelled", "not shown as cancelled");
                Expect(Belongs(persona) == (TextOf("[data-reason]") == group.CancelReason), Belongs(persona) ? "no reason for a member" : "the reason");
                Expect(!Has("main form[action*='handler=Rsvp']"), "answer buttons for a cancelled meeting");
                Expect(Organises(persona) == Has("main form[action*='handler=Restore']"), "the restore form is wrong");
                Expect(noindex, "a meeting's page may be indexed");
                break;
            case Route.GroupPage:
                Expect(Has($"[data-next-meetings] a[href^='/groups/{slug}/meetings/']"), "no next meetings on the group page");
                break;
            default:
                break;
        }
    }

    /// <summary>No secret of either matrix group in the response unless this person may see it there; in the other group they are a stranger.</summary>
    private void CheckNothingLeaks(List<string> problems, string body, Persona persona, MeetingMatrixGroup viewersGroup, Place place)
    {
        var ownsPersona = persona is Persona.Member or Persona.Goer or Persona.CoOrganiser or Persona.Organiser;
        foreach (var group in factory.Groups.Values)
        {
            var role = ownsPersona && group != viewersGroup ? Persona.NonMember : persona;
            var where = group == viewersGroup ? place : Place.Elsewhere;
            foreach (var secret in SecretsOf(group))
            {
                var maySee = role == secret.Self || secret.Audience(role, where);
                if (!maySee && body.Contains(secret.Text, StringComparison.Ordinal))
                {
                    problems.Add($"shows {secret.What} of {group.Label} (\"{secret.Text}\")");
                }
            }
        }
    }

    private static IEnumerable<Secret> SecretsOf(MeetingMatrixGroup group)
    {
        static bool Nobody(Persona persona, Place place) => false;
        yield return new(group.Goer.DisplayName, "the name of someone going", Persona.Goer,
            (p, place) => (Organises(p) && place == Place.NextMeeting) || (Belongs(p) && place == Place.GroupPage));
        yield return new(group.Member.DisplayName, "a member's name", Persona.Member, (p, place) => Belongs(p) && place == Place.GroupPage);
        yield return new(group.OnlineLink, "the online link", null, (p, place) => p == Persona.Goer && place == Place.NextMeeting);
        yield return new(group.OnlineHost, "the online meeting's host", null, (p, place) => p == Persona.Goer && place == Place.NextMeeting);
        yield return new(group.CancelReason, "the reason a meeting is cancelled", null, (p, place) => Belongs(p) && place == Place.CancelledMeeting);
        foreach (var person in group.People)
        {
            yield return new(person.Email, "an email address", null, Nobody);
        }
    }
}
