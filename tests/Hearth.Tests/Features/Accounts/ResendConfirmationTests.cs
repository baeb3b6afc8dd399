namespace Hearth.Tests.Features.Accounts;

public sealed class ResendConfirmationTests(AccountsFactory factory) : IClassFixture<AccountsFactory>
{
    [Fact]
    public async Task A_new_link_goes_only_to_an_account_waiting_for_confirmation_and_the_answer_is_always_the_same()
    {
        var waiting = Person.Unique();
        await factory.RegisterAsync(waiting);
        var confirmed = await factory.NewConfirmedPersonAsync();
        var stranger = Person.Unique().Email;
        var client = factory.CreateBrowserLikeClient();

        var answers = new List<string>();
        foreach (var address in new[] { stranger, confirmed.Email, waiting.Email })
        {
            using var response = await client.PostFormAsync("/account/resend-confirmation", new Dictionary<string, string> { ["Email"] = address });
            answers.Add((await response.ReadDocumentAsync()).MainText());
        }

        Assert.Contains("If that address has an account that still needs confirming, we have sent a new link to it.", answers[0], StringComparison.Ordinal);
        Assert.All(answers, answer => Assert.Equal(answers[0], answer));
        await Mailbox.WaitForAllAsync(factory.MailFolder, waiting.Email, People.ConfirmSubject, 2);
        // Mail goes out in order: anything for the other two would be here by now.
        var all = Mailbox.ReadAll(factory.MailFolder);
        Assert.DoesNotContain(all, m => m.IsTo(stranger));
        Assert.Single(all, m => m.IsTo(confirmed.Email));
    }
}
