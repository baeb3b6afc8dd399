namespace Hearth.Tests.Features.HelpNow;

public sealed class HelpNowTests(HearthFactory factory) : IClassFixture<HearthFactory>
{
    [Fact]
    public async Task Help_now_lists_the_uk_helplines_as_tappable_links()
    {
        var page = await factory.CreateBrowserLikeClient().GetDocumentAsync("/help-now");

        Assert.Equal("Need help now?", page.QuerySelector("h1")!.Text());
        var links = page.QuerySelectorAll("main a").ToDictionary(a => a.GetAttribute("href")!, a => a.Text());
        Assert.Equal("Call 116 123", links["tel:116123"]);
        Assert.Equal("Text SHOUT to 85258", links["sms:85258?body=SHOUT"]);
        Assert.Equal("Call 111", links["tel:111"]);
        Assert.Equal("Call 999", links["tel:999"]);
        var text = page.MainText();
        Assert.Contains("Samaritans", text, StringComparison.Ordinal);
        Assert.Contains("24/7", text, StringComparison.Ordinal);
        Assert.Contains("choose option 2", text, StringComparison.Ordinal);
        // Danger to life comes first.
        Assert.Equal("In an emergency, call 999", page.QuerySelector("main h2")!.Text());
    }

    [Fact]
    public async Task Help_now_in_welsh_has_no_english_left()
    {
        var page = await factory.CreateBrowserLikeClient().GetDocumentAsync("/help-now?culture=cy-GB");
        var text = page.MainText();

        Assert.Equal("cy", page.DocumentElement.GetAttribute("lang"));
        Assert.Contains("Ffoniwch 116 123", text, StringComparison.Ordinal);
        Assert.Contains("Tecstiwch SHOUT i 85258", text, StringComparison.Ordinal);
        Assert.Contains("Samariaid", text, StringComparison.Ordinal);
        Assert.Contains("GIG 111, opsiwn 2", text, StringComparison.Ordinal);
        Assert.Contains("Mewn argyfwng, ffoniwch 999", text, StringComparison.Ordinal);
        var english = Localisation.LanguageTests.ReadResx("Strings.resx");
        foreach (var (key, value) in english.Where(e => e.Key.StartsWith("HelpNow.", StringComparison.Ordinal)))
        {
            var fixedPart = value.Split('{')[0].Trim();
            Assert.False(fixedPart.Length > 0 && text.Contains(fixedPart, StringComparison.Ordinal), $"{key} is still in English: {fixedPart}");
        }

        foreach (var english999 in new[] { "Call 999", "any time, day or night", "choose option 2" })
        {
            Assert.DoesNotContain(english999, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Every_page_links_to_help_now_and_offers_a_quick_exit()
    {
        var client = factory.CreateBrowserLikeClient();
        foreach (var culture in new[] { "en-GB", "cy-GB" })
        {
            foreach (var (url, _, page) in await Html.CrawlAsync(client, culture))
            {
                Assert.NotNull(page.QuerySelector("header a[href='/help-now'], .safety-bar a[href='/help-now']"));
                var exit = page.QuerySelector("a[data-exit]");
                Assert.True(exit is not null, $"{url} has no exit link.");
                Assert.Equal("https://www.bbc.co.uk/weather", exit.GetAttribute("href"));
                Assert.Contains("noreferrer", exit.GetAttribute("rel") ?? "", StringComparison.Ordinal);
            }
        }
    }
}

public sealed class ConfiguredHelplineTests(ConfiguredHelplineTests.LocalFactory factory) : IClassFixture<ConfiguredHelplineTests.LocalFactory>
{
    /// <summary>A network that lists its own local line and its own exit page.</summary>
    public sealed class LocalFactory : HearthFactory
    {
        protected override bool SeedDemo => false;

        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Hearth:Safety:ExitUrl"] = "https://www.example.org/",
            ["Hearth:Safety:Helplines:4:Phone"] = "0800 132 737",
            ["Hearth:Safety:Helplines:4:Name:en-GB"] = "C.A.L.L. Helpline",
            ["Hearth:Safety:Helplines:4:Name:cy-GB"] = "Llinell Gymorth C.A.L.L.",
            ["Hearth:Safety:Helplines:4:Description:en-GB"] = "Mental health listening line for Wales.",
            ["Hearth:Safety:Helplines:4:Description:cy-GB"] = "Llinell wrando iechyd meddwl i Gymru.",
        };
    }

    [Fact]
    public async Task Helplines_and_exit_page_come_from_configuration()
    {
        var client = factory.CreateBrowserLikeClient();
        var english = await client.GetDocumentAsync("/help-now");
        var welsh = await client.GetDocumentAsync("/help-now?culture=cy-GB");

        Assert.Equal("Call 0800 132 737", english.QuerySelector("a[href='tel:0800132737']")!.Text());
        Assert.Contains("C.A.L.L. Helpline", english.MainText(), StringComparison.Ordinal);
        Assert.Contains("Llinell Gymorth C.A.L.L.", welsh.MainText(), StringComparison.Ordinal);
        Assert.Equal("https://www.example.org/", english.QuerySelector("a[data-exit]")!.GetAttribute("href"));
    }
}
