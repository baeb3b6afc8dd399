using System.Net;
using Hearth.Web.Features.Accounts;

namespace Hearth.Tests.Features.Accounts;

public sealed class SignOutTests(AccountsFactory factory) : IClassFixture<AccountsFactory>
{
    [Fact]
    public async Task Signing_out_ends_the_session_on_the_server_so_a_copied_cookie_stops_working()
    {
        var person = await factory.NewConfirmedPersonAsync();
        var client = factory.CreateBrowserLikeClient();
        string cookie;
        using (var signIn = await client.PostSignInAsync(person.Email, person.Password))
        {
            cookie = signIn.SetCookie("__Host-hearth-session").Split(';')[0];
        }

        using (var before = await factory.GetWithCookieAsync("/account", cookie))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        // The sign-out button in the header of every signed-in page.
        using var signOut = await client.PostFormAsync("/account", Forms.NoFields, "header form[method=post]");
        Assert.Equal("/account/signed-out", signOut.RedirectTarget());

        using var replayed = await factory.GetWithCookieAsync("/account", cookie);
        Assert.StartsWith("/account/sign-in?returnUrl=", replayed.RedirectTarget(), StringComparison.Ordinal);
        var user = await factory.FindUserAsync(person.Email);
        Assert.NotNull(Assert.Single(await factory.SessionsAsync(user.Id)).EndedAt);
        Assert.Contains(SecurityEventKind.SignedOut, await factory.SecurityEventsAsync(user.Id));
    }

    [Fact]
    public async Task Opening_the_sign_out_page_asks_first_and_signs_nobody_out()
    {
        var client = await factory.SignInAsync(await factory.NewConfirmedPersonAsync());

        var page = await client.GetDocumentAsync("/account/sign-out");

        Assert.Equal("Sign out", page.QuerySelector("main form[method=post] button")!.Text());
        using var account = await client.GetAsync(new Uri("/account", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, account.StatusCode);
    }

    [Fact]
    public async Task After_signing_out_the_browser_is_anonymous_again()
    {
        var client = await factory.SignInAsync(await factory.NewConfirmedPersonAsync());

        using var signOut = await client.PostFormAsync("/account/sign-out", Forms.NoFields);
        var signedOut = await client.GetDocumentAsync(signOut.RedirectTarget());

        Assert.Equal("You have signed out", signedOut.Heading());
        Assert.NotNull(signedOut.QuerySelector("header a[href='/account/sign-in']"));
        using var account = await client.GetAsync(new Uri("/account", UriKind.Relative));
        Assert.StartsWith("/account/sign-in", account.RedirectTarget(), StringComparison.Ordinal);
    }
}
