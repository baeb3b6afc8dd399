using System.Net;
using Hearth.Web.Features.Accounts;

namespace Hearth.Tests.Features.Accounts;

public sealed class SignInTests(AccountsFactory factory) : IClassFixture<AccountsFactory>
{
    private const string Wrong = "The email address or password is not right";

    private const string WrongPassword = "not the right passphrase";

    [Fact]
    public async Task A_confirmed_person_signs_in_with_a_host_prefixed_session_cookie_a_server_session_and_an_event()
    {
        var person = await factory.NewConfirmedPersonAsync();
        var client = factory.CreateBrowserLikeClient();

        using var response = await client.PostSignInAsync(person.Email, person.Password);

        Assert.Equal("/account", response.RedirectTarget());
        var cookie = response.SetCookie("__Host-hearth-session");
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("domain=", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("expires=", cookie, StringComparison.OrdinalIgnoreCase);

        var user = await factory.FindUserAsync(person.Email);
        var session = Assert.Single(await factory.SessionsAsync(user.Id));
        Assert.Null(session.EndedAt);
        Assert.Contains(SecurityEventKind.SignedIn, await factory.SecurityEventsAsync(user.Id));

        var account = await client.GetDocumentAsync("/account");
        Assert.Contains(person.DisplayName, account.MainText(), StringComparison.Ordinal);
        Assert.Contains(person.Email, account.MainText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_email_and_a_wrong_password_get_exactly_the_same_answer()
    {
        var person = await factory.NewConfirmedPersonAsync();
        var client = factory.CreateBrowserLikeClient();

        using var unknown = await client.PostSignInAsync(Person.Unique().Email, person.Password);
        using var wrong = await client.PostSignInAsync(person.Email, WrongPassword);
        var unknownPage = await unknown.ReadDocumentAsync();
        var wrongPage = await wrong.ReadDocumentAsync();

        Assert.Equal(Wrong, unknownPage.FieldError("Input_Email"));
        Assert.Equal(unknownPage.FieldError("Input_Email"), wrongPage.FieldError("Input_Email"));
        Assert.Equal(unknownPage.FieldError("Input_Password"), wrongPage.FieldError("Input_Password"));
        Assert.Equal(unknownPage.MainText(), wrongPage.MainText());
        Assert.Contains(SecurityEventKind.SignInFailed, await factory.SecurityEventsAsync((await factory.FindUserAsync(person.Email)).Id));
    }

    [Fact]
    public async Task An_unconfirmed_account_with_the_right_password_is_asked_to_confirm_and_sent_a_new_link()
    {
        var person = Person.Unique();
        await factory.RegisterAsync(person);
        await Mailbox.WaitForAsync(factory.MailFolder, person.Email, People.ConfirmSubject);

        using var response = await factory.CreateBrowserLikeClient().PostSignInAsync(person.Email, person.Password);
        var page = await response.ReadDocumentAsync();

        Assert.Equal("Confirm your email address first. We have sent you a new link", page.FieldError("Input_Email"));
        var links = await Mailbox.WaitForAllAsync(factory.MailFolder, person.Email, People.ConfirmSubject, 2);
        Assert.Equal(2, links.Count);
        Assert.Empty(await factory.SessionsAsync((await factory.FindUserAsync(person.Email)).Id));
    }

    [Fact]
    public async Task An_unconfirmed_account_with_a_wrong_password_gets_the_same_answer_as_an_unknown_email()
    {
        var person = Person.Unique();
        await factory.RegisterAsync(person);
        var client = factory.CreateBrowserLikeClient();

        using var unknown = await client.PostSignInAsync(Person.Unique().Email, WrongPassword);
        using var wrong = await client.PostSignInAsync(person.Email, WrongPassword);
        var wrongPage = await wrong.ReadDocumentAsync();

        // Anything else would tell a stranger that this address has an account.
        Assert.Equal(Wrong, wrongPage.FieldError("Input_Email"));
        Assert.Equal((await unknown.ReadDocumentAsync()).MainText(), wrongPage.MainText());
    }

    [Fact]
    public async Task Five_wrong_passwords_pause_the_account_with_the_same_message_an_event_and_an_email()
    {
        var person = await factory.NewConfirmedPersonAsync();
        var client = factory.CreateBrowserLikeClient();
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            using var wrong = await client.PostSignInAsync(person.Email, $"{WrongPassword} {attempt}");
            Assert.Equal(Wrong, (await wrong.ReadDocumentAsync()).FieldError("Input_Email"));
        }

        using var right = await client.PostSignInAsync(person.Email, person.Password);
        using var unknown = await client.PostSignInAsync(Person.Unique().Email, person.Password);
        var rightPage = await right.ReadDocumentAsync();

        Assert.Equal(Wrong, rightPage.FieldError("Input_Email"));
        Assert.Equal((await unknown.ReadDocumentAsync()).MainText(), rightPage.MainText());
        var user = await factory.FindUserAsync(person.Email);
        Assert.True(user.LockoutEnd > DateTimeOffset.UtcNow, $"The account should be locked out, LockoutEnd is {user.LockoutEnd}.");
        Assert.Contains(SecurityEventKind.LockedOut, await factory.SecurityEventsAsync(user.Id));
        Assert.Empty(await factory.SessionsAsync(user.Id));
        var email = await Mailbox.WaitForAsync(factory.MailFolder, person.Email, "paused");
        Assert.Equal("Your Hearth account is paused for 15 minutes", email.Subject);
        Assert.StartsWith("https://hearth.test/account/forgot-password", Mailbox.FirstLink(email.Body), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/account/sessions", "/account/sessions")]
    [InlineData("https://evil.example/", "/account")]
    [InlineData("//evil.example/", "/account")]
    public async Task Signing_in_returns_to_the_page_asked_for_but_never_to_another_site(string returnUrl, string expected)
    {
        var person = await factory.NewConfirmedPersonAsync();

        using var response = await factory.CreateBrowserLikeClient().PostFormAsync(
            $"/account/sign-in?returnUrl={Uri.EscapeDataString(returnUrl)}",
            new Dictionary<string, string> { ["Input.Email"] = person.Email, ["Input.Password"] = person.Password });

        Assert.Equal(expected, response.RedirectTarget());
    }

    [Fact]
    public async Task Signed_in_pages_tell_browsers_and_proxies_not_to_store_them()
    {
        var client = await factory.SignInAsync(await factory.NewConfirmedPersonAsync());

        foreach (var url in new[] { "/account", "/account/sessions", "/account/activity", "/about" })
        {
            using var response = await client.GetAsync(new Uri(url, UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.True(response.Headers.CacheControl is { NoStore: true }, $"{url} is sent with Cache-Control: {response.Headers.CacheControl}");
        }
    }
}
