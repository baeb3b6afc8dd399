using System.Net;
using Hearth.Tests.Features.Accounts;
using Hearth.Tests.Features.Groups;
using Hearth.Web.Features.Groups;
using Hearth.Web.Features.Meetings;
using Microsoft.EntityFrameworkCore;
using static Hearth.Tests.Features.Meetings.MeetingPageFlows;

namespace Hearth.Tests.Features.Meetings;

/// <summary>
/// Organisers cancelling one meeting with a reason (which members read and nobody else does), the public feed
/// leaving that date out, and restoring the meeting.
/// </summary>
public sealed class MeetingCancellationTests(AccountsFactory factory) : IClassFixture<AccountsFactory>
{
    private const string CancelForm = "main form[action*='handler=Cancel']";

    private const string RestoreForm = "main form[action*='handler=Restore']";

    private const string Reason = "The library is closed for a staff day. Back the week after.";

    [Fact]
    public async Task An_organiser_cancels_a_meeting_members_read_why_and_everyone_else_sees_only_that_it_is_cancelled()
    {
        var (group, organiser, series) = await GroupWithMeetingAsync();
        var member = await factory.NewMemberAsync(group.Id);
        var date = Today.AddDays(8);
        var url = MeetingUrl(group.Slug, series.Id, date);
        var exdate = $"EXDATE;TZID=Europe/London:{date:yyyyMMdd}T183000";
        Assert.DoesNotContain("EXDATE", await BodyAsync(factory.CreateBrowserLikeClient(), $"/groups/{group.Slug}/calendar.ics"), StringComparison.Ordinal);

        using var cancelled = await organiser.Client.PostFormAsync(url, new Dictionary<string, string> { ["Reason"] = Reason }, CancelForm);

        Assert.Equal($"{url}?cancelled=1", cancelled.RedirectTarget());
        var change = Assert.Single(await factory.ChangesAsync(series.Id));
        Assert.Equal((date, true, Reason), (change.OccurrenceDate, change.IsCancelled, change.Reason));
        var organiserPage = await organiser.Client.GetDocumentAsync(cancelled.RedirectTarget());
        Assert.Equal("The meeting is cancelled. Members see your reason, and anyone who said they were going can see it here.", organiserPage.Notice());
        Assert.Equal(Reason, organiserPage.QuerySelector("[data-reason]")!.Text());
        Assert.NotNull(organiserPage.QuerySelector(RestoreForm));
        Assert.Null(organiserPage.QuerySelector(CancelForm));

        var memberPage = await member.Client.GetDocumentAsync(url);
        Assert.Equal($"Cancelled {Reason}", memberPage.QuerySelector("[data-cancelled]")!.Text());
        Assert.Null(memberPage.QuerySelector("main form[action*='handler=Rsvp']"));

        // Signed in without belonging, or signed out: "Cancelled", and not why.
        foreach (var stranger in new[] { (await factory.NewSignedInAsync()).Client, factory.CreateBrowserLikeClient() })
        {
            var body = await BodyAsync(stranger, url);
            Assert.Equal("Cancelled", Html.Parse(body).QuerySelector("[data-cancelled]")!.Text());
            Assert.DoesNotContain("staff day", body, StringComparison.Ordinal);
        }

        // The lists say it is cancelled (never why), and the feed leaves the date out.
        foreach (var client in new[] { member.Client, factory.CreateBrowserLikeClient() })
        {
            var meetings = await client.GetDocumentAsync($"/groups/{group.Slug}/meetings");
            var card = meetings.QuerySelectorAll("[data-meetings] li").Single(li => li.QuerySelector($"a[href='{url}']") is not null);
            Assert.Equal("Cancelled", card.QuerySelector("[data-cancelled]")!.Text());
            Assert.Single(meetings.QuerySelectorAll("[data-meetings] [data-cancelled]"));
            Assert.DoesNotContain("staff day", meetings.DocumentElement.OuterHtml, StringComparison.Ordinal);
            var groupPage = await client.GetDocumentAsync($"/groups/{group.Slug}");
            Assert.EndsWith("— Cancelled", groupPage.QuerySelectorAll("[data-next-meetings] li").Single(li => li.QuerySelector($"a[href='{url}']") is not null).Text(), StringComparison.Ordinal);
            Assert.DoesNotContain("staff day", groupPage.DocumentElement.OuterHtml, StringComparison.Ordinal);
        }

        var feed = await BodyAsync(factory.CreateBrowserLikeClient(), $"/groups/{group.Slug}/calendar.ics");
        Assert.Equal([exdate], feed.Split("\r\n").Where(line => line.StartsWith("EXDATE", StringComparison.Ordinal)).ToList());
        Assert.DoesNotContain("staff day", feed, StringComparison.Ordinal);
        Assert.DoesNotContain("staff day", Unfolded(feed), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Restoring_a_cancelled_meeting_takes_the_cancellation_and_its_reason_away()
    {
        var (group, organiser, series) = await GroupWithMeetingAsync();
        var member = await factory.NewMemberAsync(group.Id);
        var date = Today.AddDays(1);
        var url = MeetingUrl(group.Slug, series.Id, date);
        (await organiser.Client.PostFormAsync(url, new Dictionary<string, string> { ["Reason"] = Reason }, CancelForm)).Dispose();
        Assert.Contains("EXDATE", await BodyAsync(factory.CreateBrowserLikeClient(), $"/groups/{group.Slug}/calendar.ics"), StringComparison.Ordinal);

        using var restored = await organiser.Client.PostFormAsync(url, Forms.NoFields, RestoreForm);

        Assert.Equal($"{url}?restored=1", restored.RedirectTarget());
        var change = Assert.Single(await factory.ChangesAsync(series.Id));
        Assert.Equal((false, null), (change.IsCancelled, change.Reason));
        foreach (var client in new[] { member.Client, organiser.Client, factory.CreateBrowserLikeClient() })
        {
            var body = await BodyAsync(client, url);
            Assert.Null(Html.Parse(body).QuerySelector("[data-cancelled]"));
            Assert.DoesNotContain("staff day", body, StringComparison.Ordinal);
            Assert.Empty((await client.GetDocumentAsync($"/groups/{group.Slug}/meetings")).QuerySelectorAll("[data-cancelled]"));
        }

        Assert.NotNull((await organiser.Client.GetDocumentAsync(url)).QuerySelector(CancelForm));
        var feed = await BodyAsync(factory.CreateBrowserLikeClient(), $"/groups/{group.Slug}/calendar.ics");
        Assert.DoesNotContain("EXDATE", feed, StringComparison.Ordinal);

        // Members can say they are going again.
        using var going = await member.Client.AnswerAsync(url, "going");
        Assert.Equal($"{url}?answered=going", going.RedirectTarget());
    }

    [Fact]
    public async Task Answers_given_before_a_cancellation_are_kept_for_when_it_is_restored()
    {
        var (group, organiser, series) = await GroupWithMeetingAsync();
        var member = await factory.NewMemberAsync(group.Id);
        var date = Today.AddDays(1);
        var url = MeetingUrl(group.Slug, series.Id, date);
        (await member.Client.AnswerAsync(url, "going")).Dispose();

        (await organiser.Client.PostFormAsync(url, new Dictionary<string, string> { ["Reason"] = Reason }, CancelForm)).Dispose();
        var whileCancelled = await member.Client.GetDocumentAsync(url);
        (await organiser.Client.PostFormAsync(url, Forms.NoFields, RestoreForm)).Dispose();

        Assert.Equal(Reason, whileCancelled.QuerySelector("[data-reason]")!.Text());
        Assert.Equal("You said you are going.", (await member.Client.GetDocumentAsync(url)).QuerySelector("[data-my-answer]")!.Text());
        Assert.Equal(RsvpState.Going, Assert.Single(await factory.RsvpsAsync(series.Id, date)).State);
    }

    [Fact]
    public async Task A_co_organiser_can_cancel_and_restore_a_meeting()
    {
        var (group, _, series) = await GroupWithMeetingAsync();
        var co = await factory.NewMemberAsync(group.Id, GroupRole.CoOrganiser);
        var url = MeetingUrl(group.Slug, series.Id, Today.AddDays(1));

        using var cancelled = await co.Client.PostFormAsync(url, new Dictionary<string, string> { ["Reason"] = Reason }, CancelForm);
        Assert.Equal($"{url}?cancelled=1", cancelled.RedirectTarget());
        Assert.True(Assert.Single(await factory.ChangesAsync(series.Id)).IsCancelled);
        using var restored = await co.Client.PostFormAsync(url, Forms.NoFields, RestoreForm);
        Assert.Equal($"{url}?restored=1", restored.RedirectTarget());
        Assert.False(Assert.Single(await factory.ChangesAsync(series.Id)).IsCancelled);
    }

    [Theory]
    [InlineData("", "Say why the meeting is cancelled, so members know")]
    [InlineData("   ", "Say why the meeting is cancelled, so members know")]
    [InlineData("301", "Keep this under 300 characters (it has 301)")]
    public async Task A_cancellation_needs_a_short_reason_and_the_page_says_so_beside_it_keeping_what_was_typed(string typed, string message)
    {
        var (group, organiser, series) = await GroupWithMeetingAsync();
        var url = MeetingUrl(group.Slug, series.Id, Today.AddDays(1));
        var reason = typed == "301" ? new string('x', 291) + " too long." : typed;

        using var response = await organiser.Client.PostFormAsync(url, new Dictionary<string, string> { ["Reason"] = reason }, CancelForm);

        var page = await response.ReadDocumentAsync();
        Assert.Equal(message, page.FieldError("Reason"));
        Assert.Equal($"There is a problem {message}", page.ErrorSummary());
        Assert.Equal(reason, page.QuerySelector("textarea[name=Reason]")!.TextContent);
        Assert.Null(page.QuerySelector("[data-cancelled]"));
        Assert.Empty(await factory.ChangesAsync(series.Id));
    }

    [Fact]
    public async Task A_meeting_that_has_already_happened_cannot_be_cancelled_or_restored()
    {
        var organiser = await factory.NewSignedInAsync();
        var group = await factory.CreateGroupAsync(members: [(organiser.UserId, GroupRole.Organiser)]);
        var yesterday = Today.AddDays(-1);
        var series = await factory.AddMeetingYesterdayAsync(group.Id);
        var url = MeetingUrl(group.Slug, series.Id, yesterday);
        var page = await organiser.Client.GetDocumentAsync(url);
        Assert.Null(page.QuerySelector(CancelForm));
        Assert.Null(page.QuerySelector(RestoreForm));

        using var cancel = await organiser.Client.PostHandlerAsync($"{url}?handler=Cancel", new Dictionary<string, string> { ["Reason"] = Reason });
        using var restore = await organiser.Client.PostHandlerAsync($"{url}?handler=Restore", Forms.NoFields);

        Assert.Equal("There is a problem This meeting has already happened", (await cancel.ReadDocumentAsync()).ErrorSummary());
        Assert.Equal("There is a problem This meeting has already happened", (await restore.ReadDocumentAsync()).ErrorSummary());
        Assert.Empty(await factory.ChangesAsync(series.Id));
    }

    [Fact]
    public async Task The_demo_Prestatyn_meeting_cancelled_for_repairs_tells_Sam_why_and_others_only_that_it_is_off()
    {
        const string Prestatyn = "prestatyn-withdrawal-support";
        MeetingChange change;
        await using (var db = factory.OpenDb())
        {
            var groupId = await db.Groups.Where(g => g.Slug == Prestatyn).Select(g => g.Id).SingleAsync();
            var seriesIds = await db.MeetingSeries.Where(s => s.GroupId == groupId).Select(s => s.Id).ToListAsync();
            change = await db.MeetingChanges.AsNoTracking().SingleAsync(c => seriesIds.Contains(c.SeriesId) && c.IsCancelled);
        }

        var url = MeetingUrl(Prestatyn, change.SeriesId, change.OccurrenceDate);
        var sam = await factory.SignInAsAsync("Sam");
        var morgan = await factory.SignInAsAsync("Morgan");
        var robin = await factory.SignInAsAsync("Robin");

        Assert.Equal("The hall is closed for repairs this week. See you the week after.", (await sam.GetDocumentAsync(url)).QuerySelector("[data-reason]")!.Text());
        Assert.Equal("The hall is closed for repairs this week. See you the week after.", (await robin.GetDocumentAsync(url)).QuerySelector("[data-reason]")!.Text());
        foreach (var client in new[] { morgan, factory.CreateBrowserLikeClient() })
        {
            var body = await BodyAsync(client, url);
            Assert.Equal("Cancelled", Html.Parse(body).QuerySelector("[data-cancelled]")!.Text());
            Assert.DoesNotContain("repairs", body, StringComparison.Ordinal);
        }

        var feed = await BodyAsync(factory.CreateBrowserLikeClient(), $"/groups/{Prestatyn}/calendar.ics");
        Assert.Contains($"EXDATE;TZID=Europe/London:{change.OccurrenceDate:yyyyMMdd}T183000\r\n", feed, StringComparison.Ordinal);
        Assert.DoesNotContain("repairs", Unfolded(feed), StringComparison.Ordinal);
    }

    /// <summary>The feed with folded lines joined again (RFC 5545 §3.1), so a folded word is still found.</summary>
    private static string Unfolded(string feed) => feed.Replace("\r\n ", "", StringComparison.Ordinal);

    private async Task<(Group Group, SignedIn Organiser, MeetingSeries Series)> GroupWithMeetingAsync()
    {
        var organiser = await factory.NewSignedInAsync();
        var group = await factory.CreateGroupAsync(members: [(organiser.UserId, GroupRole.Organiser)]);
        return (group, organiser, await factory.AddSeriesAsync(group.Id));
    }

    private static async Task<string> BodyAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }
}
