using System.Net;
using Hearth.Tests.Features.Accounts;
using Hearth.Tests.Features.Groups;
using Hearth.Web.Features.Groups;
using Hearth.Web.Features.Meetings;
using Microsoft.EntityFrameworkCore;
using static Hearth.Tests.Features.Meetings.MeetingPageFlows;

namespace Hearth.Tests.Features.Meetings;

/// <summary>
/// The optional attendance register: organisers tick who came once a meeting has begun; members and everyone else
/// never see or change it; bad numbers are refused beside the field; marks go after 12 months and the counts stay.
/// </summary>
public sealed class AttendanceTests(AccountsFactory factory) : IClassFixture<AccountsFactory>
{
    private const string RegisterForm = "main form[action*='handler=Register']";

    [Fact]
    public async Task An_organiser_ticks_who_came_and_the_register_is_theirs_alone()
    {
        var (group, organiser, series, date) = await MeetingYesterdayAsync();
        var came = await factory.NewMemberAsync(group.Id);
        var stayedAway = await factory.NewMemberAsync(group.Id);
        var stranger = await factory.NewSignedInAsync();
        var url = MeetingUrl(group.Slug, series.Id, date);

        var page = await organiser.Client.GetDocumentAsync(url);
        var boxes = page.QuerySelectorAll($"{RegisterForm} input[name=Came]").Select(b => b.GetAttribute("value")).ToList();
        Assert.Equal(new[] { came.UserId, organiser.UserId, stayedAway.UserId }.Order(), boxes.Order());
        using var saved = await organiser.Client.SubmitAsync(url, page.QuerySelector(RegisterForm)!, new Dictionary<string, string> { ["Came"] = came.UserId, ["Others"] = "2" });

        Assert.Equal($"{url}?registered=1", saved.RedirectTarget());
        await using (var db = factory.OpenDb())
        {
            Assert.Equal([came.UserId], await db.AttendanceMarks.Where(a => a.SeriesId == series.Id).Select(a => a.UserId).ToListAsync());
            var count = await db.AttendanceCounts.SingleAsync(a => a.SeriesId == series.Id);
            Assert.Equal((date, 1, 2), (count.OccurrenceDate, count.Members, count.Others));
        }

        var after = await organiser.Client.GetDocumentAsync(saved.RedirectTarget());
        Assert.Equal("3 came.", after.QuerySelector("[data-attendance]")!.Text());
        Assert.True(after.QuerySelector($"{RegisterForm} input[value='{came.UserId}']")!.HasAttribute("checked"));
        Assert.False(after.QuerySelector($"{RegisterForm} input[value='{stayedAway.UserId}']")!.HasAttribute("checked"));

        // A member, a signed-in stranger and someone signed out see no register and no count, and cannot write one.
        foreach (var client in new[] { came.Client, stranger.Client, factory.CreateBrowserLikeClient() })
        {
            using var response = await client.GetAsync(new Uri(url, UriKind.Relative));
            var body = await response.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.DoesNotContain("handler=Register", body, StringComparison.Ordinal);
            Assert.DoesNotContain("came.", body, StringComparison.Ordinal);
            Assert.DoesNotContain(stayedAway.Name, body, StringComparison.Ordinal);
        }

        foreach (var client in new[] { came.Client, stranger.Client })
        {
            using var refused = await client.PostHandlerAsync($"{url}?handler=Register", new Dictionary<string, string> { ["Came"] = stayedAway.UserId, ["Others"] = "40" });
            Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        }

        await using var check = factory.OpenDb();
        Assert.Equal([came.UserId], await check.AttendanceMarks.Where(a => a.SeriesId == series.Id).Select(a => a.UserId).ToListAsync());
        Assert.Equal(2, (await check.AttendanceCounts.SingleAsync(a => a.SeriesId == series.Id)).Others);
    }

