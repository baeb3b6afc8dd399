using System.Net;
using System.Text.Json;

namespace Hearth.Tests.Features.Groups;

public sealed class GroupPageTests(HearthFactory factory) : IClassFixture<HearthFactory>
{
    [Fact]
    public async Task A_group_page_says_what_the_group_is_and_is_not_where_it_meets_and_how_to_join()
    {
        var page = await factory.CreateBrowserLikeClient().GetDocumentAsync("/groups/prestatyn-withdrawal-support");
        var text = page.MainText();

        Assert.Equal("Prestatyn Withdrawal Support", page.QuerySelector("h1")!.Text());
        Assert.Contains("We do not plan anyone's withdrawal and we are not trained therapists.", text, StringComparison.Ordinal);
        Assert.Contains("Nant Hall church hall, Prestatyn", text, StringComparison.Ordinal);
        Assert.Contains("Step-free entrance", text, StringComparison.Ordinal);
        Assert.Contains("Anyone can come along. You do not need a referral.", text, StringComparison.Ordinal);
        Assert.Contains("the little tricks that helped on our worst days", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_their_own_words_a_group_page_still_says_what_peer_support_is_not()
    {
        var text = (await factory.CreateBrowserLikeClient().GetDocumentAsync("/groups/rhyl-hearing-voices")).MainText();

        Assert.Contains("It is not therapy.", text, StringComparison.Ordinal);
        Assert.Contains("you do not need a referral", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_address_kept_for_members_is_not_on_the_public_page()
    {
        var page = await factory.CreateBrowserLikeClient().GetDocumentAsync("/groups/cardiff-grief-circle");
        var html = page.DocumentElement.OuterHtml;

        Assert.DoesNotContain("Heol y Frenhines", html, StringComparison.Ordinal);
        Assert.Contains("The street address is shared with members when they join.", page.MainText(), StringComparison.Ordinal);
        Assert.Contains("English, Cymraeg", page.MainText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_listed_group_carries_opengraph_and_schema_org_data()
    {
        var page = await factory.CreateBrowserLikeClient().GetDocumentAsync("/groups/chard-thursday-meet-up");

        Assert.Equal("Chard Thursday Meet-up", page.QuerySelector("meta[property='og:title']")!.GetAttribute("content"));
        Assert.Equal("https://hearth.test/groups/chard-thursday-meet-up", page.QuerySelector("link[rel='canonical']")!.GetAttribute("href"));
        using var json = JsonDocument.Parse(page.QuerySelector("script[type='application/ld+json']")!.TextContent);
        Assert.Equal("Organization", json.RootElement.GetProperty("@type").GetString());
        Assert.Equal("Chard Thursday Meet-up", json.RootElement.GetProperty("name").GetString());
        Assert.Null(page.QuerySelector("meta[name='robots']"));
    }

    [Fact]
    public async Task An_unlisted_group_is_reachable_by_its_link_but_asks_not_to_be_indexed_and_has_no_structured_data()
    {
        var page = await factory.CreateBrowserLikeClient().GetDocumentAsync("/groups/taunton-dbt-skills-circle");

        Assert.Equal("Taunton DBT Skills Circle", page.QuerySelector("h1")!.Text());
        Assert.Equal("noindex, nofollow", page.QuerySelector("meta[name='robots']")!.GetAttribute("content"));
        Assert.Null(page.QuerySelector("script[type='application/ld+json']"));
        Assert.Null(page.QuerySelector("meta[property='og:title']"));
        Assert.Contains("by invitation only", page.MainText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_group_is_a_friendly_not_found()
    {
        var page = await factory.CreateBrowserLikeClient().GetDocumentAsync("/groups/no-such-group", HttpStatusCode.NotFound);

        Assert.Equal("Page not found", page.QuerySelector("h1")!.Text());
    }

    [Fact]
    public async Task The_directory_links_each_listed_group_to_its_page()
    {
        var page = await factory.CreateBrowserLikeClient().GetDocumentAsync("/groups?near=Rhyl");

        Assert.Equal("/groups/rhyl-hearing-voices", page.QuerySelector(".group-list h3 a")!.GetAttribute("href"));
    }
}
