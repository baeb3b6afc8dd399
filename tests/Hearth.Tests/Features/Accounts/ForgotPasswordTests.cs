namespace Hearth.Tests.Features.Accounts;

public sealed class ForgotPasswordTests(AccountsFactory factory) : IClassFixture<AccountsFactory>
{
    [Fact]
    public async Task The_answer_is_the_same_for_an_address_with_an_account_and_one_without()
    {
        var person = await factory.NewConfirmedPersonAsync();
        var stranger = Person.Unique().Email;
        var client = factory.CreateBrowserLikeClient();

        using var forStranger = await client.PostFormAsync("/account/forgot-password", new Dictionary<string, string> { ["Email"] = stranger });
        using var forPerson = await client.PostFormAsync("/account/forgot-password", new Dictionary<string, string> { ["Email"] = person.Email });
        var strangerPage = await forStranger.ReadDocumentAsync();
        var personPage = await forPerson.ReadDocumentAsync();

        Assert.Equal(strangerPage.MainText(), personPage.MainText());
        Assert.Contains("If that address has an account, we have sent it a link.", personPage.MainText(), StringComparison.Ordinal);
        var email = await Mailbox.WaitForAsync(factory.MailFolder, person.Email, People.ResetSubject);
        Assert.StartsWith("https://hearth.test/account/reset-password?", Mailbox.FirstLink(email.Body), StringComparison.Ordinal);
        // Mail goes out in order: had anything been sent to the stranger, it would be here by now.
        Assert.DoesNotContain(Mailbox.ReadAll(factory.MailFolder), m => m.IsTo(stranger));
    }

    [Fact]
    public async Task An_account_still_waiting_for_confirmation_gets_no_reset_link()
    {
        var waiting = Person.Unique();
        await factory.RegisterAsync(waiting);
        var confirmed = await factory.NewConfirmedPersonAsync();
        var client = factory.CreateBrowserLikeClient();

        using var forWaiting = await client.PostFormAsync("/account/forgot-password", new Dictionary<string, string> { ["Email"] = waiting.Email });
        using var forConfirmed = await client.PostFormAsync("/account/forgot-password", new Dictionary<string, string> { ["Email"] = confirmed.Email });

        Assert.Equal((await forConfirmed.ReadDocumentAsync()).MainText(), (await forWaiting.ReadDocumentAsync()).MainText());
        await Mailbox.WaitForAsync(factory.MailFolder, confirmed.Email, People.ResetSubject);
        Assert.DoesNotContain(Mailbox.ReadAll(factory.MailFolder), m => m.IsTo(waiting.Email) && m.Subject.Contains(People.ResetSubject, StringComparison.Ordinal));
    }
}
