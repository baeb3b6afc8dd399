using System.Net;
using Hearth.Tests.Features.Groups;
using Hearth.Web.Features.Meetings;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Tests.Features.Meetings;

/// <summary>The private calendar link: made once and shown once, lists only what the person said they would go to, and dies when stopped or replaced.</summary>
public sealed class MyCalendarTests(HearthFactory factory) : IClassFixture<HearthFactory>
{
    [Fact]
    public async Task A_calendar_link_lists_the_meetings_I_am_going_to_without_naming_my_groups()
    {
        var sam = await factory.SignInAsAsync("Sam");
        var meeting = await GoingToNextPrestatynMeetingAsync(sam);

        var link = await MakeLinkAsync(sam);
        var ics = await factory.CreateBrowserLikeClient().GetStringAsync(new Uri(new Uri(link).PathAndQuery, UriKind.Relative));

        var date = meeting.Split('/')[^1].Replace("-", "", StringComparison.Ordinal);
        Assert.Contains($"DTSTART;TZID=Europe/London:{date}T183000\r\n", ics, StringComparison.Ordinal);
        Assert.Contains("SUMMARY:Thursday meeting\r\n", ics, StringComparison.Ordinal);
        Assert.DoesNotContain("Prestatyn Withdrawal Support", ics, StringComparison.Ordinal);
        await using var db = factory.OpenDb();
        Assert.DoesNotContain(new Uri(link).Segments[^1].Replace(".ics", "", StringComparison.Ordinal), string.Join(",", await db.CalendarLinks.Select(c => c.TokenHash).ToListAsync()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stopped_or_replaced_link_is_not_found_like_one_that_never_existed()
    {
        var robin = await factory.SignInAsAsync("Robin");
        var first = new Uri(await MakeLinkAsync(robin)).PathAndQuery;
        var second = new Uri(await MakeLinkAsync(robin)).PathAndQuery;
        var anonymous = factory.CreateBrowserLikeClient();

        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(new Uri(first, UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(new Uri(second, UriKind.Relative))).StatusCode);

        using var stopped = await robin.PostFormAsync("/calendar", Forms.NoFields, "main form[action*='handler=Stop']");
        Assert.Contains("Your calendar link no longer works", (await stopped.ReadDocumentAsync()).MainText(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(new Uri(second, UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(new Uri("/calendar/not-a-real-token.ics", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task The_calendar_link_page_needs_a_signed_in_person()
    {
        using var response = await factory.CreateBrowserLikeClient().GetAsync(new Uri("/calendar", UriKind.Relative));

        Assert.StartsWith("/account/sign-in", response.RedirectTarget(), StringComparison.Ordinal);
    }

    private static async Task<string> MakeLinkAsync(HttpClient client)
    {
        using var made = await client.PostFormAsync("/calendar", Forms.NoFields, "main form[action*='handler=Make']");
        return (await made.ReadDocumentAsync()).QuerySelector("[data-calendar-link]")!.GetAttribute("value")!;
    }

    private static async Task<string> GoingToNextPrestatynMeetingAsync(HttpClient client)
    {
        var group = await client.GetDocumentAsync("/groups/prestatyn-withdrawal-support");
        var meeting = group.QuerySelector("[data-next-meetings] a")!.GetAttribute("href")!;
        using var answered = await client.PostFormAsync(meeting, new Dictionary<string, string> { ["answer"] = "going" }, "main form[action*='handler=Rsvp']");
        Assert.Contains("answered=going", answered.RedirectTarget(), StringComparison.Ordinal);
        return meeting;
    }
}
