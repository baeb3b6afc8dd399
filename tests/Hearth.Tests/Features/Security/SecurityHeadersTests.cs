using System.Net;
using Microsoft.Extensions.DependencyInjection;

namespace Hearth.Tests.Features.Security;

public sealed class SecurityHeadersTests(HearthFactory factory) : IClassFixture<HearthFactory>
{
    /// <summary>Link types that make the browser fetch something (a canonical or alternate link does not).</summary>
    private static readonly HashSet<string> LoadingRels = new(["stylesheet", "icon", "preload", "prefetch", "modulepreload", "manifest", "apple-touch-icon"], StringComparer.OrdinalIgnoreCase);

    [Fact]
    public async Task Every_page_sends_the_security_headers()
    {
        var client = factory.CreateBrowserLikeClient();
        var pages = await Html.CrawlAsync(client);
        Assert.True(pages.Count >= 5, $"The crawl found only {pages.Count} pages.");

        foreach (var (url, response, _) in pages)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            AssertSecurityHeaders(url, response);
        }
    }

    [Fact]
    public async Task Error_responses_keep_the_security_headers()
    {
        var client = factory.CreateBrowserLikeClient();
        using var response = await client.GetAsync(new Uri("/no-such-page", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        AssertSecurityHeaders("/no-such-page", response);
    }

    [Fact]
    public async Task Strict_transport_security_is_sent_over_https_outside_development()
    {
        var client = factory.CreateBrowserLikeClient();
        using var response = await client.GetAsync(new Uri("/", UriKind.Relative));

        var hsts = Assert.Single(response.Headers.GetValues("Strict-Transport-Security"));
        Assert.Contains("max-age=31536000", hsts, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_page_loads_anything_from_another_host()
    {
        var client = factory.CreateBrowserLikeClient();
        foreach (var culture in new[] { "en-GB", "cy-GB" })
        {
            foreach (var (url, _, document) in await Html.CrawlAsync(client, culture))
            {
                var loaded = document.QuerySelectorAll("script[src], img[src], iframe[src], source[src], video[src], audio[src]").Select(e => e.GetAttribute("src")!)
                    .Concat(document.QuerySelectorAll("link[href]").Where(e => LoadingRels.Contains(e.GetAttribute("rel") ?? "")).Select(e => e.GetAttribute("href")!))
                    .Concat(document.QuerySelectorAll("form[action]").Select(e => e.GetAttribute("action")!));
                foreach (var address in loaded)
                {
                    Assert.True(address.StartsWith('/') && !address.StartsWith("//", StringComparison.Ordinal), $"{url} loads {address} from another host.");
                }

                // Inline scripts are refused by the CSP; JSON-LD is data the browser never runs.
                Assert.Empty(document.QuerySelectorAll("script:not([src]):not([type='application/ld+json'])"));
                Assert.Empty(document.QuerySelectorAll("[style]"));
            }
        }
    }

    [Fact]
    public async Task Every_form_that_posts_carries_an_antiforgery_token()
    {
        var client = factory.CreateBrowserLikeClient();
        foreach (var (url, _, document) in await Html.CrawlAsync(client))
        {
            foreach (var form in document.QuerySelectorAll("form"))
            {
                if (string.Equals(form.GetAttribute("method"), "post", StringComparison.OrdinalIgnoreCase))
                {
                    Assert.True(form.QuerySelector("input[name='__antiforgery']") is not null, $"A form on {url} posts without an antiforgery token.");
                }
            }
        }
    }

    [Fact]
    public void Antiforgery_cookie_is_host_prefixed_and_secure_outside_development()
    {
        var options = factory.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Antiforgery.AntiforgeryOptions>>().Value;

        Assert.StartsWith("__Host-", options.Cookie.Name, StringComparison.Ordinal);
        Assert.Equal(Microsoft.AspNetCore.Http.CookieSecurePolicy.Always, options.Cookie.SecurePolicy);
        Assert.Null(options.Cookie.Domain);
    }

    private static void AssertSecurityHeaders(string url, HttpResponseMessage response)
    {
        string Header(string name) =>
            response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
                ? string.Join(",", values)
                : throw new Xunit.Sdk.XunitException($"{url} has no {name} header.");

        var csp = Header("Content-Security-Policy");
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("default-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("object-src 'none'", csp, StringComparison.Ordinal);
        Assert.Equal("no-referrer", Header("Referrer-Policy"));
        Assert.Equal("nosniff", Header("X-Content-Type-Options"));
        var permissions = Header("Permissions-Policy");
        foreach (var feature in new[] { "camera=()", "microphone=()", "geolocation=()", "payment=()", "usb=()" })
        {
            Assert.Contains(feature, permissions, StringComparison.Ordinal);
        }
    }
}
