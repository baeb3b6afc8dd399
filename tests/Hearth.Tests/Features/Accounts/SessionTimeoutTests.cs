using System.Net;

namespace Hearth.Tests.Features.Accounts;

/// <summary>Sessions over time, on a clock the tests move forward instead of waiting.</summary>
public sealed class SessionTimeoutTests(ClockFactory factory) : IClassFixture<ClockFactory>
{
    [Fact]
    public async Task A_session_left_unused_for_more_than_an_hour_ends()
    {
        var person = await factory.NewConfirmedPersonAsync();
        var client = await factory.SignInAsync(person);

        factory.Clock.Advance(TimeSpan.FromMinutes(61));
        using var response = await client.GetAsync(new Uri("/account", UriKind.Relative));

        Assert.StartsWith("/account/sign-in", response.RedirectTarget(), StringComparison.Ordinal);
        var session = Assert.Single(await factory.SessionsAsync((await factory.FindUserAsync(person.Email)).Id));
        Assert.NotNull(session.EndedAt);
    }

    [Fact]
    public async Task A_session_in_use_stays_signed_in_after_identity_checks_the_security_stamp_again()
    {
        // Identity re-checks the security stamp once a minute and then rebuilds the signed-in principal;
        // the session must survive that, or everyone is signed out a minute after signing in.
        var client = await factory.SignInAsync(await factory.NewConfirmedPersonAsync());

        for (var round = 1; round <= 3; round++)
        {
            factory.Clock.Advance(TimeSpan.FromMinutes(2));
            using var response = await client.GetAsync(new Uri("/account", UriKind.Relative));
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"Request {round}, {round * 2} minutes after signing in, answered {(int)response.StatusCode} {response.Headers.Location}.");
        }
    }

    [Fact]
    public async Task A_session_ends_a_day_after_sign_in_however_busy()
    {
        var person = await factory.NewConfirmedPersonAsync();
        var client = await factory.SignInAsync(person);

        // 24 rounds of 59 minutes is 23 h 36 min: still inside the day.
        for (var round = 0; round < 24; round++)
        {
            factory.Clock.Advance(TimeSpan.FromMinutes(59));
            using var busy = await client.GetAsync(new Uri("/account", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, busy.StatusCode);
        }

        factory.Clock.Advance(TimeSpan.FromMinutes(59));
        using var response = await client.GetAsync(new Uri("/account", UriKind.Relative));

        Assert.StartsWith("/account/sign-in", response.RedirectTarget(), StringComparison.Ordinal);
    }
}
