using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Hearth.Tests.Features.Errors;

public sealed class ErrorPageTests(ErrorPageTests.FailingFactory factory) : IClassFixture<ErrorPageTests.FailingFactory>
{
    /// <summary>Hearth plus one route that fails, standing in for any bug.</summary>
    public sealed class FailingFactory : HearthFactory
    {
        protected override bool SeedDemo => false;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(services => services.AddSingleton<IStartupFilter, FailingRoute>());
        }

        private sealed class FailingRoute : IStartupFilter
        {
            public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
            {
                next(app);
                app.Map("/test/fail", failing => failing.Run(_ => throw new InvalidOperationException("secret internal detail")));
            };
        }
    }

    [Fact]
    public async Task Unknown_page_shows_a_friendly_not_found_page_with_a_reference()
    {
        var client = factory.CreateBrowserLikeClient();
        var page = await client.GetDocumentAsync("/no-such-page", HttpStatusCode.NotFound);

        Assert.Equal("Page not found", page.QuerySelector("h1")!.Text());
        Assert.False(string.IsNullOrWhiteSpace(page.QuerySelector("main code.reference")?.TextContent));
        Assert.NotNull(page.QuerySelector("a[href='/help-now']"));
    }

    [Fact]
    public async Task Not_found_page_speaks_welsh_when_asked()
    {
        var client = factory.CreateBrowserLikeClient();
        var page = await client.GetDocumentAsync("/no-such-page?culture=cy-GB", HttpStatusCode.NotFound);

        Assert.Equal("cy", page.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Heb ddod o hyd i'r dudalen", page.QuerySelector("h1")!.Text());
    }

    [Fact]
    public async Task A_failure_shows_a_friendly_page_with_a_reference_and_no_stack_trace()
    {
        var client = factory.CreateBrowserLikeClient();
        using var response = await client.GetAsync(new Uri("/test/fail", UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        var page = Html.Parse(body);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("Sorry, something went wrong", page.QuerySelector("h1")!.Text());
        var reference = page.QuerySelector("main code.reference")!.TextContent;
        Assert.Matches("^[0-9a-f]{32}$|^[0-9A-Z:]+$", reference);
        Assert.DoesNotContain("secret internal detail", body, StringComparison.Ordinal);
        Assert.DoesNotContain("InvalidOperationException", body, StringComparison.Ordinal);
        Assert.DoesNotContain(" at Hearth", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failed_post_also_gets_the_friendly_page()
    {
        var client = factory.CreateBrowserLikeClient();
        using var response = await client.PostAsync(new Uri("/test/fail", UriKind.Relative), new FormUrlEncodedContent([]));
        var page = Html.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("Sorry, something went wrong", page.QuerySelector("h1")!.Text());
    }
}
