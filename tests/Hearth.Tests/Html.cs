using AngleSharp;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace Hearth.Tests;

/// <summary>Fetches pages the way a person's browser would and parses what they would see.</summary>
public static class Html
{
    private static readonly HtmlParser Parser = new();

    public static async Task<IDocument> GetDocumentAsync(this HttpClient client, string url, System.Net.HttpStatusCode expected = System.Net.HttpStatusCode.OK)
    {
        using var response = await client.GetAsync(new Uri(url, UriKind.RelativeOrAbsolute));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"GET {url} answered {(int)response.StatusCode}, expected {(int)expected}: {body[..Math.Min(body.Length, 500)]}");
        return Parser.ParseDocument(body);
    }

    public static IDocument Parse(string html) => Parser.ParseDocument(html);

    /// <summary>The visible text with runs of white space collapsed, for readable assertions.</summary>
    public static string Text(this IElement element) => string.Join(' ', element.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    public static string MainText(this IDocument document) => document.QuerySelector("main")!.Text();

    /// <summary>
    /// Every page reachable by following links on this site from the home page, in one language.
    /// Later features' pages join automatically as soon as something links to them.
    /// </summary>
    public static async Task<IReadOnlyList<(string Url, HttpResponseMessage Response, IDocument Document)>> CrawlAsync(HttpClient client, string culture = "en-GB", int limit = 200)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal) { "/" };
        var queue = new Queue<string>(["/"]);
        var pages = new List<(string, HttpResponseMessage, IDocument)>();
        while (queue.Count > 0 && pages.Count < limit)
        {
            var path = queue.Dequeue();
            var separator = path.Contains('?', StringComparison.Ordinal) ? '&' : '?';
            var response = await client.GetAsync(new Uri($"{path}{separator}culture={culture}", UriKind.Relative));
            // Follow same-site redirects as a browser would (a members-only link leads to sign-in).
            for (var hops = 0; hops < 5 && (int)response.StatusCode is >= 300 and < 400 && SameSite(client, response.Headers.Location) is { } next; hops++)
            {
                response = await client.GetAsync(next);
            }

            if (response.Content.Headers.ContentType?.MediaType != "text/html")
            {
                // Feeds and downloads (calendar.ics...) are not pages; their own tests read them.
                continue;
            }

            var document = Parser.ParseDocument(await response.Content.ReadAsStringAsync());
            pages.Add((path, response, document));
            foreach (var link in document.QuerySelectorAll("a[href]").Select(a => a.GetAttribute("href")!))
            {
                if (link.StartsWith('/') && !link.StartsWith("//", StringComparison.Ordinal) && !link.StartsWith("/language/", StringComparison.Ordinal))
                {
                    var target = link.Split('#')[0];
                    if (target.Length > 0 && seen.Add(target))
                    {
                        queue.Enqueue(target);
                    }
                }
            }
        }

        return pages;
    }

    private static Uri? SameSite(HttpClient client, Uri? location) =>
        location is null ? null
        : !location.IsAbsoluteUri ? (location.OriginalString.StartsWith('/') ? location : null)
        : location.Host == client.BaseAddress?.Host ? new Uri(location.PathAndQuery, UriKind.Relative)
        : null;
}
