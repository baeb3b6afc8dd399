using System.Net;
using System.Xml.Linq;

namespace Hearth.Tests.Features.Localisation;

public sealed class LanguageTests(HearthFactory factory) : IClassFixture<HearthFactory>
{
    [Fact]
    public async Task Culture_query_shows_the_page_in_welsh_and_html_lang_follows()
    {
        var client = factory.CreateBrowserLikeClient();
        var page = await client.GetDocumentAsync("/?culture=cy-GB");

        Assert.Equal("cy", page.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Grwpiau cymorth gan gymheiriaid yn agos atoch chi ac ar-lein", page.QuerySelector("h1")!.Text());
        Assert.Equal("Angen help nawr?", page.QuerySelector(".safety-bar a[href='/help-now']")!.Text());
    }

    [Fact]
    public async Task Language_switch_sets_a_host_prefixed_cookie_that_later_pages_follow()
    {
        var client = factory.CreateBrowserLikeClient();
        var home = await client.GetDocumentAsync("/about");
        var toWelsh = home.QuerySelector("nav.language a[lang='cy']")!.GetAttribute("href")!;
        Assert.Equal("Cymraeg", home.QuerySelector("nav.language a[lang='cy']")!.Text());

        using var switched = await client.GetAsync(new Uri(toWelsh, UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        Assert.Equal("/about", switched.Headers.Location!.OriginalString);
        var cookie = Assert.Single(switched.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith("__Host-hearth-language=", cookie, StringComparison.Ordinal);
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("domain=", cookie, StringComparison.OrdinalIgnoreCase);

        var about = await client.GetDocumentAsync("/about");
        Assert.Equal("cy", about.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Am Hearth", about.QuerySelector("h1")!.Text());
        Assert.Equal("true", about.QuerySelector("nav.language a[lang='cy']")!.GetAttribute("aria-current"));

        using var back = await client.GetAsync(new Uri("/language/en-GB?returnUrl=/about", UriKind.Relative));
        Assert.Equal("en", (await client.GetDocumentAsync("/about")).DocumentElement.GetAttribute("lang"));
    }

    [Theory]
    [InlineData("/?culture=xx-ZZ")]
    [InlineData("/?culture=not%20a%20culture")]
    [InlineData("/?culture=fr-FR")]
    public async Task Unknown_culture_in_the_query_gives_english_without_error(string url)
    {
        var client = factory.CreateBrowserLikeClient();
        var page = await client.GetDocumentAsync(url);

        Assert.Equal("en", page.DocumentElement.GetAttribute("lang"));
    }

    [Fact]
    public async Task Unknown_culture_in_the_cookie_gives_english_without_error()
    {
        var client = factory.CreateBrowserLikeClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/help-now");
        request.Headers.Add("Cookie", "__Host-hearth-language=c%3Dzz-ZZ%7Cuic%3Dzz-ZZ");
        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("en", Html.Parse(await response.Content.ReadAsStringAsync()).DocumentElement.GetAttribute("lang"));
    }

    [Theory]
    [InlineData("https://elsewhere.example/")]
    [InlineData("//elsewhere.example/")]
    [InlineData("/\\elsewhere.example/")]
    public async Task Language_switch_never_sends_a_person_to_another_site(string returnUrl)
    {
        var client = factory.CreateBrowserLikeClient();
        using var response = await client.GetAsync(new Uri($"/language/cy-GB?returnUrl={Uri.EscapeDataString(returnUrl)}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public void Every_english_string_has_a_welsh_translation()
    {
        var english = ReadResx("Strings.resx");
        var welsh = ReadResx("Strings.cy-GB.resx");

        Assert.NotEmpty(english);
        Assert.Empty(english.Keys.Except(welsh.Keys));
        Assert.Empty(welsh.Keys.Except(english.Keys));
        Assert.All(welsh, pair => Assert.False(string.IsNullOrWhiteSpace(pair.Value), $"{pair.Key} is empty in Welsh."));
        // Placeholders must survive translation.
        foreach (var (key, text) in english)
        {
            for (var i = 0; i < 5; i++)
            {
                var placeholder = "{" + i + "}";
                Assert.True(text.Contains(placeholder, StringComparison.Ordinal) == welsh[key].Contains(placeholder, StringComparison.Ordinal), $"{key}: {placeholder} differs between languages.");
            }
        }
    }

    internal static Dictionary<string, string> ReadResx(string file)
    {
        var path = Path.Combine(Repository.Root, "src", "Hearth.Web", "Resources", file);
        return XDocument.Load(path).Root!.Elements("data")
            .ToDictionary(d => d.Attribute("name")!.Value, d => d.Element("value")!.Value, StringComparer.Ordinal);
    }
}
