using System.Net;
using AngleSharp.Dom;

namespace Hearth.Tests.Features.Meetings;

/// <summary>"Add to calendar" for one meeting: a single event at the meeting's real time, with nothing private in it.</summary>
public sealed class OccurrenceCalendarTests(HearthFactory factory) : IClassFixture<HearthFactory>
{
    [Fact]
    public async Task One_meeting_downloads_as_a_single_event_at_its_local_time()
    {
        var client = factory.CreateBrowserLikeClient();
        var group = await client.GetDocumentAsync("/groups/prestatyn-withdrawal-support");
        var meeting = group.QuerySelector("[data-next-meetings] a")!.GetAttribute("href")!;
        var page = await client.GetDocumentAsync(meeting);
        var link = page.QuerySelector("[data-add-to-calendar]")!.GetAttribute("href")!;
        Assert.Equal($"{meeting}/calendar.ics", link);

        using var response = await client.GetAsync(new Uri(link, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/calendar", response.Content.Headers.ContentType!.MediaType);
        Assert.StartsWith("attachment;", response.Content.Headers.ContentDisposition?.ToString() ?? "", StringComparison.Ordinal);
        var ics = await response.Content.ReadAsStringAsync();
        var date = meeting.Split('/')[^1].Replace("-", "", StringComparison.Ordinal);
        Assert.Single(ics.Split("BEGIN:VEVENT"), part => part.Contains("END:VEVENT", StringComparison.Ordinal));
        Assert.Contains($"DTSTART;TZID=Europe/London:{date}T183000\r\n", ics, StringComparison.Ordinal);
        Assert.Contains($"DTEND;TZID=Europe/London:{date}T200000\r\n", ics, StringComparison.Ordinal);
        Assert.Contains("LOCATION:Nant Hall church hall\r\n", ics, StringComparison.Ordinal);
        Assert.Contains("BEGIN:VTIMEZONE", ics, StringComparison.Ordinal);
        Assert.DoesNotContain("STATUS:CANCELLED", ics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cancelled_meeting_downloads_as_cancelled_without_its_reason()
    {
        var client = factory.CreateBrowserLikeClient();
        var meetings = await client.GetDocumentAsync("/groups/prestatyn-withdrawal-support/meetings");
        var cancelled = meetings.QuerySelectorAll("[data-meetings] li").First(li => li.QuerySelector("[data-cancelled]") is not null);
        var meeting = cancelled.QuerySelector("a")!.GetAttribute("href")!;

        var ics = await client.GetStringAsync(new Uri($"{meeting}/calendar.ics", UriKind.Relative));

        Assert.Contains("STATUS:CANCELLED\r\n", ics, StringComparison.Ordinal);
        Assert.DoesNotContain("repairs", ics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_online_meeting_download_never_carries_its_link()
    {
        var client = factory.CreateBrowserLikeClient();
        var meetings = await client.GetDocumentAsync("/groups/young-peoples-evening-chat/meetings");
        var meeting = meetings.QuerySelector("[data-meetings] a")!.GetAttribute("href")!;

        var ics = await client.GetStringAsync(new Uri($"{meeting}/calendar.ics", UriKind.Relative));

        Assert.Contains("LOCATION:Online\r\n", ics, StringComparison.Ordinal);
        Assert.DoesNotContain("meet.example.invalid", ics, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/groups/prestatyn-withdrawal-support/meetings/1/2020-13-45/calendar.ics")]
    [InlineData("/groups/prestatyn-withdrawal-support/meetings/999/2026-12-03/calendar.ics")]
    [InlineData("/groups/no-such-group/meetings/1/2026-12-03/calendar.ics")]
    [InlineData("/groups/chard-thursday-meet-up/meetings/1/2026-12-03/calendar.ics")]
    public async Task A_meeting_that_does_not_exist_is_not_found(string url)
    {
        using var response = await factory.CreateBrowserLikeClient().GetAsync(new Uri(url, UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
