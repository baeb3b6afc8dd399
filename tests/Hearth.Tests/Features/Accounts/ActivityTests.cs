namespace Hearth.Tests.Features.Accounts;

public sealed class ActivityTests(AccountsFactory factory) : IClassFixture<AccountsFactory>
{
    private static readonly string[] NewAccountActivity =
        ["Signed in", "Email address confirmed", "Permission for health information given", "Account created"];

    [Fact]
    public async Task Activity_lists_the_persons_own_security_events_newest_first()
    {
        var person = await factory.NewConfirmedPersonAsync();
        var someoneElse = await factory.NewConfirmedPersonAsync();
        using (var failed = await factory.CreateBrowserLikeClient().PostSignInAsync(someoneElse.Email, "not the right passphrase"))
        {
            Assert.Equal("The email address or password is not right", (await failed.ReadDocumentAsync()).FieldError("Input_Email"));
        }

        var client = await factory.SignInAsync(person);
        var page = await client.GetDocumentAsync("/account/activity");

        var what = page.QuerySelectorAll("main table tbody tr").Select(row => row.QuerySelectorAll("td")[1].Text()).ToList();
        Assert.Equal(NewAccountActivity, what);
    }
}
