using System.Net;
using Hearth.Tests.Features.Accounts;
using Hearth.Tests.Features.Groups;
using Hearth.Web.Features.Groups;
using Hearth.Web.Features.Meetings;
using static Hearth.Tests.Features.Meetings.MeetingPageFlows;

namespace Hearth.Tests.Features.Meetings;

/// <summary>
/// Members saying whether they are going: privately (members see a count, organisers see who), once, not to a
/// meeting that is cancelled or over, with a waiting list when a meeting has a limit, and the online link only for
/// those going.
/// </summary>
public sealed class MeetingRsvpTests(AccountsFactory factory) : IClassFixture<AccountsFactory>
{
    private const string YoungPeople = "young-peoples-evening-chat";

    private const string YoungPeoplesLink = "https://meet.example.invalid/hearth-young-people";

    [Fact]
    public async Task A_member_says_privately_that_they_are_going_members_see_how_many_and_organisers_see_who()
    {
        var (group, organiser, url, series) = await GroupWithMeetingAsync();
        var going = await factory.NewMemberAsync(group.Id);
        var other = await factory.NewMemberAsync(group.Id);
        var before = await going.Client.GetDocumentAsync(url);
        Assert.Equal("0 going", before.QuerySelector("[data-going-count]")!.Text());
        Assert.Null(before.QuerySelector("[data-my-answer]"));
        Assert.Equal("Your answer is private: only the organisers see who is coming.", before.QuerySelector("main p.hint")!.Text());

        using var answered = await going.Client.AnswerAsync(url, "going");

        Assert.Equal($"{url}?answered=going", answered.RedirectTarget());
        var mine = await going.Client.GetDocumentAsync(answered.RedirectTarget());
        Assert.Equal("Thank you. You are going.", mine.Notice());
        Assert.Equal("You said you are going.", mine.QuerySelector("[data-my-answer]")!.Text());
        Assert.Null(mine.RsvpForm("going"));
        Assert.NotNull(mine.RsvpForm("cant-go"));
        var stored = Assert.Single(await factory.RsvpsAsync(series.Id, Tomorrow));
        Assert.Equal((going.UserId, RsvpState.Going), (stored.UserId, stored.State));

        // Another member: a count, no names, no list.
        var body = await BodyAsync(other.Client, url);
        var page = Html.Parse(body);
        Assert.Equal("1 going", page.QuerySelector("[data-going-count]")!.Text());
        Assert.Null(page.QuerySelector("[data-answers]"));
        Assert.DoesNotContain(going.Name, body, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("[data-my-answer]"));

        // The organiser: who.
        var organiserPage = await organiser.Client.GetDocumentAsync(url);
        Assert.Equal($"{going.Name} — going", organiserPage.QuerySelector("[data-answers]")!.Text());
        Assert.Equal("1 going", organiserPage.QuerySelector("[data-going-count]")!.Text());

        // Someone signed in who does not belong, and someone not signed in: neither count nor names.
        foreach (var stranger in new[] { (await factory.NewSignedInAsync()).Client, factory.CreateBrowserLikeClient() })
        {
            var strangerBody = await BodyAsync(stranger, url);
            var strangerPage = Html.Parse(strangerBody);
            Assert.Null(strangerPage.QuerySelector("[data-going-count]"));
            Assert.Null(strangerPage.QuerySelector("[data-answers]"));
            Assert.Null(strangerPage.QuerySelector("main form[action*='handler=Rsvp']"));
            Assert.DoesNotContain(going.Name, strangerBody, StringComparison.Ordinal);
            Assert.DoesNotContain("1 going", strangerBody, StringComparison.Ordinal);
            Assert.Contains("Members say here whether they are going. It is private: only the organisers see who.", strangerPage.MainText(), StringComparison.Ordinal);
        }

        // Nor the meetings page or the feed, even for a member (whose group page lists the members, answers or not);
        // nor the group page for someone who does not belong.
        foreach (var where in new[] { $"/groups/{group.Slug}/meetings", $"/groups/{group.Slug}/calendar.ics" })
        {
            Assert.DoesNotContain(going.Name, await BodyAsync(other.Client, where), StringComparison.Ordinal);
        }

        Assert.DoesNotContain(going.Name, await BodyAsync(factory.CreateBrowserLikeClient(), $"/groups/{group.Slug}"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Changing_your_mind_changes_the_one_answer_and_the_count()
    {
        var (group, organiser, url, series) = await GroupWithMeetingAsync();
        var member = await factory.NewMemberAsync(group.Id);
        (await member.Client.AnswerAsync(url, "going")).Dispose();

        using var changed = await member.Client.AnswerAsync(url, "cant-go");

        Assert.Equal($"{url}?answered=cantgo", changed.RedirectTarget());
        var page = await member.Client.GetDocumentAsync(changed.RedirectTarget());
        Assert.Equal("Thank you. You are not going this time.", page.Notice());
        Assert.Equal("You said you cannot go.", page.QuerySelector("[data-my-answer]")!.Text());
        Assert.Equal("0 going", page.QuerySelector("[data-going-count]")!.Text());
        Assert.Equal(RsvpState.CantGo, Assert.Single(await factory.RsvpsAsync(series.Id, Tomorrow)).State);
        Assert.Equal($"{member.Name} — can't go", (await organiser.Client.GetDocumentAsync(url)).QuerySelector("[data-answers]")!.Text());
    }

    [Fact]
    public async Task Saying_the_same_answer_twice_from_a_page_left_open_says_so_and_keeps_one_answer()
    {
        var (group, _, url, series) = await GroupWithMeetingAsync();
        var member = await factory.NewMemberAsync(group.Id);
        var stale = await member.Client.GetDocumentAsync(url);
        (await member.Client.SubmitAsync(url, stale.RsvpForm("going")!)).Dispose();

        using var again = await member.Client.SubmitAsync(url, stale.RsvpForm("going")!);

        var page = await again.ReadDocumentAsync();
        Assert.Equal("There is a problem You have already said you are going", page.ErrorSummary());
        Assert.Equal("You said you are going.", page.QuerySelector("[data-my-answer]")!.Text());
        Assert.Equal("1 going", page.QuerySelector("[data-going-count]")!.Text());
        Assert.Equal(RsvpState.Going, Assert.Single(await factory.RsvpsAsync(series.Id, Tomorrow)).State);

        // The same for "I can't go".
        (await member.Client.AnswerAsync(url, "cant-go")).Dispose();
        using var notAgain = await member.Client.SubmitAsync(url, stale.RsvpForm("cant-go")!);
        Assert.Equal("There is a problem You have already said you cannot go", (await notAgain.ReadDocumentAsync()).ErrorSummary());
        Assert.Equal(RsvpState.CantGo, Assert.Single(await factory.RsvpsAsync(series.Id, Tomorrow)).State);
    }

    [Fact]
    public async Task An_answer_that_is_neither_going_nor_cant_go_is_refused_and_stores_nothing()
    {
        var (group, _, url, series) = await GroupWithMeetingAsync();
        var member = await factory.NewMemberAsync(group.Id);

        using var response = await member.Client.PostHandlerAsync($"{url}?handler=Rsvp", new Dictionary<string, string> { ["answer"] = "maybe" });

        Assert.Equal("There is a problem Choose whether you are going", (await response.ReadDocumentAsync()).ErrorSummary());
        Assert.Empty(await factory.RsvpsAsync(series.Id, Tomorrow));
    }

    [Fact]
    public async Task A_meeting_cancelled_while_the_page_was_open_cannot_be_answered()
    {
        var (group, organiser, url, series) = await GroupWithMeetingAsync();
        var member = await factory.NewMemberAsync(group.Id);
        var stale = await member.Client.GetDocumentAsync(url);
        using (var cancelled = await organiser.Client.PostFormAsync(url, new Dictionary<string, string> { ["Reason"] = "The hall is flooded." }, "main form[action*='handler=Cancel']"))
        {
            Assert.Equal($"{url}?cancelled=1", cancelled.RedirectTarget());
        }

        using var response = await member.Client.SubmitAsync(url, stale.RsvpForm("going")!);

        var page = await response.ReadDocumentAsync();
        Assert.Equal("There is a problem This meeting is cancelled, so there is nothing to answer", page.ErrorSummary());
        Assert.Null(page.QuerySelector("main form[action*='handler=Rsvp']"));
        Assert.Empty(await factory.RsvpsAsync(series.Id, Tomorrow));
        // Nor can anyone answer "can't go" to it.
        using var cantGo = await member.Client.SubmitAsync(url, stale.RsvpForm("cant-go")!);
        Assert.Equal("There is a problem This meeting is cancelled, so there is nothing to answer", (await cantGo.ReadDocumentAsync()).ErrorSummary());
        Assert.Empty(await factory.RsvpsAsync(series.Id, Tomorrow));
    }

    [Fact]
    public async Task A_meeting_that_has_already_happened_cannot_be_answered()
    {
        var organiser = await factory.NewSignedInAsync();
        var group = await factory.CreateGroupAsync(members: [(organiser.UserId, GroupRole.Organiser)]);
        var yesterday = Today.AddDays(-1);
        var series = await factory.AddMeetingYesterdayAsync(group.Id);
        var member = await factory.NewMemberAsync(group.Id);
        var url = MeetingUrl(group.Slug, series.Id, yesterday);
        var page = await member.Client.GetDocumentAsync(url);
        Assert.Null(page.QuerySelector("main form[action*='handler=Rsvp']"));
        // Organisers can no longer cancel it either.
        Assert.Null((await organiser.Client.GetDocumentAsync(url)).QuerySelector("main form[action*='handler=Cancel']"));

        foreach (var answer in new[] { "going", "cant-go" })
        {
            using var response = await member.Client.PostHandlerAsync($"{url}?handler=Rsvp", new Dictionary<string, string> { ["answer"] = answer });

            Assert.Equal("There is a problem This meeting has already happened", (await response.ReadDocumentAsync()).ErrorSummary());
        }

        Assert.Empty(await factory.RsvpsAsync(series.Id, yesterday));
        // It is no longer among the meetings to come.
        Assert.Empty((await member.Client.GetDocumentAsync($"/groups/{group.Slug}/meetings")).LinkedDates("main", group.Slug, series.Id));
    }

    [Fact]
    public async Task Someone_who_does_not_belong_cannot_answer_and_someone_signed_out_is_asked_to_sign_in()
    {
        var (_, _, url, series) = await GroupWithMeetingAsync();
        var stranger = await factory.NewSignedInAsync();

        using var refused = await stranger.Client.PostHandlerAsync($"{url}?handler=Rsvp", new Dictionary<string, string> { ["answer"] = "going" });
        using var anonymous = await factory.CreateBrowserLikeClient().PostHandlerAsync($"{url}?handler=Rsvp", new Dictionary<string, string> { ["answer"] = "going" });

        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        Assert.StartsWith("/account/sign-in?returnUrl=", anonymous.RedirectTarget(), StringComparison.Ordinal);
        Assert.Empty(await factory.RsvpsAsync(series.Id, Tomorrow));
    }

    [Fact]
    public async Task A_full_meeting_puts_later_answers_on_a_waiting_list_and_a_freed_place_goes_to_the_first_person_waiting()
    {
        var organiser = await factory.NewSignedInAsync();
        var group = await factory.CreateGroupAsync(members: [(organiser.UserId, GroupRole.Organiser)]);
        var series = await factory.AddSeriesAsync(group.Id, s => s.Capacity = 2);
        var url = MeetingUrl(group.Slug, series.Id, Tomorrow);
        var (first, second, third, fourth) = (await factory.NewMemberAsync(group.Id), await factory.NewMemberAsync(group.Id), await factory.NewMemberAsync(group.Id), await factory.NewMemberAsync(group.Id));
        (await first.Client.AnswerAsync(url, "going")).Dispose();
        (await second.Client.AnswerAsync(url, "going")).Dispose();

        using var full = await third.Client.AnswerAsync(url, "going");

        Assert.Equal($"{url}?answered=waiting", full.RedirectTarget());
        var thirdPage = await third.Client.GetDocumentAsync(full.RedirectTarget());
        Assert.Equal("This meeting is full, so you are on its waiting list. If a place frees, it is yours.", thirdPage.Notice());
        Assert.Equal("You are on the waiting list for this meeting.", thirdPage.QuerySelector("[data-my-answer]")!.Text());
        Assert.Equal("2 going", thirdPage.QuerySelector("[data-going-count]")!.Text());
        Assert.Null(thirdPage.RsvpForm("going"));
        Assert.NotNull(thirdPage.RsvpForm("cant-go"));
        (await fourth.Client.AnswerAsync(url, "going")).Dispose();
        Assert.Equal(
            [$"{first.Name} — going", $"{second.Name} — going", $"{third.Name} — waiting for a place", $"{fourth.Name} — waiting for a place"],
            (await organiser.Client.GetDocumentAsync(url)).QuerySelectorAll("[data-answers] li").Select(li => li.Text()).ToList());

        // The first person going cannot go after all: the first person waiting has the place, the next still waits.
        (await first.Client.AnswerAsync(url, "cant-go")).Dispose();

        Assert.Equal(
            [(first.UserId, RsvpState.CantGo), (second.UserId, RsvpState.Going), (third.UserId, RsvpState.Going), (fourth.UserId, RsvpState.Waiting)],
            (await factory.RsvpsAsync(series.Id, Tomorrow)).Select(r => (r.UserId, r.State)).ToList());
        var promoted = await third.Client.GetDocumentAsync(url);
        Assert.Equal("You said you are going.", promoted.QuerySelector("[data-my-answer]")!.Text());
        Assert.Equal("2 going", promoted.QuerySelector("[data-going-count]")!.Text());
        Assert.Equal("You are on the waiting list for this meeting.", (await fourth.Client.GetDocumentAsync(url)).QuerySelector("[data-my-answer]")!.Text());

        // Someone waiting who gives up frees no place; the first person changing their mind back joins the end of the list.
        (await fourth.Client.AnswerAsync(url, "cant-go")).Dispose();
        (await first.Client.AnswerAsync(url, "going")).Dispose();
        Assert.Equal(
            [(first.UserId, RsvpState.Waiting), (second.UserId, RsvpState.Going), (third.UserId, RsvpState.Going), (fourth.UserId, RsvpState.CantGo)],
            (await factory.RsvpsAsync(series.Id, Tomorrow)).Select(r => (r.UserId, r.State)).ToList());

        // Each meeting has its own places: the week after is not full.
        using var nextWeek = await fourth.Client.AnswerAsync(MeetingUrl(group.Slug, series.Id, Tomorrow.AddDays(7)), "going");
        Assert.EndsWith("?answered=going", nextWeek.RedirectTarget(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_online_link_is_shown_only_to_members_who_said_they_are_going()
    {
        var groupId = await factory.GroupIdAsync(YoungPeople);
        var seriesId = await SeriesIdAsync(groupId);
        // The group has no members in the demo; these join it for the test.
        var organiser = await factory.NewMemberAsync(groupId, GroupRole.Organiser);
        var member = await factory.NewMemberAsync(groupId);
        var other = await factory.NewMemberAsync(groupId);
        var date = (await factory.CreateBrowserLikeClient().GetDocumentAsync($"/groups/{YoungPeople}/meetings")).LinkedDates("[data-meetings]", YoungPeople, seriesId)[0];
        var url = MeetingUrl(YoungPeople, seriesId, date);
        var stranger = await factory.NewSignedInAsync();

        // Before anyone answers, the link is in no page for anyone, nor in the feed.
        foreach (var client in new[] { member.Client, organiser.Client, stranger.Client, factory.CreateBrowserLikeClient() })
        {
            foreach (var where in new[] { url, $"/groups/{YoungPeople}/meetings", $"/groups/{YoungPeople}", $"/groups/{YoungPeople}/calendar.ics" })
            {
                Assert.DoesNotContain("meet.example.invalid", await BodyAsync(client, where), StringComparison.Ordinal);
            }
        }

        (await member.Client.AnswerAsync(url, "going")).Dispose();

        var page = await member.Client.GetDocumentAsync(url);
        Assert.Equal($"Join online: {YoungPeoplesLink}", page.QuerySelector("[data-online-link]")!.Text());
        Assert.Equal(YoungPeoplesLink, page.QuerySelector("[data-online-link] a")!.GetAttribute("href"));
        // Only for that meeting, and only for them.
        Assert.DoesNotContain("meet.example.invalid", await BodyAsync(member.Client, MeetingUrl(YoungPeople, seriesId, date.AddDays(7))), StringComparison.Ordinal);
        foreach (var client in new[] { other.Client, organiser.Client, stranger.Client, factory.CreateBrowserLikeClient() })
        {
            Assert.DoesNotContain("meet.example.invalid", await BodyAsync(client, url), StringComparison.Ordinal);
        }

        // Saying "can't go" after all takes it away; so does the meeting being cancelled for someone going.
        (await other.Client.AnswerAsync(url, "going")).Dispose();
        Assert.Contains(YoungPeoplesLink, await BodyAsync(other.Client, url), StringComparison.Ordinal);
        (await other.Client.AnswerAsync(url, "cant-go")).Dispose();
        Assert.DoesNotContain("meet.example.invalid", await BodyAsync(other.Client, url), StringComparison.Ordinal);
        using (var cancelled = await organiser.Client.PostFormAsync(url, new Dictionary<string, string> { ["Reason"] = "No volunteer this week." }, "main form[action*='handler=Cancel']"))
        {
            Assert.Equal($"{url}?cancelled=1", cancelled.RedirectTarget());
        }

        Assert.DoesNotContain("meet.example.invalid", await BodyAsync(member.Client, url), StringComparison.Ordinal);
        Assert.Equal("You said you are going.", (await member.Client.GetDocumentAsync(url)).QuerySelector("[data-my-answer]")!.Text());
    }

    [Fact]
    public async Task Someone_waiting_for_a_place_at_an_online_meeting_gets_the_link_when_the_place_is_theirs()
    {
        var organiser = await factory.NewSignedInAsync();
        var group = await factory.CreateGroupAsync(members: [(organiser.UserId, GroupRole.Organiser)]);
        const string Link = "https://meet.example.invalid/small-room";
        var series = await factory.AddSeriesAsync(group.Id, s =>
        {
            s.IsOnline = true;
            s.VenueName = null;
            s.OnlineLink = Link;
            s.Capacity = 1;
        });
        var url = MeetingUrl(group.Slug, series.Id, Tomorrow);
        var first = await factory.NewMemberAsync(group.Id);
        var waiting = await factory.NewMemberAsync(group.Id);
        (await first.Client.AnswerAsync(url, "going")).Dispose();
        (await waiting.Client.AnswerAsync(url, "going")).Dispose();
        Assert.Contains(Link, await BodyAsync(first.Client, url), StringComparison.Ordinal);
        Assert.DoesNotContain(Link, await BodyAsync(waiting.Client, url), StringComparison.Ordinal);

        (await first.Client.AnswerAsync(url, "cant-go")).Dispose();

        Assert.DoesNotContain(Link, await BodyAsync(first.Client, url), StringComparison.Ordinal);
        Assert.Equal(Link, (await waiting.Client.GetDocumentAsync(url)).QuerySelector("[data-online-link] a")!.GetAttribute("href"));
    }

    [Fact]
    public async Task The_demo_grief_circle_takes_ten_people_a_meeting()
    {
        const string Cardiff = "cardiff-grief-circle";
        var groupId = await factory.GroupIdAsync(Cardiff);
        var seriesId = await SeriesIdAsync(groupId);
        var date = (await factory.CreateBrowserLikeClient().GetDocumentAsync($"/groups/{Cardiff}/meetings")).LinkedDates("[data-meetings]", Cardiff, seriesId)[1];
        var url = MeetingUrl(Cardiff, seriesId, date);
        var members = new List<SignedIn>();
        for (var i = 0; i < 11; i++)
        {
            members.Add(await factory.NewMemberAsync(groupId));
        }

        var answers = new List<string>();
        foreach (var member in members)
        {
            using var response = await member.Client.AnswerAsync(url, "going");
            answers.Add(response.RedirectTarget()[(url.Length + 1)..]);
        }

        Assert.Equal([.. Enumerable.Repeat("answered=going", 10), "answered=waiting"], answers);
        Assert.Equal("10 going", (await members[0].Client.GetDocumentAsync(url)).QuerySelector("[data-going-count]")!.Text());
    }

    private static DateOnly Tomorrow => Today.AddDays(1);

    /// <summary>A group of the test's own with its organiser and a weekly meeting from tomorrow; the url is tomorrow's.</summary>
    private async Task<(Group Group, SignedIn Organiser, string Url, MeetingSeries Series)> GroupWithMeetingAsync()
    {
        var organiser = await factory.NewSignedInAsync();
        var group = await factory.CreateGroupAsync(members: [(organiser.UserId, GroupRole.Organiser)]);
        var series = await factory.AddSeriesAsync(group.Id);
        return (group, organiser, MeetingUrl(group.Slug, series.Id, Tomorrow), series);
    }

    private static async Task<string> BodyAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    private async Task<int> SeriesIdAsync(int groupId)
    {
        await using var db = factory.OpenDb();
        return db.MeetingSeries.Where(s => s.GroupId == groupId).Select(s => s.Id).Single();
    }
}
