using System.Net;
using Microsoft.AspNetCore.WebUtilities;

namespace Hearth.Tests.Features.Accounts;

public sealed class AuthorizationTests(AccountsFactory factory) : IClassFixture<AccountsFactory>
{
    [Theory]
    [InlineData("/account")]
    [InlineData("/account/password")]
    [InlineData("/account/email")]
    [InlineData("/account/sessions")]
    [InlineData("/account/activity")]
    [InlineData("/account/two-factor")]
    [InlineData("/account/passkeys")]
    [InlineData("/account/notifications")]
    [InlineData("/account/consent")]
    [InlineData("/account/export")]
    [InlineData("/account/delete")]
    [InlineData("/admin/people")]
    public async Task A_signed_in_page_sends_an_anonymous_visitor_to_sign_in_and_back(string url)
    {
        using var response = await factory.CreateBrowserLikeClient().GetAsync(new Uri(url, UriKind.Relative));

        AssertSentToSignIn(response, url);
    }

    [Fact]
    public async Task Signing_out_without_being_signed_in_is_sent_to_sign_in()
    {
        using var content = new FormUrlEncodedContent([]);
        using var response = await factory.CreateBrowserLikeClient().PostAsync(new Uri("/account/sign-out", UriKind.Relative), content);

        AssertSentToSignIn(response, "/account/sign-out");
    }

    [Theory]
    [InlineData("/account/sign-in")]
    [InlineData("/account/register")]
    [InlineData("/account/check-your-email")]
    [InlineData("/account/confirm-email")]
    [InlineData("/account/resend-confirmation")]
    [InlineData("/account/forgot-password")]
    [InlineData("/account/reset-password")]
    [InlineData("/account/confirm-email-change")]
    [InlineData("/account/signed-out")]
    public async Task Pages_for_getting_into_an_account_are_open_to_everyone(string url)
    {
        var page = await factory.CreateBrowserLikeClient().GetDocumentAsync(url);

        Assert.False(string.IsNullOrWhiteSpace(page.Heading()));
    }

    [Fact]
    public async Task A_member_who_is_not_an_admin_is_turned_away_from_admin_pages()
    {
        var client = await factory.SignInAsync(await factory.NewConfirmedPersonAsync());

        using var response = await client.GetAsync(new Uri("/admin/people", UriKind.Relative));

        Assert.StartsWith("/account/access-denied", response.RedirectTarget(), StringComparison.Ordinal);
        var denied = await client.GetDocumentAsync(response.RedirectTarget(), HttpStatusCode.Forbidden);
        Assert.Equal("You cannot see this page", denied.Heading());
    }

    private static void AssertSentToSignIn(HttpResponseMessage response, string returnUrl)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var target = response.RedirectTarget().Split('?', 2);
        Assert.Equal("/account/sign-in", target[0]);
        Assert.Equal(returnUrl, QueryHelpers.ParseQuery(target.Length > 1 ? target[1] : "")["returnUrl"].ToString());
    }
}
