using System.Net;

namespace Hearth.Tests.Features.Security;

public sealed class RateLimitTests(RateLimitTests.StrictFactory factory) : IClassFixture<RateLimitTests.StrictFactory>
{
    public sealed class StrictFactory : HearthFactory
    {
        protected override bool SeedDemo => false;

        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Hearth:RateLimit:PermitsPerSecond", "1");
            builder.UseSetting("Hearth:RateLimit:Burst", "3");
        }
    }

    [Fact]
    public async Task Too_many_requests_get_a_wait_message_that_still_shows_where_to_get_help()
    {
        var client = factory.CreateBrowserLikeClient();
        HttpResponseMessage? limited = null;
        for (var i = 0; i < 10 && limited is null; i++)
        {
            var response = await client.GetAsync(new Uri("/about", UriKind.Relative));
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                limited = response;
            }
        }

        Assert.NotNull(limited);
        Assert.True(limited.Headers.RetryAfter is not null, "A limited response says when to try again.");
        var body = await limited.Content.ReadAsStringAsync();
        Assert.Contains("Please wait a moment", body, StringComparison.Ordinal);
        Assert.Contains("href=\"/help-now\"", body, StringComparison.Ordinal);
        Assert.Contains("tel:116123", body, StringComparison.Ordinal);

        using var help = await client.GetAsync(new Uri("/help-now", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, help.StatusCode);
    }
}
