using System.Net;
using Hearth.Web.Features.Accounts;

namespace Hearth.Tests.Features.Accounts;

public sealed class ChangePasswordTests(AccountsFactory factory) : IClassFixture<AccountsFactory>
{
    [Fact]
    public async Task A_wrong_current_password_is_refused_beside_that_field_and_changes_nothing()
    {
        var person = await factory.NewConfirmedPersonAsync();
        var client = await factory.SignInAsync(person);
        var hashBefore = (await factory.FindUserAsync(person.Email)).PasswordHash;

        using var response = await client.PostFormAsync("/account/password", new Dictionary<string, string>
        {
            ["CurrentPassword"] = "not my password at all",
            ["NewPassword"] = People.NewPassword,
        });
        var page = await response.ReadDocumentAsync();

        Assert.Equal("Your current password is not right", page.FieldError("CurrentPassword"));
        Assert.NotNull(page.QuerySelector("main [data-error-summary] a[href='#CurrentPassword']"));
        Assert.Null(page.QuerySelector("#CurrentPassword")!.GetAttribute("value"));
        Assert.Null(page.QuerySelector("#NewPassword")!.GetAttribute("value"));
        var user = await factory.FindUserAsync(person.Email);
        Assert.Equal(hashBefore, user.PasswordHash);
        Assert.DoesNotContain(SecurityEventKind.PasswordChanged, await factory.SecurityEventsAsync(user.Id));
    }

    [Fact]
    public async Task Changing_the_password_signs_out_every_other_browser_and_keeps_this_one()
    {
        var person = await factory.NewConfirmedPersonAsync();
        var here = await factory.SignInAsync(person);
        var elsewhere = await factory.SignInAsync(person);

        using var response = await here.PostFormAsync("/account/password", new Dictionary<string, string>
        {
            ["CurrentPassword"] = person.Password,
            ["NewPassword"] = People.NewPassword,
        });

        Assert.Contains(
            "Your password has been changed, and you have been signed out on every other device.",
            (await response.ReadDocumentAsync()).MainText(),
            StringComparison.Ordinal);
        using (var elsewhereNext = await elsewhere.GetAsync(new Uri("/account", UriKind.Relative)))
        {
            Assert.StartsWith("/account/sign-in", elsewhereNext.RedirectTarget(), StringComparison.Ordinal);
        }

        using (var hereNext = await here.GetAsync(new Uri("/account", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, hereNext.StatusCode);
        }

        await factory.SignInAsync(person.Email, People.NewPassword);
        var user = await factory.FindUserAsync(person.Email);
        Assert.Contains(SecurityEventKind.PasswordChanged, await factory.SecurityEventsAsync(user.Id));
    }

    [Fact]
    public async Task A_common_new_password_is_refused_beside_the_new_password_field()
    {
        var person = await factory.NewConfirmedPersonAsync();
        var client = await factory.SignInAsync(person);

        using var response = await client.PostFormAsync("/account/password", new Dictionary<string, string>
        {
            ["CurrentPassword"] = person.Password,
            ["NewPassword"] = "password1",
        });

        Assert.Equal(
            "This password is one of the most common and easy to guess. Choose another, such as a few words you will remember",
            (await response.ReadDocumentAsync()).FieldError("NewPassword"));
        await factory.SignInAsync(person);
    }
}
