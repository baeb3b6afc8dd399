using System.Net;
using Hearth.Tests.Features.Accounts;

namespace Hearth.Tests.Features.Security;

public sealed class AntiforgeryTests(AccountsFactory factory) : IClassFixture<AccountsFactory>
{
    [Fact]
    public async Task A_form_posted_without_its_token_gets_a_friendly_400_and_changes_nothing()
    {
        var client = factory.CreateBrowserLikeClient();
        var person = Person.Unique();

        using var response = await client.PostAsync(new Uri("/account/register", UriKind.Relative), new FormUrlEncodedContent(People.RegistrationFields(person)));
        var body = await response.Content.ReadAsStringAsync();
        var page = Html.Parse(body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Sorry, that did not work", page.QuerySelector("h1")!.Text());
        Assert.False(string.IsNullOrWhiteSpace(page.QuerySelector("code.reference")?.TextContent));
        Assert.DoesNotContain("Antiforgery", body, StringComparison.Ordinal);
        Assert.Null(await factory.FindUserOrNullAsync(person.Email));
    }
}
