using Hearth.Web.Features.Shared;

namespace Hearth.Tests.Features.Groups;

/// <summary>The Markdown organisers may write: what is refused, and how anything that got through anyway is rendered harmless.</summary>
public sealed class SafeMarkdownTests
{
    [Fact]
    public void Raw_html_is_shown_as_text_never_as_markup()
    {
        var html = Html.Parse(SafeMarkdown.ToHtml("<script>alert(1)</script>\n\nHello <b onclick=\"alert(2)\">there</b>"));

        Assert.Empty(html.QuerySelectorAll("script, b, [onclick]"));
        Assert.Contains("<script>alert(1)</script>", html.Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Hello <b onclick=\"alert(2)\">there</b>", html.Body.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Read [the leaflet](javascript:alert(1)) first.")]
    [InlineData("Read [the leaflet](JavaScript:alert(1)) first.")]
    [InlineData("Read [the leaflet](data:text/html;base64,PHNjcmlwdD4=) first.")]
    [InlineData("Read [the leaflet](vbscript:msgbox) first.")]
    [InlineData("Read [the leaflet](//evil.example/page) first.")]
    [InlineData("Read [the leaflet](/\\evil.example/page) first.")]
    public void A_link_that_is_not_to_a_web_page_loses_its_link_but_keeps_its_words(string markdown)
    {
        var html = Html.Parse(SafeMarkdown.ToHtml(markdown));

        Assert.Empty(html.QuerySelectorAll("a"));
        Assert.Equal("Read the leaflet first.", html.Body!.Text());
    }

    [Fact]
    public void An_autolink_to_a_script_is_shown_as_text()
    {
        var html = Html.Parse(SafeMarkdown.ToHtml("Go to <javascript:alert(1)> now"));

        Assert.Empty(html.QuerySelectorAll("a"));
        Assert.Contains("javascript:alert(1)", html.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void A_picture_is_not_shown_but_its_description_is()
    {
        var html = Html.Parse(SafeMarkdown.ToHtml("Our room: ![a sunny room with chairs](https://example.org/room.jpg)"));

        Assert.Empty(html.QuerySelectorAll("img"));
        Assert.Equal("Our room: a sunny room with chairs", html.Body!.Text());
    }

    [Theory]
    [InlineData("[Mind](https://www.mind.org.uk/)", "https://www.mind.org.uk/")]
    [InlineData("[our old site](http://example.org/group)", "http://example.org/group")]
    [InlineData("[write to us](mailto:hello@example.org)", "mailto:hello@example.org")]
    [InlineData("[other groups](/groups)", "/groups")]
    public void Links_to_web_pages_email_addresses_and_hearths_own_pages_stay_and_pass_on_nothing(string markdown, string href)
    {
        var link = Assert.Single(Html.Parse(SafeMarkdown.ToHtml(markdown)).QuerySelectorAll("a"));

        Assert.Equal(href, link.GetAttribute("href"));
        Assert.Equal("nofollow noopener noreferrer", link.GetAttribute("rel"));
    }

    [Fact]
    public void Emphasis_lists_and_headings_are_rendered()
    {
        var html = Html.Parse(SafeMarkdown.ToHtml("## When\n\nWe meet *every* **Tuesday**.\n\n- tea\n- biscuits"));

        Assert.Equal("When", html.QuerySelector("h2")!.Text());
        Assert.Equal("every", html.QuerySelector("em")!.Text());
        Assert.Equal("Tuesday", html.QuerySelector("strong")!.Text());
        Assert.Equal(["tea", "biscuits"], html.QuerySelectorAll("ul li").Select(li => li.Text()));
    }

    [Theory]
    [InlineData(null, SafeMarkdown.Issue.None)]
    [InlineData("", SafeMarkdown.Issue.None)]
    [InlineData("Plain words, *emphasis* and [a link](https://example.org).", SafeMarkdown.Issue.None)]
    [InlineData("Write to <hello@example.org>.", SafeMarkdown.Issue.None)]
    [InlineData("See <https://example.org>.", SafeMarkdown.Issue.None)]
    [InlineData("<script>alert(1)</script>", SafeMarkdown.Issue.Html)]
    [InlineData("Hello <span>there</span>", SafeMarkdown.Issue.Html)]
    [InlineData("<!-- hidden -->", SafeMarkdown.Issue.Html)]
    [InlineData("![a cat](https://example.org/cat.png)", SafeMarkdown.Issue.Picture)]
    [InlineData("[x](javascript:alert(1))", SafeMarkdown.Issue.Link)]
    [InlineData("[x](data:text/html;base64,PHNjcmlwdD4=)", SafeMarkdown.Issue.Link)]
    [InlineData("<javascript:alert(1)>", SafeMarkdown.Issue.Link)]
    [InlineData("[x](//evil.example)", SafeMarkdown.Issue.Link)]
    public void Text_is_checked_for_html_pictures_and_unsafe_links(string? markdown, SafeMarkdown.Issue expected) =>
        Assert.Equal(expected, SafeMarkdown.Problem(markdown));
}
