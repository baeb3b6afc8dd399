using Hearth.Tests.Features.Meetings;
using Hearth.Web.Features.Meetings;
using static Hearth.Tests.Features.Meetings.MeetingPageFlows;

namespace Hearth.Tests.Features.Groups;

/// <summary>The directory's meeting filters (<c>day</c>, <c>time</c>), its "next meeting" sort, and each result's next meeting.</summary>
public sealed class DirectoryMeetingTests(EmptyDirectoryTests.EmptyFactory factory) : IClassFixture<EmptyDirectoryTests.EmptyFactory>
{
    private static readonly string[] DayCodes = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

    [Fact]
    public async Task Day_and_time_keep_the_groups_that_meet_then_and_next_meeting_sorts_soonest_first()
    {
        var tomorrow = Today.AddDays(1);
        var mornings = await factory.CreateGroupAsync();
        await factory.AddSeriesAsync(mornings.Id, s => (s.StartDate, s.StartTime) = (tomorrow, new TimeOnly(10, 0)));
        var evenings = await factory.CreateGroupAsync();
        await factory.AddSeriesAsync(evenings.Id, s => (s.Frequency, s.StartDate, s.StartTime) = (Frequency.Once, Today.AddDays(3), new TimeOnly(18, 30)));
        var noMeetings = await factory.CreateGroupAsync();
        var unlisted = await factory.CreateGroupAsync(listed: false);
        await factory.AddSeriesAsync(unlisted.Id, s => (s.StartDate, s.StartTime) = (tomorrow, new TimeOnly(10, 0)));
        var client = factory.CreateBrowserLikeClient();
        var day = DayCodes[tomorrow.DayOfWeek == DayOfWeek.Sunday ? 6 : (int)tomorrow.DayOfWeek - 1];
        // Other tests add groups in Rhyl too: look only at this test's own, in the order shown.
        string[] ours = [mornings.Name, evenings.Name, noMeetings.Name, unlisted.Name];
        async Task<List<string>> NamesAsync(string url) => [.. (await ListedAsync(client, url)).Where(ours.Contains)];

        Assert.Equal([mornings.Name], await NamesAsync($"/groups?near=Rhyl&day={day}"));
        Assert.Equal([mornings.Name], await NamesAsync($"/groups?near=Rhyl&day={day}&time=morning"));
        Assert.Empty(await NamesAsync($"/groups?near=Rhyl&day={day}&time=evening"));
        Assert.Equal([evenings.Name], await NamesAsync("/groups?near=Rhyl&time=evening"));
        Assert.Equal([mornings.Name, evenings.Name, noMeetings.Name], await NamesAsync("/groups?near=Rhyl&sort=next"));

        var page = await client.GetDocumentAsync("/groups?near=Rhyl&sort=next");
        var card = page.QuerySelectorAll(".group-list li").Single(li => li.QuerySelector("h3")!.Text() == mornings.Name);
        var when = card.QuerySelector("[data-next-meeting] time")!;
        Assert.StartsWith($"{tomorrow:yyyy-MM-dd}T10:00", when.GetAttribute("datetime"), StringComparison.Ordinal);
        Assert.Null(page.QuerySelectorAll(".group-list li").Single(li => li.QuerySelector("h3")!.Text() == noMeetings.Name).QuerySelector("[data-next-meeting]"));
        Assert.Equal("next", page.QuerySelector("#sort option[selected]")!.GetAttribute("value"));
    }

    [Fact]
    public async Task A_cancelled_meeting_is_not_a_groups_next_one()
    {
        var group = await factory.CreateGroupAsync();
        var series = await factory.AddSeriesAsync(group.Id, s => (s.StartDate, s.StartTime) = (Today.AddDays(2), new TimeOnly(19, 0)));
        await using (var db = factory.OpenDb())
        {
            db.MeetingChanges.Add(new MeetingChange { SeriesId = series.Id, OccurrenceDate = Today.AddDays(2), IsCancelled = true, Reason = "Closed", UpdatedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
        }

        var page = await factory.CreateBrowserLikeClient().GetDocumentAsync($"/groups?q={Uri.EscapeDataString(group.Name)}");

        var when = page.QuerySelector(".group-list [data-next-meeting] time")!;
        Assert.StartsWith($"{Today.AddDays(9):yyyy-MM-dd}T19:00", when.GetAttribute("datetime"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("day=funday", "day")]
    [InlineData("time=midnight", "time")]
    [InlineData("sort=alphabetical", "sort")]
    public async Task An_unknown_day_time_or_sort_is_explained_beside_its_field_and_lists_nothing(string query, string field)
    {
        var page = await factory.CreateBrowserLikeClient().GetDocumentAsync($"/groups?near=Rhyl&{query}");

        Assert.Equal("Choose one from the list", page.QuerySelector($"#{field}-error")!.Text());
        Assert.Null(page.QuerySelector("#results"));
        Assert.Equal("Rhyl", page.QuerySelector("#near")!.GetAttribute("value"));
    }

    private static async Task<List<string>> ListedAsync(HttpClient client, string url) =>
        [.. (await client.GetDocumentAsync(url)).QuerySelectorAll(".group-list h3").Select(h => h.Text())];
}
