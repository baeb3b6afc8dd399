using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Hearth.Tests.Features.Accounts;

/// <summary>Links in emails expire. Hearth gives them 3 hours; this host gives them one second, to see one expire.</summary>
public sealed class LinkExpiryTests(LinkExpiryTests.ShortLinksFactory factory) : IClassFixture<LinkExpiryTests.ShortLinksFactory>
{
    public sealed class ShortLinksFactory : AccountsFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.Configure<DataProtectionTokenProviderOptions>(o => o.TokenLifespan = TimeSpan.FromSeconds(1)));
        }
    }

    [Fact]
    public async Task An_expired_confirmation_link_says_so_offers_a_new_one_and_confirms_nothing()
    {
        var person = Person.Unique();
        await factory.RegisterAsync(person);
        var confirm = await factory.LinkFromEmailAsync(person.Email, People.ConfirmSubject);
        await Task.Delay(TimeSpan.FromSeconds(2));

        var client = factory.CreateBrowserLikeClient();
        using var confirmed = await client.PostFormAsync(new Uri(confirm).PathAndQuery, new Dictionary<string, string>());
        var page = await confirmed.ReadDocumentAsync();

        Assert.Equal("This link has expired or has already been used", page.QuerySelector("h1")!.Text());
        Assert.NotNull(page.QuerySelector("main a[href='/account/resend-confirmation']"));
        Assert.False((await factory.FindUserAsync(person.Email)).EmailConfirmed);
    }
}
