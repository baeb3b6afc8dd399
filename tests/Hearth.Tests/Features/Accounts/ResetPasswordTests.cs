using System.Net;
using Hearth.Web.Features.Accounts;

namespace Hearth.Tests.Features.Accounts;

public sealed class ResetPasswordTests(AccountsFactory factory) : IClassFixture<AccountsFactory>
{
    private const string Expired = "This link has expired or has already been used";

    [Fact]
    public async Task A_reset_link_sets_a_new_password_once_and_then_says_it_has_been_used()
    {
        var person = await factory.NewConfirmedPersonAsync();
        var link = await RequestResetLinkAsync(person.Email);
        var client = factory.CreateBrowserLikeClient();

        using var reset = await client.PostFormAsync(link, new Dictionary<string, string> { ["Password"] = People.NewPassword });

        Assert.Equal("Your password has been changed", (await reset.ReadDocumentAsync()).Heading());
        var again = await client.GetDocumentAsync(link);
        Assert.Equal(Expired, again.Heading());
        Assert.Null(again.QuerySelector("main form[method=post]"));

        await factory.SignInAsync(person.Email, People.NewPassword);
        using var withOldPassword = await factory.CreateBrowserLikeClient().PostSignInAsync(person.Email, person.Password);
        Assert.Equal("The email address or password is not right", (await withOldPassword.ReadDocumentAsync()).FieldError("Input_Email"));
        Assert.Contains(SecurityEventKind.PasswordReset, await factory.SecurityEventsAsync((await factory.FindUserAsync(person.Email)).Id));
    }

    [Fact]
    public async Task Resetting_the_password_signs_the_person_out_everywhere()
    {
        var person = await factory.NewConfirmedPersonAsync();
        var signedIn = await factory.SignInAsync(person);
        var link = await RequestResetLinkAsync(person.Email);

        using var reset = await factory.CreateBrowserLikeClient().PostFormAsync(link, new Dictionary<string, string> { ["Password"] = People.NewPassword });
        Assert.Equal("Your password has been changed", (await reset.ReadDocumentAsync()).Heading());

        using var next = await signedIn.GetAsync(new Uri("/account", UriKind.Relative));
        Assert.StartsWith("/account/sign-in", next.RedirectTarget(), StringComparison.Ordinal);
        Assert.All(await factory.SessionsAsync((await factory.FindUserAsync(person.Email)).Id), s => Assert.NotNull(s.EndedAt));
    }

    [Fact]
    public async Task A_common_new_password_is_refused_beside_the_field_and_the_link_still_works()
    {
        var person = await factory.NewConfirmedPersonAsync();
        var link = await RequestResetLinkAsync(person.Email);
        var client = factory.CreateBrowserLikeClient();

        using var common = await client.PostFormAsync(link, new Dictionary<string, string> { ["Password"] = "password1" });
        var page = await common.ReadDocumentAsync();
        Assert.Equal(
            "This password is one of the most common and easy to guess. Choose another, such as a few words you will remember",
            page.FieldError("Password"));

        using var good = await client.PostFormAsync(link, new Dictionary<string, string> { ["Password"] = People.NewPassword });
        Assert.Equal("Your password has been changed", (await good.ReadDocumentAsync()).Heading());
    }

    [Fact]
    public async Task A_reset_lifts_a_pause_after_too_many_wrong_passwords()
    {
        var person = await factory.NewConfirmedPersonAsync();
        var client = factory.CreateBrowserLikeClient();
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            using var wrong = await client.PostSignInAsync(person.Email, "not the right passphrase");
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        }

        var link = await RequestResetLinkAsync(person.Email);
        using var reset = await client.PostFormAsync(link, new Dictionary<string, string> { ["Password"] = People.NewPassword });
        Assert.Equal("Your password has been changed", (await reset.ReadDocumentAsync()).Heading());

        await factory.SignInAsync(person.Email, People.NewPassword);
    }

    private async Task<string> RequestResetLinkAsync(string email)
    {
        using var response = await factory.CreateBrowserLikeClient().PostFormAsync("/account/forgot-password", new Dictionary<string, string> { ["Email"] = email });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await factory.LinkFromEmailAsync(email, People.ResetSubject);
    }
}
