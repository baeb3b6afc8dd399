namespace Hearth.Tests.Features.Home;

public sealed class HomeTests(HearthFactory factory) : IClassFixture<HearthFactory>
{
    [Fact]
    public async Task Home_page_explains_peer_support_and_leads_to_finding_a_group()
    {
        var page = await factory.CreateBrowserLikeClient().GetDocumentAsync("/");
        var text = page.MainText();

        Assert.Equal("Peer support groups near you and online", page.QuerySelector("h1")!.Text());
        Assert.Contains("What is peer support?", text, StringComparison.Ordinal);
        Assert.Contains("It is not therapy", text, StringComparison.Ordinal);
        Assert.Contains("you do not need a referral", text, StringComparison.Ordinal);
        Assert.Contains("Nobody will plan your treatment", text, StringComparison.Ordinal);
        Assert.Equal("Find a group", page.QuerySelector("main a.button[href='/groups']")!.Text());
    }

    [Fact]
    public async Task Every_page_has_a_skip_link_landmarks_one_heading_and_a_title()
    {
        var client = factory.CreateBrowserLikeClient();
        foreach (var culture in new[] { "en-GB", "cy-GB" })
        {
            foreach (var (url, _, page) in await Html.CrawlAsync(client, culture))
            {
                var firstLink = page.QuerySelector("body a")!;
                Assert.Equal("#main", firstLink.GetAttribute("href"));
                Assert.NotNull(page.QuerySelector("main#main"));
                Assert.NotNull(page.QuerySelector("header"));
                Assert.NotNull(page.QuerySelector("footer"));
                Assert.True(page.QuerySelectorAll("h1").Length == 1, $"{url} has {page.QuerySelectorAll("h1").Length} h1 elements.");
                Assert.EndsWith("Hearth", page.Title, StringComparison.Ordinal);
                var footerLinks = page.QuerySelectorAll("footer a").Select(a => a.GetAttribute("href")).ToList();
                Assert.Contains("/about", footerLinks);
                Assert.Contains("/privacy", footerLinks);
            }
        }
    }

    [Fact]
    public async Task About_names_the_network_that_runs_this_hearth()
    {
        var client = factory.CreateBrowserLikeClient();

        Assert.Contains("This Hearth is run by the Hearth demo network.", (await client.GetDocumentAsync("/about")).MainText(), StringComparison.Ordinal);
        Assert.Contains("rhwydwaith enghreifftiol Hearth sy'n rhedeg yr Hearth hwn.", (await client.GetDocumentAsync("/about?culture=cy-GB")).MainText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Privacy_page_says_what_cookies_hearth_sets_and_that_nothing_comes_from_other_sites()
    {
        var text = (await factory.CreateBrowserLikeClient().GetDocumentAsync("/privacy")).MainText();

        Assert.Contains("one remembers the language you chose", text, StringComparison.Ordinal);
        Assert.Contains("load nothing from other websites", text, StringComparison.Ordinal);
    }
}
