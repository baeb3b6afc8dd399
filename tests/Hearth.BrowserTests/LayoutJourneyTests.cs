using Microsoft.Playwright;

namespace Hearth.BrowserTests;

/// <summary>
/// The first journey of every visitor: land on the home page, read about peer support, switch language,
/// reach help, leave quickly. In real Chromium, with and without JavaScript, in English and Welsh.
/// </summary>
public sealed class LayoutJourneyTests(BrowserHost host) : IClassFixture<BrowserHost>
{
    public static TheoryData<string, string, bool> Pages()
    {
        var data = new TheoryData<string, string, bool>();
        foreach (var path in new[] { "/", "/help-now", "/groups", "/groups?near=Newport", "/groups/prestatyn-withdrawal-support", "/about", "/privacy", "/no-such-page" })
        {
            foreach (var culture in new[] { "en-GB", "cy-GB" })
            {
                data.Add(path, culture, true);
                data.Add(path, culture, false);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Page_is_accessible_and_loads_nothing_from_other_hosts(string path, string culture, bool javaScript)
    {
        await using var visit = await host.OpenAsync(javaScript);

        await visit.Page.GotoAsync($"{path}{(path.Contains('?', StringComparison.Ordinal) ? '&' : '?')}culture={culture}");

        Assert.Equal(culture[..2], await visit.Page.Locator("html").GetAttributeAsync("lang"));
        Assert.Equal(1, await visit.Page.Locator("h1").CountAsync());
        await visit.AssertAccessibleAsync();
        visit.AssertNothingRequestedFromAnotherHost();
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_visitor_switches_to_welsh_and_finds_help(bool javaScript)
    {
        await using var visit = await host.OpenAsync(javaScript);
        var page = visit.Page;

        await page.GotoAsync("/");
        Assert.Equal("Peer support groups near you and online", await page.Locator("h1").InnerTextAsync());
        await page.GetByRole(AriaRole.Link, new() { Name = "Cymraeg" }).ClickToNavigateAsync();

        await page.ExpectUrlAsync(url => new Uri(url).AbsolutePath == "/", "the home page");
        Assert.Equal("cy", await page.Locator("html").GetAttributeAsync("lang"));
        await page.GetByRole(AriaRole.Link, new() { Name = "Angen help nawr?" }).First.ClickToNavigateAsync();

        await page.ExpectUrlAsync("**/help-now");
        Assert.Equal("Angen help nawr?", await page.Locator("h1").InnerTextAsync());
        Assert.Equal("tel:116123", await page.GetByRole(AriaRole.Link, new() { Name = "Ffoniwch 116 123" }).GetAttributeAsync("href"));
        await visit.AssertAccessibleAsync();
        visit.AssertNothingRequestedFromAnotherHost();
    }

    [Fact]
    public async Task Skip_link_is_the_first_thing_the_keyboard_reaches_and_moves_focus_to_the_content()
    {
        await using var visit = await host.OpenAsync(javaScript: true);
        var page = visit.Page;
        await page.GotoAsync("/help-now");

        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("Skip to main content", await page.EvaluateAsync<string>("document.activeElement.textContent.trim()"));
        await page.Keyboard.PressAsync("Enter");

        Assert.Equal("main", await page.EvaluateAsync<string>("document.activeElement.id"));
    }

    [Fact]
    public async Task Exit_this_page_without_javascript_is_a_plain_link_to_a_neutral_site()
    {
        await using var visit = await host.OpenAsync(javaScript: false);
        var page = visit.Page;
        await page.RouteAsync("https://www.bbc.co.uk/**", route => route.FulfillAsync(new() { Status = 200, ContentType = "text/html", Body = "<title>Weather</title>" }));
        await page.GotoAsync("/help-now");

        await page.GetByRole(AriaRole.Link, new() { Name = "Exit this page" }).ClickAsync();

        await page.WaitForURLAsync("https://www.bbc.co.uk/weather");
    }

    [Fact]
    public async Task Exit_this_page_with_javascript_replaces_the_page_in_history()
    {
        await using var visit = await host.OpenAsync(javaScript: true);
        var page = visit.Page;
        await page.RouteAsync("https://www.bbc.co.uk/**", route => route.FulfillAsync(new() { Status = 200, ContentType = "text/html", Body = "<title>Weather</title>" }));
        await page.GotoAsync("/");
        await page.GotoAsync("/help-now");

        await page.GetByRole(AriaRole.Link, new() { Name = "Exit this page" }).ClickAsync();
        await page.WaitForURLAsync("https://www.bbc.co.uk/weather");
        await page.GoBackAsync();

        // Back skips the page the person left from: it was replaced, not stacked.
        Assert.Equal("/", new Uri(page.Url).AbsolutePath);
    }

    [Fact]
    public async Task Pressing_shift_three_times_leaves_quickly()
    {
        await using var visit = await host.OpenAsync(javaScript: true);
        var page = visit.Page;
        await page.RouteAsync("https://www.bbc.co.uk/**", route => route.FulfillAsync(new() { Status = 200, ContentType = "text/html", Body = "<title>Weather</title>" }));
        await page.GotoAsync("/about");
        Assert.True(await page.GetByText("or press Shift 3 times").IsVisibleAsync());

        for (var i = 0; i < 3; i++)
        {
            await page.Keyboard.PressAsync("Shift");
        }

        await page.WaitForURLAsync("https://www.bbc.co.uk/weather");
    }
}
