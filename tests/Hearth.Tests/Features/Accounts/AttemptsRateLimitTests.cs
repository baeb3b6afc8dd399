using System.Net;

namespace Hearth.Tests.Features.Accounts;

public sealed class AttemptsRateLimitTests(AttemptsRateLimitTests.ThreeAttemptsFactory factory) : IClassFixture<AttemptsRateLimitTests.ThreeAttemptsFactory>
{
    /// <summary>An operator's setting of three sign-in, registration and reset attempts a minute from one address.</summary>
    public sealed class ThreeAttemptsFactory : HearthFactory
    {
        protected override bool SeedDemo => false;

        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Hearth:Accounts:AttemptsPerMinute"] = "3",
        };
    }

    [Fact]
    public async Task The_fourth_sign_in_attempt_in_a_minute_is_told_to_wait_while_reading_the_page_never_is()
    {
        var client = factory.CreateBrowserLikeClient();
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            using var allowed = await client.PostSignInAsync("nobody@example.invalid", "not a real passphrase");
            Assert.Equal("The email address or password is not right", (await allowed.ReadDocumentAsync()).FieldError("Input_Email"));
        }

        using var limited = await client.PostSignInAsync("nobody@example.invalid", "not a real passphrase");

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.NotNull(limited.Headers.RetryAfter);
        Assert.Contains("Please wait a moment", await limited.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        for (var read = 1; read <= 5; read++)
        {
            using var page = await client.GetAsync(new Uri("/account/sign-in", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        }
    }
}
