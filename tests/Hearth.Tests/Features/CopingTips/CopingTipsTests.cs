using System.Net;
using Hearth.Tests.Features.Accounts;
using Hearth.Tests.Features.Discussion;
using Hearth.Tests.Features.Groups;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Tests.Features.CopingTips;

/// <summary>
/// "What helps on my worst days": tips in a group, shared with the network as the author chose, a private "this
/// helped me too" whose count only the author sees, and a toolkit of saved tips that is nobody else's business.
/// </summary>
public sealed class CopingTipsTests(AccountsFactory factory) : IClassFixture<AccountsFactory>
{
    [Fact]
    public async Task A_tip_stays_in_its_group_unless_shared_and_is_then_signed_as_the_author_chose()
    {
        var g = await factory.DiscussionGroupAsync();
        var kept = DiscussionFlows.Unique("Kept tip");
        var shared = DiscussionFlows.Unique("Shared tip");
        await AddAsync(g, kept, "Only for us.", share: false, "sleep");
        await AddAsync(g, shared, "Breathe out longer than in.", share: true, "panic", "grounding");

        var inGroup = await g.Members[1].Client.GetDocumentAsync($"/groups/{g.Group.Slug}/tips");
        Assert.Contains(kept, inGroup.MainText(), StringComparison.Ordinal);
        Assert.Contains(g.Members[0].Name, inGroup.MainText(), StringComparison.Ordinal);
        var panic = await g.Members[1].Client.GetDocumentAsync($"/groups/{g.Group.Slug}/tips?tag=panic");
        Assert.DoesNotContain(kept, panic.MainText(), StringComparison.Ordinal);
        Assert.Contains(shared, panic.MainText(), StringComparison.Ordinal);

        var stranger = await factory.NewSignedInAsync();
        await stranger.Client.GetDocumentAsync($"/groups/{g.Group.Slug}/tips", HttpStatusCode.NotFound);
        var network = await stranger.Client.GetDocumentAsync("/tips");
        var tip = network.QuerySelectorAll("article[data-tip]").Single(t => t.Text().Contains(shared, StringComparison.Ordinal));
        Assert.Equal($"A member of {g.Group.Name}", tip.QuerySelector(".post__author")!.Text());
        Assert.DoesNotContain(g.Members[0].Name, network.MainText(), StringComparison.Ordinal);
        Assert.DoesNotContain(kept, network.MainText(), StringComparison.Ordinal);
        using var anonymous = await factory.CreateBrowserLikeClient().GetAsync("/tips");
        Assert.StartsWith("/account/sign-in", anonymous.RedirectTarget(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Helped_me_too_is_counted_for_the_author_alone_saying_it_twice_changes_nothing_and_the_toolkit_is_private()
    {
        var g = await factory.DiscussionGroupAsync();
        var title = DiscussionFlows.Unique("Cold flannel");
        await AddAsync(g, title, "Cold water on the face.", share: true, "panic");
        await using var db = factory.OpenDb();
        var tip = await db.CopingTips.AsNoTracking().SingleAsync(t => t.Title == title);
        var back = Uri.EscapeDataString($"/groups/{g.Group.Slug}/tips");
        foreach (var member in g.Members.Skip(1))
        {
            using var helped = await member.Client.PostHandlerAsync($"/tips/{tip.Id}/mark?mark=helped&returnUrl={back}", new Dictionary<string, string>());
            Assert.Equal($"/groups/{g.Group.Slug}/tips#tip-{tip.Id}", helped.RedirectTarget());
        }

        using (var twice = await g.Members[1].Client.PostHandlerAsync($"/tips/{tip.Id}/mark?mark=helped&returnUrl={back}", new Dictionary<string, string>()))
        {
            Assert.Equal($"/groups/{g.Group.Slug}/tips?already=helped#tip-{tip.Id}", twice.RedirectTarget());
            Assert.Equal("You have already said this helped you.", (await g.Members[1].Client.GetDocumentAsync(twice.RedirectTarget())).Notice());
        }

        Assert.Equal(2, await db.Reactions.CountAsync(r => r.PostId == tip.PostId));
        Assert.Equal("Only you can see this: 2 said this helped them too", (await g.Members[0].Client.GetDocumentAsync($"/groups/{g.Group.Slug}/tips")).QuerySelector("[data-helped-count]")!.Text());
        Assert.Null((await g.Members[1].Client.GetDocumentAsync($"/groups/{g.Group.Slug}/tips")).QuerySelector("[data-helped-count]"));

        var stranger = await factory.NewSignedInAsync();
        using (await stranger.Client.PostHandlerAsync($"/tips/{tip.Id}/mark?mark=save&returnUrl=%2Ftips", new Dictionary<string, string>()))
        {
        }

        Assert.Contains(title, (await stranger.Client.GetDocumentAsync("/account/toolkit")).MainText(), StringComparison.Ordinal);
        Assert.DoesNotContain(title, (await g.Members[1].Client.GetDocumentAsync("/account/toolkit")).MainText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_tip_from_another_group_that_was_not_shared_cannot_be_marked()
    {
        var g = await factory.DiscussionGroupAsync();
        var title = DiscussionFlows.Unique("Private tip");
        await AddAsync(g, title, "Just for us.", share: false);
        await using var db = factory.OpenDb();
        var tip = await db.CopingTips.AsNoTracking().SingleAsync(t => t.Title == title);
        var stranger = await factory.NewSignedInAsync();
        using var response = await stranger.Client.PostHandlerAsync($"/tips/{tip.Id}/mark?mark=save", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.False(await db.Toolkit.AnyAsync(e => e.TipId == tip.Id));
    }

    [Fact]
    public async Task A_tip_without_a_title_or_with_unknown_tags_is_refused_with_its_words_kept()
    {
        var g = await factory.DiscussionGroupAsync();
        await using var db = factory.OpenDb();
        var before = await db.CopingTips.CountAsync();
        using var response = await g.Members[0].Client.PostFormAsync($"/groups/{g.Group.Slug}/tips/new", new Dictionary<string, string> { ["Title"] = " ", ["Body"] = "Warm socks.", ["Tags"] = "astrology" });
        var page = await response.ReadDocumentAsync();
        Assert.Equal("Give your tip a title", page.FieldError("Title"));
        Assert.Equal("Choose tags from the list", page.FieldError("Tags"));
        Assert.Equal("Warm socks.", page.QuerySelector("textarea#Body")!.TextContent.TrimStart('\n'));
        Assert.Equal(before, await db.CopingTips.CountAsync());
    }

    [Fact]
    public async Task An_urgent_tip_goes_through_the_supportive_page_first()
    {
        var g = await factory.DiscussionGroupAsync();
        using var response = await g.Members[0].Client.PostFormAsync($"/groups/{g.Group.Slug}/tips/new", new Dictionary<string, string> { ["Title"] = "Tonight", ["Body"] = "I am going to kill myself tonight", ["Tags"] = "urges" });
        var page = await response.ReadDocumentAsync();
        Assert.NotNull(page.QuerySelector("[data-support]"));
        Assert.Equal("urges", page.QuerySelector("[data-support] input[name=Tags]")!.GetAttribute("value"));
    }

    private static async Task AddAsync(TestGroup g, string title, string body, bool share, params string[] tags)
    {
        var fields = new List<KeyValuePair<string, string>> { new("Title", title), new("Body", body), new("SignedAs", "GroupMember") };
        fields.AddRange(tags.Select(t => new KeyValuePair<string, string>("Tags", t)));
        if (share)
        {
            fields.Add(new("Share", "true"));
        }

        var page = await g.Members[0].Client.GetDocumentAsync($"/groups/{g.Group.Slug}/tips/new");
        using var response = await g.Members[0].Client.SubmitAsync($"/groups/{g.Group.Slug}/tips/new", page.QuerySelector("main form[method=post]")!, fields);
        Assert.Equal($"/groups/{g.Group.Slug}/tips?done=added", response.RedirectTarget());
    }
}
