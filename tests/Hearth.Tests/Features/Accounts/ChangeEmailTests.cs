using Hearth.Web.Features.Accounts;

namespace Hearth.Tests.Features.Accounts;

public sealed class ChangeEmailTests(AccountsFactory factory) : IClassFixture<AccountsFactory>
{
    private const string ChangeSubject = "Confirm your new email address";

    [Fact]
    public async Task Changing_the_email_address_needs_the_current_password()
    {
        var person = await factory.NewConfirmedPersonAsync();
        var client = await factory.SignInAsync(person);
        var newAddress = Person.Unique().Email;

        using var refused = await client.PostFormAsync("/account/email", new Dictionary<string, string>
        {
            ["NewEmail"] = newAddress,
            ["CurrentPassword"] = "not my password at all",
        });
        var page = await refused.ReadDocumentAsync();

        Assert.Equal("Your current password is not right", page.FieldError("CurrentPassword"));
        Assert.Equal(newAddress, page.QuerySelector("#NewEmail")!.GetAttribute("value"));
        var user = await factory.FindUserAsync(person.Email);
        Assert.DoesNotContain(SecurityEventKind.EmailChangeRequested, await factory.SecurityEventsAsync(user.Id));

        // Asking properly for another address shows, by mail order, that nothing went to the first one.
        var otherAddress = Person.Unique().Email;
        using var accepted = await client.PostFormAsync("/account/email", new Dictionary<string, string>
        {
            ["NewEmail"] = otherAddress,
            ["CurrentPassword"] = person.Password,
        });
        await Mailbox.WaitForAsync(factory.MailFolder, otherAddress, ChangeSubject);
        Assert.DoesNotContain(Mailbox.ReadAll(factory.MailFolder), m => m.IsTo(newAddress));
    }

    [Fact]
    public async Task Confirming_the_link_sent_to_the_new_address_moves_the_account_and_tells_the_old_address()
    {
        var person = await factory.NewConfirmedPersonAsync();
        var client = await factory.SignInAsync(person);
        var newAddress = Person.Unique().Email;

        using var requested = await client.PostFormAsync("/account/email", new Dictionary<string, string>
        {
            ["NewEmail"] = newAddress,
            ["CurrentPassword"] = person.Password,
        });
        Assert.Contains("We have sent a link to the new address.", (await requested.ReadDocumentAsync()).MainText(), StringComparison.Ordinal);
        Assert.Equal(person.Email, (await factory.FindUserAsync(person.Email)).Email);

        var link = await factory.LinkFromEmailAsync(newAddress, ChangeSubject);
        Assert.Equal("Confirm your new email address", (await factory.CreateBrowserLikeClient().GetDocumentAsync(link)).Heading());
        Assert.Null(await factory.FindUserOrNullAsync(newAddress));
        using var confirmed = await factory.CreateBrowserLikeClient().PostFormAsync(link, Forms.NoFields);
        Assert.Equal("Your email address has been changed", (await confirmed.ReadDocumentAsync()).Heading());

        var user = await factory.FindUserAsync(newAddress);
        Assert.Equal(newAddress, user.Email);
        Assert.Equal(newAddress, user.UserName);
        Assert.True(user.EmailConfirmed);
        Assert.Null(await factory.FindUserOrNullAsync(person.Email));
        Assert.Contains(SecurityEventKind.EmailChanged, await factory.SecurityEventsAsync(user.Id));

        var notice = await Mailbox.WaitForAsync(factory.MailFolder, person.Email, "email address was changed");
        Assert.Equal("Your Hearth email address was changed", notice.Subject);
        Assert.DoesNotContain(newAddress, notice.Body, StringComparison.OrdinalIgnoreCase);

        using var withOldAddress = await factory.CreateBrowserLikeClient().PostSignInAsync(person.Email, person.Password);
        Assert.Equal("The email address or password is not right", (await withOldAddress.ReadDocumentAsync()).FieldError("Input_Email"));
        await factory.SignInAsync(newAddress, person.Password);
    }

    [Fact]
    public async Task The_link_to_the_new_address_works_once()
    {
        var person = await factory.NewConfirmedPersonAsync();
        var client = await factory.SignInAsync(person);
        var newAddress = Person.Unique().Email;
        using var requested = await client.PostFormAsync("/account/email", new Dictionary<string, string>
        {
            ["NewEmail"] = newAddress,
            ["CurrentPassword"] = person.Password,
        });
        var link = await factory.LinkFromEmailAsync(newAddress, ChangeSubject);
        using var first = await factory.CreateBrowserLikeClient().PostFormAsync(link, Forms.NoFields);
        Assert.Equal("Your email address has been changed", (await first.ReadDocumentAsync()).Heading());

        using var second = await factory.CreateBrowserLikeClient().PostFormAsync(link, Forms.NoFields);

        Assert.Equal("This link has expired or has already been used", (await second.ReadDocumentAsync()).Heading());
    }

    [Fact]
    public async Task Moving_to_an_address_that_has_an_account_answers_the_same_and_tells_only_that_address()
    {
        const string Robin = "robin@demo.hearth.invalid";
        var person = await factory.NewConfirmedPersonAsync();
        var client = await factory.SignInAsync(person);

        using var toRobin = await client.PostFormAsync("/account/email", new Dictionary<string, string>
        {
            ["NewEmail"] = Robin,
            ["CurrentPassword"] = person.Password,
        });
        using var toNewAddress = await client.PostFormAsync("/account/email", new Dictionary<string, string>
        {
            ["NewEmail"] = Person.Unique().Email,
            ["CurrentPassword"] = person.Password,
        });

        Assert.Equal((await toNewAddress.ReadDocumentAsync()).MainText(), (await toRobin.ReadDocumentAsync()).MainText());
        var email = await Mailbox.WaitForAsync(factory.MailFolder, Robin, "Your Hearth account");
        Assert.Contains("Someone tried to move another Hearth account to this email address", email.Body, StringComparison.Ordinal);
        Assert.DoesNotContain(person.Email, email.Body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(person.DisplayName, email.Body, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(person.Email, (await factory.FindUserAsync(person.Email)).Email);
        Assert.Equal("Robin", (await factory.FindUserAsync(Robin)).DisplayName);
    }
}