    [Theory]
    [InlineData("lots")]
    [InlineData("-1")]
    [InlineData("2.5")]
    [InlineData("501")]
    public async Task A_number_of_others_that_is_not_one_is_refused_beside_the_field_keeping_the_ticks(string others)
    {
        var (group, organiser, series, date) = await MeetingYesterdayAsync();
        var member = await factory.NewMemberAsync(group.Id);
        var url = MeetingUrl(group.Slug, series.Id, date);
        var page = await organiser.Client.GetDocumentAsync(url);

        using var response = await organiser.Client.SubmitAsync(url, page.QuerySelector(RegisterForm)!, new Dictionary<string, string> { ["Came"] = member.UserId, ["Others"] = others });

        var shown = await response.ReadDocumentAsync();
        Assert.Equal("Enter a whole number from 0 to 500", shown.QuerySelector("#Others-error")!.Text());
        Assert.Equal(others, shown.QuerySelector("#Others")!.GetAttribute("value"));
        Assert.True(shown.QuerySelector($"{RegisterForm} input[value='{member.UserId}']")!.HasAttribute("checked"));
        await using var db = factory.OpenDb();
        Assert.False(await db.AttendanceMarks.AnyAsync(a => a.SeriesId == series.Id));
        Assert.False(await db.AttendanceCounts.AnyAsync(a => a.SeriesId == series.Id));
    }

    [Fact]
    public async Task A_meeting_that_has_not_begun_has_no_register_and_refuses_one()
    {
        var organiser = await factory.NewSignedInAsync();
        var group = await factory.CreateGroupAsync(members: [(organiser.UserId, GroupRole.Organiser)]);
        var series = await factory.AddSeriesAsync(group.Id);
        var url = MeetingUrl(group.Slug, series.Id, Today.AddDays(1));

        Assert.Null((await organiser.Client.GetDocumentAsync(url)).QuerySelector(RegisterForm));
        using var response = await organiser.Client.PostHandlerAsync($"{url}?handler=Register", new Dictionary<string, string> { ["Came"] = organiser.UserId });

        Assert.Contains("once the meeting has begun", (await response.ReadDocumentAsync()).ErrorSummary(), StringComparison.Ordinal);
        await using var db = factory.OpenDb();
        Assert.False(await db.AttendanceMarks.AnyAsync(a => a.SeriesId == series.Id));
    }

    [Fact]
    public async Task Marks_older_than_twelve_months_are_erased_and_the_counts_stay()
    {
        var (group, _, series, date) = await MeetingYesterdayAsync();
        var member = await factory.NewMemberAsync(group.Id);
        var longAgo = date.AddMonths(-13);
        await using (var db = factory.OpenDb())
        {
            db.AttendanceMarks.AddRange(
                new AttendanceMark { SeriesId = series.Id, OccurrenceDate = longAgo, UserId = member.UserId },
                new AttendanceMark { SeriesId = series.Id, OccurrenceDate = date, UserId = member.UserId });
            db.AttendanceCounts.AddRange(
                new AttendanceCount { SeriesId = series.Id, OccurrenceDate = longAgo, Members = 1, Others = 3, UpdatedAt = DateTime.UtcNow },
                new AttendanceCount { SeriesId = series.Id, OccurrenceDate = date, Members = 1, UpdatedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
        }

        await using (var db = factory.OpenDb())
        {
            await AttendanceRegister.EraseOldMarksAsync(db, DateTime.UtcNow, CancellationToken.None);
        }

        await using var check = factory.OpenDb();
        Assert.Equal([date], await check.AttendanceMarks.Where(a => a.SeriesId == series.Id).Select(a => a.OccurrenceDate).ToListAsync());
        Assert.Equal(2, await check.AttendanceCounts.CountAsync(a => a.SeriesId == series.Id));
    }

    private async Task<(Group Group, SignedIn Organiser, MeetingSeries Series, DateOnly Date)> MeetingYesterdayAsync()
    {
        var organiser = await factory.NewSignedInAsync();
        var group = await factory.CreateGroupAsync(members: [(organiser.UserId, GroupRole.Organiser)]);
        return (group, organiser, await factory.AddMeetingYesterdayAsync(group.Id), Today.AddDays(-1));
    }
}
