using Hearth.Web.Features.Accounts;
using Microsoft.AspNetCore.WebUtilities;

namespace Hearth.Tests.Features.Accounts;

public sealed class ConfirmEmailTests(AccountsFactory factory) : IClassFixture<AccountsFactory>
{
    [Fact]
    public async Task Opening_the_link_shows_a_button_and_confirms_nothing_until_it_is_pressed()
    {
        var person = Person.Unique();
        await factory.RegisterAsync(person);
        var link = await factory.LinkFromEmailAsync(person.Email, People.ConfirmSubject);

        var page = await factory.CreateBrowserLikeClient().GetDocumentAsync(link);

        Assert.Equal("Confirm your email address", page.Heading());
        Assert.Equal("Confirm my email address", page.QuerySelector("main form[method=post] button")!.Text());
        Assert.False((await factory.FindUserAsync(person.Email)).EmailConfirmed);
    }

    [Fact]
    public async Task Pressing_the_button_confirms_the_address()
    {
        var person = Person.Unique();
        await factory.RegisterAsync(person);
        var link = await factory.LinkFromEmailAsync(person.Email, People.ConfirmSubject);

        using var response = await factory.CreateBrowserLikeClient().PostFormAsync(link, Forms.NoFields);
        var page = await response.ReadDocumentAsync();

        Assert.Equal("Your email address is confirmed", page.Heading());
        Assert.NotNull(page.QuerySelector("main a[href='/account/sign-in']"));
        var user = await factory.FindUserAsync(person.Email);
        Assert.True(user.EmailConfirmed);
        Assert.Contains(SecurityEventKind.EmailConfirmed, await factory.SecurityEventsAsync(user.Id));
    }

    [Fact]
    public async Task Opening_the_link_again_says_the_address_is_already_confirmed()
    {
        var person = await factory.NewConfirmedPersonAsync();
        var link = await factory.LinkFromEmailAsync(person.Email, People.ConfirmSubject);

        var page = await factory.CreateBrowserLikeClient().GetDocumentAsync(link);

        Assert.Equal("This email address is already confirmed", page.Heading());
        Assert.Null(page.QuerySelector("main form[method=post]"));
    }

    [Fact]
    public async Task A_tampered_link_says_it_has_expired_or_been_used_and_confirms_nothing()
    {
        var person = Person.Unique();
        await factory.RegisterAsync(person);
        var link = new Uri(await factory.LinkFromEmailAsync(person.Email, People.ConfirmSubject));
        var query = QueryHelpers.ParseQuery(link.Query);
        var code = query["code"].ToString().ToCharArray();
        code[code.Length / 2] = code[code.Length / 2] == 'A' ? 'B' : 'A';
        var tampered = QueryHelpers.AddQueryString(link.AbsolutePath, new Dictionary<string, string?>
        {
            ["userId"] = query["userId"].ToString(),
            ["code"] = new string(code),
        });

        using var response = await factory.CreateBrowserLikeClient().PostFormAsync(tampered, Forms.NoFields);
        var page = await response.ReadDocumentAsync();

        Assert.Equal("This link has expired or has already been used", page.Heading());
        Assert.NotNull(page.QuerySelector("main a[href='/account/resend-confirmation']"));
        Assert.False((await factory.FindUserAsync(person.Email)).EmailConfirmed);
    }
}
