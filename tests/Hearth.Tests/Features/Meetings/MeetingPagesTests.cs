using System.Globalization;
using AngleSharp.Dom;
using Hearth.Tests.Features.Accounts;
using Hearth.Tests.Features.Groups;
using Hearth.Web.Features.Groups;
using Hearth.Web.Features.Meetings;
using Microsoft.EntityFrameworkCore;
using static Hearth.Tests.Features.Meetings.MeetingPageFlows;

namespace Hearth.Tests.Features.Meetings;

/// <summary>
/// Organisers setting up meetings: the form, what it refuses and how it says so, the note about the clocks changing,
/// and the meetings that then appear on the group's meetings page and its group page.
/// </summary>
public sealed class MeetingPagesTests(AccountsFactory factory) : IClassFixture<AccountsFactory>
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");

    /// <summary>A good monthly form ("first Tuesday"), as an organiser would fill it in; tests change one answer.</summary>
    private static Dictionary<string, string> GoodForm(string title) => new()
    {
        ["Form.Title"] = title,
        ["Form.Frequency"] = "Monthly",
        ["Form.StartDate"] = "2031-05-06",
        ["Form.StartTime"] = "18:30",
        ["Form.Duration"] = "120",
        ["Form.TimeZone"] = "Europe/London",
        ["Form.WeekOfMonth"] = "1",
        ["Form.DayOfWeek"] = "2",
        ["Form.EndDate"] = "",
        ["Form.PauseFrom"] = "",
        ["Form.PauseUntil"] = "",
        ["Form.VenueName"] = "Rhyl library, upstairs room",
        ["Form.AccessNotes"] = "Lift to the first floor.",
        ["Form.OnlineLink"] = "",
        ["Form.Capacity"] = "",
    };

    [Fact]
    public async Task An_organiser_sets_up_a_first_Tuesday_of_the_month_series_and_its_meetings_appear_on_the_meetings_page_and_the_group_page()
    {
        var organiser = await factory.NewSignedInAsync();
        var group = await factory.CreateGroupAsync(members: [(organiser.UserId, GroupRole.Organiser)]);
        var meetings = $"/groups/{group.Slug}/meetings";
        var index = await organiser.Client.GetDocumentAsync(meetings);
        Assert.Contains("No meetings planned in the next few weeks.", index.MainText(), StringComparison.Ordinal);
        var setUp = index.QuerySelector($"main a[href='{meetings}/new']")!;
        Assert.Equal($"Set up meetings for {group.Name}", setUp.Text());

        var form = await organiser.Client.GetDocumentAsync($"{meetings}/new");
        // "First" and "Tuesday" are offered first; the organiser only picks "Monthly".
        Assert.Equal("1", form.QuerySelector("select[name='Form.WeekOfMonth'] option[selected]")!.GetAttribute("value"));
        Assert.Equal("2", form.QuerySelector("select[name='Form.DayOfWeek'] option[selected]")!.GetAttribute("value"));
        var tomorrow = Today.AddDays(1);
        using var saved = await organiser.Client.SubmitAsync($"{meetings}/new", form.QuerySelector("main form[method=post]")!, new Dictionary<string, string>
        {
            ["Form.Title"] = "First Tuesday drop-in",
            ["Form.Frequency"] = "Monthly",
            ["Form.StartDate"] = tomorrow.Iso(),
            ["Form.StartTime"] = "18:30",
            ["Form.Duration"] = "120",
            ["Form.VenueName"] = "Rhyl library, upstairs room",
        });

        Assert.Equal($"{meetings}?added=1", saved.RedirectTarget());
        await using (var db = factory.OpenDb())
        {
            var stored = await db.MeetingSeries.AsNoTracking().SingleAsync(s => s.GroupId == group.Id);
            Assert.Equal(("First Tuesday drop-in", Frequency.Monthly, tomorrow, new TimeOnly(18, 30), 120, "Europe/London"),
                (stored.Title, stored.Frequency, stored.StartDate, stored.StartTime, stored.DurationMinutes, stored.TimeZone));
            Assert.Equal((1, 2, "Rhyl library, upstairs room", false, null), (stored.WeekOfMonth, stored.DayOfWeek, stored.VenueName, stored.IsOnline, stored.EndDate));
        }

        var seriesId = await SeriesIdAsync(group.Id);
        // Every first Tuesday from tomorrow, counted by hand; the page looks 56 days ahead (a meeting on the 56th day
        // may or may not be in, depending on the hour).
        var firstTuesdays = Enumerable.Range(0, 4).Select(m => tomorrow.AddMonths(m)).Select(d => NthWeekday(d.Year, d.Month, 1, DayOfWeek.Tuesday))
            .Where(d => d >= tomorrow).Distinct().Order().ToList();
        var surely = firstTuesdays.Where(d => d <= Today.AddDays(55)).ToList();
        Assert.NotEmpty(surely);

        var page = await organiser.Client.GetDocumentAsync(saved.RedirectTarget());
        Assert.Equal("The meetings are set up.", page.Notice());
        Assert.Null(page.QuerySelector("[data-dst-note]"));
        var listed = page.LinkedDates("[data-meetings]", group.Slug, seriesId);
        Assert.Equal(surely, listed.Take(surely.Count));
        Assert.All(listed.Skip(surely.Count), d => Assert.Equal(Today.AddDays(56), d));
        var first = page.QuerySelector("[data-meetings] li")!.Text();
        Assert.Contains($"{surely[0].ToString("dddd d MMMM yyyy", English)}, 18:30–20:30", first, StringComparison.Ordinal);
        Assert.Contains("Rhyl library, upstairs room", first, StringComparison.Ordinal);

        // The group page shows the next three within 62 days, to anyone.
        var groupPage = await factory.CreateBrowserLikeClient().GetDocumentAsync($"/groups/{group.Slug}");
        var next = groupPage.LinkedDates("[data-next-meetings]", group.Slug, seriesId);
        var expectedNext = firstTuesdays.Where(d => d <= Today.AddDays(61)).Take(3).ToList();
        Assert.Equal(expectedNext, next.Take(expectedNext.Count));
        Assert.InRange(next.Count, expectedNext.Count, Math.Min(3, expectedNext.Count + 1));

        // Further ahead: the first Tuesday of a month has its page; the second Tuesday does not exist.
        var later = tomorrow.AddMonths(5);
        var meetingPage = await factory.CreateBrowserLikeClient().GetDocumentAsync(MeetingUrl(group.Slug, seriesId, NthWeekday(later.Year, later.Month, 1, DayOfWeek.Tuesday)));
        Assert.Equal("First Tuesday drop-in", meetingPage.Heading());
        await factory.CreateBrowserLikeClient().GetDocumentAsync(MeetingUrl(group.Slug, seriesId, NthWeekday(later.Year, later.Month, 2, DayOfWeek.Tuesday)), System.Net.HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_co_organiser_can_set_up_meetings_too()
    {
        var organiser = await factory.NewSignedInAsync();
        var co = await factory.NewSignedInAsync();
        var group = await factory.CreateGroupAsync(members: [(organiser.UserId, GroupRole.Organiser), (co.UserId, GroupRole.CoOrganiser)]);
        var meetings = $"/groups/{group.Slug}/meetings";
        Assert.NotNull((await co.Client.GetDocumentAsync(meetings)).QuerySelector($"main a[href='{meetings}/new']"));

        using var saved = await co.Client.PostFormAsync($"{meetings}/new", GoodForm("Co-organised evening"));

        Assert.Equal($"{meetings}?added=1", saved.RedirectTarget());
        Assert.Equal(1, await factory.SeriesCountAsync(group.Id));
    }

    public static TheoryData<string, string, string, string> BadAnswers() => new()
    {
        // field, what is typed, the field's id, the message beside it
        { "Form.EndDate", "2031-05-01", "Form_EndDate", "The last date must be on or after the first meeting" },
        { "Form.Duration", "0", "Form_Duration", "Enter a length from 15 to 480 minutes" },
        { "Form.Duration", "10", "Form_Duration", "Enter a length from 15 to 480 minutes" },
        { "Form.Duration", "481", "Form_Duration", "Enter a length from 15 to 480 minutes" },
        { "Form.Duration", "100000", "Form_Duration", "Enter a length from 15 to 480 minutes" },
        { "Form.Duration", "-90", "Form_Duration", "Enter a length from 15 to 480 minutes" },
        { "Form.Duration", "an hour", "Form_Duration", "Enter a length from 15 to 480 minutes" },
        { "Form.WeekOfMonth", "5", "Form_WeekOfMonth", "Not every month has a fifth one of any weekday, so the group would miss months. Choose \"last\" instead" },
        { "Form.TimeZone", "Europe/Atlantis", "Form_TimeZone", "\"Europe/Atlantis\" is not a time zone we know. Use an IANA name such as Europe/London" },
        { "Form.TimeZone", "British Summer Time", "Form_TimeZone", "\"British Summer Time\" is not a time zone we know. Use an IANA name such as Europe/London" },
        { "Form.StartDate", "2031-02-30", "Form_StartDate", "Enter a real date, for example 2026-12-03" },
        { "Form.StartDate", "", "Form_StartDate", "Enter the date of the first meeting" },
        { "Form.StartTime", "25:00", "Form_StartTime", "Enter a time on the 24-hour clock, for example 18:30" },
        { "Form.Title", "", "Form_Title", "Give the meeting a name" },
        { "Form.VenueName", "", "Form_VenueName", "Say where the meeting happens, or tick \"online\"" },
        { "Form.Capacity", "0", "Form_Capacity", "Enter a whole number from 1 to 500, or leave it empty" },
        { "Form.PauseUntil", "2031-07-01", "Form_PauseFrom", "Give both the first and the last day of the break" },
    };

    [Theory]
    [MemberData(nameof(BadAnswers))]
    public async Task Each_bad_answer_is_explained_beside_its_field_keeps_what_was_typed_and_saves_nothing(string field, string typed, string fieldId, string message)
    {
        var organiser = await factory.NewSignedInAsync();
        var group = await factory.CreateGroupAsync(members: [(organiser.UserId, GroupRole.Organiser)]);
        var url = $"/groups/{group.Slug}/meetings/new";
        var fields = GoodForm($"Kept title {Guid.NewGuid():N}");
        fields[field] = typed;

        using var response = await organiser.Client.PostFormAsync(url, fields);

        var page = await response.ReadDocumentAsync();
        Assert.Equal(message, page.FieldError(fieldId));
        Assert.Equal("There is a problem " + message, page.ErrorSummary());
        Assert.Equal(message, page.QuerySelector($"[data-error-summary] a[href='#{fieldId}']")!.Text());
        Assert.Equal("true", page.QuerySelector($"#{fieldId}")!.GetAttribute("aria-invalid"));
        AssertKeeps(page, fields);
        Assert.Equal(0, await factory.SeriesCountAsync(group.Id));
    }

    [Fact]
    public async Task The_last_Tuesday_offered_instead_of_a_fifth_is_the_fifth_in_months_that_have_one_and_the_fourth_in_the_others()
    {
        var organiser = await factory.NewSignedInAsync();
        var group = await factory.CreateGroupAsync(members: [(organiser.UserId, GroupRole.Organiser)]);
        var form = await organiser.Client.GetDocumentAsync($"/groups/{group.Slug}/meetings/new");
        Assert.Equal(["First", "Second", "Third", "Fourth", "Last"], form.QuerySelectorAll("select[name='Form.WeekOfMonth'] option").Select(o => o.Text()).ToList());
        var fields = GoodForm("Last Tuesday circle");
        fields["Form.StartDate"] = Today.AddDays(1).Iso();
        fields["Form.WeekOfMonth"] = "-1";

        using var saved = await organiser.Client.PostFormAsync($"/groups/{group.Slug}/meetings/new", fields);

        Assert.Equal($"/groups/{group.Slug}/meetings?added=1", saved.RedirectTarget());
        var seriesId = await SeriesIdAsync(group.Id);
        var (fives, fours) = (0, 0);
        for (var m = 1; m <= 12; m++)
        {
            var month = Today.AddMonths(m);
            var last = NthWeekday(month.Year, month.Month, -1, DayOfWeek.Tuesday);
            var fourth = NthWeekday(month.Year, month.Month, 4, DayOfWeek.Tuesday);
            await organiser.Client.GetDocumentAsync(MeetingUrl(group.Slug, seriesId, last));
            if (last != fourth)
            {
                fives++;
                await organiser.Client.GetDocumentAsync(MeetingUrl(group.Slug, seriesId, fourth), System.Net.HttpStatusCode.NotFound);
            }
            else
            {
                fours++;
            }
        }

        // A year always has months with five Tuesdays and months with four: both kinds were checked.
        Assert.True(fives > 0 && fours > 0, $"{fives} months with five Tuesdays, {fours} with four");
    }

    [Fact]
    public async Task An_online_meeting_needs_a_secure_link_and_the_form_says_so()
    {
        var organiser = await factory.NewSignedInAsync();
        var group = await factory.CreateGroupAsync(members: [(organiser.UserId, GroupRole.Organiser)]);
        var fields = GoodForm("Online evening");
        fields["Form.IsOnline"] = "true";
        fields["Form.VenueName"] = "";
        fields["Form.OnlineLink"] = "http://meet.example.invalid/our-room";

        using var response = await organiser.Client.PostFormAsync($"/groups/{group.Slug}/meetings/new", fields);

        var page = await response.ReadDocumentAsync();
        Assert.Equal("Enter a secure web address starting https://", page.FieldError("Form_OnlineLink"));
        Assert.NotNull(page.QuerySelector("#Form_IsOnline[checked]"));
        AssertKeeps(page, fields);
        Assert.Equal(0, await factory.SeriesCountAsync(group.Id));
    }

    [Fact]
    public async Task Several_bad_answers_at_once_are_each_explained_beside_their_own_field()
    {
        var organiser = await factory.NewSignedInAsync();
        var group = await factory.CreateGroupAsync(members: [(organiser.UserId, GroupRole.Organiser)]);
        var fields = GoodForm("Everything wrong");
        fields["Form.EndDate"] = "2031-01-01";
        fields["Form.Duration"] = "0";
        fields["Form.WeekOfMonth"] = "5";
        fields["Form.TimeZone"] = "Mars/Olympus_Mons";

        using var response = await organiser.Client.PostFormAsync($"/groups/{group.Slug}/meetings/new", fields);

        var page = await response.ReadDocumentAsync();
        Assert.Equal(
            ["Form_Duration", "Form_EndDate", "Form_TimeZone", "Form_WeekOfMonth"],
            page.QuerySelectorAll("[data-error-summary] a").Select(a => a.GetAttribute("href")!.TrimStart('#')).Order(StringComparer.Ordinal).ToList());
        Assert.Equal("The last date must be on or after the first meeting", page.FieldError("Form_EndDate"));
        Assert.Equal("Enter a length from 15 to 480 minutes", page.FieldError("Form_Duration"));
        Assert.StartsWith("Not every month has a fifth one", page.FieldError("Form_WeekOfMonth"), StringComparison.Ordinal);
        Assert.Equal("\"Mars/Olympus_Mons\" is not a time zone we know. Use an IANA name such as Europe/London", page.FieldError("Form_TimeZone"));
        AssertKeeps(page, fields);
        Assert.Equal(0, await factory.SeriesCountAsync(group.Id));
    }

    [Fact]
    public async Task A_series_at_half_past_one_on_Sundays_is_saved_with_notes_about_both_nights_the_clocks_change()
    {
        var organiser = await factory.NewSignedInAsync();
        var group = await factory.CreateGroupAsync(members: [(organiser.UserId, GroupRole.Organiser)]);
        var fields = GoodForm("Night owls");
        fields["Form.Frequency"] = "Weekly";
        fields["Form.StartDate"] = "2030-01-06"; // a Sunday
        fields["Form.StartTime"] = "01:30";
        fields["Form.Duration"] = "60";

        using var saved = await organiser.Client.PostFormAsync($"/groups/{group.Slug}/meetings/new", fields);

        // The clocks go forward at 01:00 on 31 March 2030 and back at 02:00 on 27 October 2030.
        Assert.Equal($"/groups/{group.Slug}/meetings?added=1&gap=2030-03-31&overlap=2030-10-27", saved.RedirectTarget());
        var notes = (await organiser.Client.GetDocumentAsync(saved.RedirectTarget())).QuerySelectorAll("[data-dst-note]").Select(n => n.Text()).ToList();
        Assert.Equal(
            [
                "On 31 March 2030 the clocks go forward through this time, so that meeting starts an hour later by the clock. You may prefer a different time.",
                "On 27 October 2030 the clocks go back through this time, so it happens twice; the meeting is at the first one. You may prefer a different time.",
            ],
            notes);

        // The meeting that night is at 02:30 by the clock, and its page says why; the week before is as usual.
        var seriesId = await SeriesIdAsync(group.Id);
        var shifted = await organiser.Client.GetDocumentAsync(MeetingUrl(group.Slug, seriesId, new DateOnly(2030, 3, 31)));
        Assert.Equal("Sunday 31 March 2030, 02:30–03:30", shifted.QuerySelector("main dl.facts dd")!.Text());
        Assert.Equal("The clocks go forward through the usual start time on this day, so this meeting starts an hour later by the clock.", shifted.QuerySelector("[data-dst-note]")!.Text());
        var before = await organiser.Client.GetDocumentAsync(MeetingUrl(group.Slug, seriesId, new DateOnly(2030, 3, 24)));
        Assert.Equal("Sunday 24 March 2030, 01:30–02:30", before.QuerySelector("main dl.facts dd")!.Text());
        Assert.Null(before.QuerySelector("[data-dst-note]"));
        // In October the first 01:30 is the one in summer time (00:30 UTC).
        var autumn = await organiser.Client.GetDocumentAsync(MeetingUrl(group.Slug, seriesId, new DateOnly(2030, 10, 27)));
        Assert.Equal(new DateTimeOffset(2030, 10, 27, 1, 30, 0, TimeSpan.FromHours(1)), DateTimeOffset.Parse(autumn.QuerySelector("main dl.facts time")!.GetAttribute("datetime")!, CultureInfo.InvariantCulture));
        Assert.Equal(TimeSpan.FromHours(1), DateTimeOffset.Parse(autumn.QuerySelector("main dl.facts time")!.GetAttribute("datetime")!, CultureInfo.InvariantCulture).Offset);
    }

    [Fact]
    public async Task A_one_off_meeting_in_the_hour_that_happens_twice_gets_only_the_note_about_the_clocks_going_back()
    {
        var organiser = await factory.NewSignedInAsync();
        var group = await factory.CreateGroupAsync(members: [(organiser.UserId, GroupRole.Organiser)]);
        var fields = GoodForm("Autumn night");
        fields["Form.Frequency"] = "Once";
        fields["Form.StartDate"] = "2030-10-27";
        fields["Form.StartTime"] = "01:30";

        using var saved = await organiser.Client.PostFormAsync($"/groups/{group.Slug}/meetings/new", fields);

        Assert.Equal($"/groups/{group.Slug}/meetings?added=1&overlap=2030-10-27", saved.RedirectTarget());
        var note = Assert.Single((await organiser.Client.GetDocumentAsync(saved.RedirectTarget())).QuerySelectorAll("[data-dst-note]"));
        Assert.StartsWith("On 27 October 2030 the clocks go back through this time", note.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_the_date_of_the_rule_has_a_page_and_another_groups_series_is_not_found_here()
    {
        var organiser = await factory.NewSignedInAsync();
        var group = await factory.CreateGroupAsync(members: [(organiser.UserId, GroupRole.Organiser)]);
        var other = await factory.CreateGroupAsync(members: [(organiser.UserId, GroupRole.Organiser)]);
        var series = await factory.AddSeriesAsync(group.Id);
        var theirs = await factory.AddSeriesAsync(other.Id);
        var tomorrow = Today.AddDays(1);

        await organiser.Client.GetDocumentAsync(MeetingUrl(group.Slug, series.Id, tomorrow));
        await organiser.Client.GetDocumentAsync(MeetingUrl(group.Slug, series.Id, tomorrow.AddDays(7)));
        foreach (var url in new[]
        {
            MeetingUrl(group.Slug, series.Id, tomorrow.AddDays(1)),
            MeetingUrl(group.Slug, series.Id, tomorrow.AddDays(-7)),
            $"/groups/{group.Slug}/meetings/{series.Id}/not-a-date",
            MeetingUrl(group.Slug, theirs.Id, tomorrow),
            MeetingUrl(group.Slug, 999999, tomorrow),
            MeetingUrl("no-such-group", series.Id, tomorrow),
        })
        {
            await organiser.Client.GetDocumentAsync(url, System.Net.HttpStatusCode.NotFound);
        }
    }

    /// <summary>Every field on the page shows what was sent (a select only when what was sent is one of its choices).</summary>
    private static void AssertKeeps(IDocument page, IReadOnlyDictionary<string, string> sent)
    {
        foreach (var (name, value) in sent)
        {
            var element = page.QuerySelector($"main form [name='{name}']") ?? throw new Xunit.Sdk.XunitException($"The form has no {name}.");
            switch (element.TagName.ToLowerInvariant())
            {
                case "textarea":
                    Assert.Equal(value, element.TextContent);
                    break;
                case "select":
                    var options = element.QuerySelectorAll("option").Select(o => o.GetAttribute("value")).ToList();
                    var chosen = element.QuerySelector("option[selected]")?.GetAttribute("value");
                    Assert.Equal(options.Contains(value) ? value : null, chosen);
                    break;
                default:
                    var type = element.GetAttribute("type");
                    if (type is "radio" or "checkbox")
                    {
                        var ticked = page.QuerySelectorAll($"main form [name='{name}'][checked]").Select(e => e.GetAttribute("value")).ToList();
                        Assert.Equal([value], ticked);
                    }
                    else
                    {
                        Assert.True(value == (element.GetAttribute("value") ?? ""), $"{name} shows \"{element.GetAttribute("value")}\", typed \"{value}\"");
                    }

                    break;
            }
        }
    }

    private async Task<int> SeriesIdAsync(int groupId)
    {
        await using var db = factory.OpenDb();
        return await db.MeetingSeries.Where(s => s.GroupId == groupId).Select(s => s.Id).SingleAsync();
    }
}
