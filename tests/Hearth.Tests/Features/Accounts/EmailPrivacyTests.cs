using Hearth.Web.Features.Accounts;

namespace Hearth.Tests.Features.Accounts;

/// <summary>An email address is shown to its owner on their account page, and to nobody else anywhere.</summary>
public sealed class EmailPrivacyTests(AccountsFactory factory) : IClassFixture<AccountsFactory>
{
    [Fact]
    public async Task Robins_own_pages_show_robins_address_and_nobody_elses()
    {
        var robin = AccountsDemoData.People.Single(p => p.DisplayName == "Robin").Email;
        var client = await factory.SignInAsync(robin, AccountsDemoData.Password);

        Assert.Contains(robin, (await client.GetDocumentAsync("/account")).MainText(), StringComparison.Ordinal);
        foreach (var url in new[] { "/account", "/account/sessions", "/account/activity" })
        {
            var html = (await client.GetDocumentAsync(url)).DocumentElement.OuterHtml;
            foreach (var (_, email, _) in AccountsDemoData.People.Where(p => p.Email != robin))
            {
                Assert.DoesNotContain(email, html, StringComparison.OrdinalIgnoreCase);
            }
        }
    }

    [Fact]
    public async Task The_admin_list_of_people_shows_display_names_and_no_email_addresses()
    {
        var alex = AccountsDemoData.People.Single(p => p.Role == NetworkRoles.Admin).Email;
        var client = await factory.SignInAsync(alex, AccountsDemoData.Password);

        var page = await client.GetDocumentAsync("/admin/people");

        var html = page.DocumentElement.OuterHtml;
        Assert.Contains("Eleri", page.MainText(), StringComparison.Ordinal);
        foreach (var (_, email, _) in AccountsDemoData.People)
        {
            Assert.DoesNotContain(email, html, StringComparison.OrdinalIgnoreCase);
        }
    }
}
