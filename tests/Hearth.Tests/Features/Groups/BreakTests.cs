using AngleSharp.Dom;
using Hearth.Tests.Features.Accounts;
using Hearth.Web.Features.Groups;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Tests.Features.Groups;

/// <summary>Taking a break from a group: still a member, but the group is out of the way on my pages for a while.</summary>
public sealed class BreakTests(AccountsFactory factory) : IClassFixture<AccountsFactory>
{
    private const string BreakForm = "main form[action*='handler=Break']";

    [Fact]
    public async Task Taking_a_break_folds_the_group_away_on_my_groups()
    {
        var (resting, active, member) = await MemberOfTwoGroupsAsync();

        using var started = await member.Client.PostFormAsync(Membership(resting), new Dictionary<string, string> { ["BreakDays"] = "14" }, BreakForm);

        Assert.Equal($"{Membership(resting)}?break=1", started.RedirectTarget());
        var page = await member.Client.GetDocumentAsync($"{Membership(resting)}?break=1");
        Assert.StartsWith("You are taking a break until", page.Notice(), StringComparison.Ordinal);
        Assert.StartsWith("You are taking a break until", page.QuerySelector("[data-on-break]")!.Text(), StringComparison.Ordinal);
        var until = (await factory.MembershipAsync(resting.Id, member.UserId))!.BreakUntil!.Value;
        Assert.InRange(until, DateTime.UtcNow.AddDays(14).AddMinutes(-5), DateTime.UtcNow.AddDays(14));

        var mine = await member.Client.GetDocumentAsync("/groups/mine");
        Assert.Equal([active.Name], Names(mine.QuerySelector("[data-my-groups]")!));
        var folded = mine.QuerySelector("details[data-on-break]")!;
        Assert.False(folded.HasAttribute("open"));
        Assert.Equal("Taking a break (1)", folded.QuerySelector("summary")!.Text());
        Assert.Equal([resting.Name], Names(folded));
        Assert.Equal(Membership(resting), folded.QuerySelector("a")!.GetAttribute("href"));

        // Still a member all the while.
        Assert.NotNull((await member.Client.GetDocumentAsync($"/groups/{resting.Slug}")).QuerySelector("[data-members]"));
    }

    [Theory]
    [InlineData("5")]
    [InlineData("0")]
    [InlineData("365")]
    [InlineData("-14")]
    [InlineData("a fortnight")]
    public async Task A_break_of_other_than_7_14_30_or_90_days_is_refused(string days)
    {
        var (resting, _, member) = await MemberOfTwoGroupsAsync();

        using var refused = await member.Client.PostFormAsync(Membership(resting), new Dictionary<string, string> { ["BreakDays"] = days }, BreakForm);

        Assert.Null((await factory.MembershipAsync(resting.Id, member.UserId))!.BreakUntil);
        Assert.Equal("Choose how long your break will be", (await refused.ReadDocumentAsync()).FieldError("BreakDays"));
    }

    [Theory]
    [InlineData(7)]
    [InlineData(30)]
    [InlineData(90)]
    public async Task A_break_can_last_a_week_a_month_or_three(int days)
    {
        var (resting, _, member) = await MemberOfTwoGroupsAsync();

        using var started = await member.Client.PostFormAsync(Membership(resting), new Dictionary<string, string> { ["BreakDays"] = days.ToString(System.Globalization.CultureInfo.InvariantCulture) }, BreakForm);

        Assert.Equal($"{Membership(resting)}?break=1", started.RedirectTarget());
        var until = (await factory.MembershipAsync(resting.Id, member.UserId))!.BreakUntil!.Value;
        Assert.InRange(until, DateTime.UtcNow.AddDays(days).AddMinutes(-5), DateTime.UtcNow.AddDays(days));
    }

    [Fact]
    public async Task Ending_a_break_brings_the_group_back()
    {
        var (resting, active, member) = await MemberOfTwoGroupsAsync();
        using (var started = await member.Client.PostFormAsync(Membership(resting), new Dictionary<string, string> { ["BreakDays"] = "30" }, BreakForm))
        {
            Assert.Equal($"{Membership(resting)}?break=1", started.RedirectTarget());
        }

        using var ended = await member.Client.PostFormAsync(Membership(resting), Forms.NoFields, "main form[action*='handler=EndBreak']");

        Assert.Equal($"{Membership(resting)}?back=1", ended.RedirectTarget());
        Assert.Equal("Welcome back. Your break has ended.", (await member.Client.GetDocumentAsync($"{Membership(resting)}?back=1")).Notice());
        Assert.Null((await factory.MembershipAsync(resting.Id, member.UserId))!.BreakUntil);
        var mine = await member.Client.GetDocumentAsync("/groups/mine");
        Assert.Equal(new[] { active.Name, resting.Name }.Order(StringComparer.Ordinal), Names(mine.QuerySelector("[data-my-groups]")!).Order(StringComparer.Ordinal));
        Assert.Null(mine.QuerySelector("[data-on-break]"));
    }

    [Fact]
    public async Task A_break_ends_by_itself_when_its_time_is_up()
    {
        var (resting, _, member) = await MemberOfTwoGroupsAsync();
        await using (var db = factory.OpenDb())
        {
            var past = DateTime.UtcNow.AddMinutes(-1);
            await db.GroupMembers.Where(m => m.GroupId == resting.Id && m.UserId == member.UserId).ExecuteUpdateAsync(s => s.SetProperty(m => m.BreakUntil, past));
        }

        var mine = await member.Client.GetDocumentAsync("/groups/mine");

        Assert.Contains(resting.Name, Names(mine.QuerySelector("[data-my-groups]")!));
        Assert.Null(mine.QuerySelector("[data-on-break]"));
        Assert.Null((await member.Client.GetDocumentAsync(Membership(resting))).QuerySelector("[data-on-break]"));
    }

    [Fact]
    public async Task Someone_who_does_not_belong_cannot_take_a_break_from_a_group()
    {
        var (resting, _, _) = await MemberOfTwoGroupsAsync();
        var stranger = await factory.NewSignedInAsync();

        using var response = await stranger.Client.PostHandlerAsync($"{Membership(resting)}?handler=Break", new Dictionary<string, string> { ["BreakDays"] = "14" });

        Assert.Equal($"/groups/{resting.Slug}", response.RedirectTarget());
        Assert.Null(await factory.MembershipAsync(resting.Id, stranger.UserId));
    }

    private static string Membership(Group group) => $"/groups/{group.Slug}/membership";

    /// <summary>Each card's first link names its group (the others lead to its discussion or running it).</summary>
    private static List<string> Names(IElement list) => [.. list.QuerySelectorAll("li").Select(card => card.QuerySelector("a[href^='/groups/']")!.Text())];

    /// <summary>A new person who belongs to two groups: one to take a break from, one to stay active in.</summary>
    private async Task<(Group Resting, Group Active, SignedIn Member)> MemberOfTwoGroupsAsync()
    {
        var member = await factory.NewSignedInAsync();
        var resting = await factory.CreateGroupAsync(members: [(member.UserId, GroupRole.Member)]);
        var active = await factory.CreateGroupAsync(members: [(member.UserId, GroupRole.Member)]);
        return (resting, active, member);
    }
}
