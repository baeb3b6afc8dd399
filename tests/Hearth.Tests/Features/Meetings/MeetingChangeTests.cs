using Hearth.Tests.Features.Groups;
using Hearth.Web.Features.Meetings;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Tests.Features.Meetings;

/// <summary>Organisers move one meeting or add a note to it; the rest of the series stays, and the feed says exactly that.</summary>
public sealed class MeetingChangeTests(HearthFactory factory) : IClassFixture<HearthFactory>
{
    private const string ChangeForm = "main form[action*='handler=Change']";

    [Fact]
    public async Task Moving_one_meeting_later_shows_the_new_time_tells_members_the_note_and_overrides_it_in_the_feed()
    {
        var robin = await factory.SignInAsAsync("Robin");
        var meeting = await SecondPrestatynMeetingAsync(robin);

        using var moved = await robin.PostFormAsync(meeting, new Dictionary<string, string> { ["MoveTime"] = "19:15", ["Note"] = "We are in the small room this week." }, ChangeForm);

        Assert.Equal($"{meeting}?changed=1", moved.RedirectTarget());
        var sam = await factory.SignInAsAsync("Sam");
        var seen = await sam.GetDocumentAsync(meeting);
        Assert.Contains("19:15", seen.QuerySelector("main dl.facts time")!.Text(), StringComparison.Ordinal);
        Assert.Contains("We are in the small room this week.", seen.MainText(), StringComparison.Ordinal);
        var stranger = await factory.CreateBrowserLikeClient().GetDocumentAsync(meeting);
        Assert.DoesNotContain("small room", stranger.MainText(), StringComparison.Ordinal);

        var date = meeting.Split('/')[^1].Replace("-", "", StringComparison.Ordinal);
        var ics = await factory.CreateBrowserLikeClient().GetStringAsync(new Uri("/groups/prestatyn-withdrawal-support/calendar.ics", UriKind.Relative));
        Assert.Contains($"RECURRENCE-ID;TZID=Europe/London:{date}T183000\r\nDTSTART;TZID=Europe/London:{date}T191500\r\n", ics, StringComparison.Ordinal);
        Assert.DoesNotContain($"EXDATE;TZID=Europe/London:{date}T183000", ics, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("MoveTime", "7pm", "Enter a time on the 24-hour clock")]
    [InlineData("MoveDate", "31/12/2026", "Enter a real date")]
    [InlineData("MoveDate", "2020-01-02", "Choose today or a later date")]
    [InlineData("MoveVenue", "", "Give a new date, time or place, or a note")]
    public async Task A_change_that_is_wrong_or_empty_is_explained_beside_its_field_and_changes_nothing(string field, string value, string message)
    {
        var robin = await factory.SignInAsAsync("Robin");
        var meeting = await SecondPrestatynMeetingAsync(robin);
        var before = await ChangeCountAsync();

        using var refused = await robin.PostFormAsync(meeting, new Dictionary<string, string> { [field] = value }, ChangeForm);

        var page = await refused.ReadDocumentAsync();
        var id = field == "MoveVenue" ? "MoveDate" : field;
        Assert.Contains(message, page.QuerySelector($"#{id}-error")!.Text(), StringComparison.Ordinal);
        Assert.Equal(value, page.QuerySelector($"#{field}")!.GetAttribute("value") ?? "");
        Assert.Equal(before, await ChangeCountAsync());
    }

    [Fact]
    public async Task Members_cannot_change_a_meeting()
    {
        var sam = await factory.SignInAsAsync("Sam");
        var meeting = await SecondPrestatynMeetingAsync(sam);
        var before = await ChangeCountAsync();

        using var refused = await sam.PostHandlerAsync($"{meeting}?handler=Change", new Dictionary<string, string> { ["MoveTime"] = "20:00" });

        Assert.Equal(System.Net.HttpStatusCode.NotFound, refused.StatusCode);
        Assert.Equal(before, await ChangeCountAsync());
    }

    private async Task<int> ChangeCountAsync()
    {
        await using var db = factory.OpenDb();
        return await db.MeetingChanges.CountAsync();
    }

    private static async Task<string> SecondPrestatynMeetingAsync(HttpClient client)
    {
        var group = await client.GetDocumentAsync("/groups/prestatyn-withdrawal-support");
        return group.QuerySelectorAll("[data-next-meetings] a")[1].GetAttribute("href")!;
    }
}
