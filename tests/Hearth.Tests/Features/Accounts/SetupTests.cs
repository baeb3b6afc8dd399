using System.Net;
using Hearth.Web.Features.Accounts;

namespace Hearth.Tests.Features.Accounts;

/// <summary>A new installation with no accounts: the first visitor creates the first admin, once.</summary>
public sealed class SetupTests(SetupTests.EmptyInstallation factory) : IClassFixture<SetupTests.EmptyInstallation>
{
    public sealed class EmptyInstallation : AccountsFactory
    {
        protected override bool SeedDemo => false;

        protected override bool CreatesFirstAccount => false;
    }

    [Fact]
    public async Task The_first_visitor_is_led_to_setup_creates_the_first_admin_and_setup_is_gone_afterwards()
    {
        var client = factory.CreateBrowserLikeClient();
        using (var home = await client.GetAsync(new Uri("/", UriKind.Relative)))
        {
            Assert.Equal("/setup", home.RedirectTarget());
        }

        // Help is never behind setup.
        Assert.Equal("Need help now?", (await client.GetDocumentAsync("/help-now")).QuerySelector("h1")!.Text());

        using var bad = await client.PostFormAsync("/setup", new Dictionary<string, string> { ["Input.DisplayName"] = "Nia", ["Input.Email"] = "nia@example.invalid", ["Input.Password"] = "password" });
        var badPage = await bad.ReadDocumentAsync();
        Assert.NotNull(badPage.QuerySelector("#Input_Password-error"));
        Assert.Equal("Nia", badPage.QuerySelector("#Input_DisplayName")!.GetAttribute("value"));

        using var created = await client.PostFormAsync("/setup", new Dictionary<string, string> { ["Input.DisplayName"] = "Nia", ["Input.Email"] = "nia@example.invalid", ["Input.Password"] = "the first admin of this hearth" });

        Assert.Equal("/admin/people", created.RedirectTarget());
        Assert.Equal("People and roles", (await client.GetDocumentAsync("/admin/people")).QuerySelector("h1")!.Text());
        var admin = await factory.FindUserAsync("nia@example.invalid");
        Assert.True(admin.EmailConfirmed);
        await using var db = Data.MigrationTests.Open(factory.Database.Options);
        Assert.Contains(NetworkRoles.Admin, db.UserRoles.Where(r => r.UserId == admin.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name).ToList());
        using var again = await factory.CreateBrowserLikeClient().GetAsync(new Uri("/setup", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        using var home2 = await factory.CreateBrowserLikeClient().GetAsync(new Uri("/", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, home2.StatusCode);
    }
}
