using System.Net;
using System.Text.Json;

namespace Hearth.Tests.Features.Health;

public sealed class HealthTests(HearthFactory factory) : IClassFixture<HearthFactory>
{
    [Fact]
    public async Task Healthz_reports_a_reachable_database()
    {
        using var response = await factory.CreateBrowserLikeClient().GetAsync(new Uri("/healthz", UriKind.Relative));
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", json.RootElement.GetProperty("database").GetString());
    }
}

public sealed class UnreachableHealthTests(UnreachableHealthTests.EmptyFactory factory) : IClassFixture<UnreachableHealthTests.EmptyFactory>
{
    public sealed class EmptyFactory : HearthFactory
    {
        protected override bool SeedDemo => false;
    }

    [Fact]
    public async Task Healthz_reports_503_without_detail_when_the_database_is_unreachable()
    {
        var client = factory.CreateBrowserLikeClient();
        await factory.Database.MakeUnreachableAsync();

        using var response = await client.GetAsync(new Uri("/healthz", UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        using var json = JsonDocument.Parse(body);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("Unhealthy", json.RootElement.GetProperty("database").GetString());
        Assert.DoesNotContain("hearth_test", body, StringComparison.Ordinal);
        Assert.DoesNotContain("/tmp", body, StringComparison.Ordinal);
    }
}
