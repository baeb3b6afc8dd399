using System.Net;
using AngleSharp.Dom;
using Hearth.Web.Features.Accounts;

namespace Hearth.Tests.Features.Accounts;

public sealed class SessionsTests(AccountsFactory factory) : IClassFixture<AccountsFactory>
{
    private const string Phone = "Mozilla/5.0 (Linux; Android 14; Pixel 8) Gecko/20100101 Firefox/128.0";

    private const string Laptop = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36";

    private const string Tablet = "Mozilla/5.0 (iPad; CPU OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";

    [Fact]
    public async Task The_page_lists_each_browser_by_a_rough_description_and_marks_this_one()
    {
        var person = await factory.NewConfirmedPersonAsync();
        var phone = await factory.SignInAsync(person, Phone);
        await factory.SignInAsync(person, Laptop);

        var page = await phone.GetDocumentAsync("/account/sessions");

        var headings = Items(page).Select(li => li.QuerySelector("h2")!.Text()).ToList();
        Assert.Equal(2, headings.Count);
        Assert.Contains("Firefox on Android This device", headings);
        Assert.Contains("Chrome on Windows", headings);
        Assert.DoesNotContain("Pixel", page.DocumentElement.OuterHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Signing_out_everywhere_else_ends_the_other_browser_and_keeps_this_one()
    {
        var person = await factory.NewConfirmedPersonAsync();
        var phone = await factory.SignInAsync(person, Phone);
        var laptop = await factory.SignInAsync(person, Laptop);

        using var ended = await phone.PostFormAsync("/account/sessions", Forms.NoFields, "main > form[method=post]");
        var page = await ended.ReadDocumentAsync();

        Assert.Contains("Signed out 1 other device(s).", page.MainText(), StringComparison.Ordinal);
        Assert.Single(Items(page));
        using (var laptopNext = await laptop.GetAsync(new Uri("/account", UriKind.Relative)))
        {
            Assert.StartsWith("/account/sign-in", laptopNext.RedirectTarget(), StringComparison.Ordinal);
        }

        using (var phoneNext = await phone.GetAsync(new Uri("/account", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, phoneNext.StatusCode);
        }

        var user = await factory.FindUserAsync(person.Email);
        var sessions = await factory.SessionsAsync(user.Id);
        Assert.Single(sessions, s => s.EndedAt is null && s.Device == "Firefox on Android");
        Assert.Single(sessions, s => s.EndedAt is not null && s.Device == "Chrome on Windows");
        Assert.Contains(SecurityEventKind.SessionEnded, await factory.SecurityEventsAsync(user.Id));
    }

    [Fact]
    public async Task Signing_out_one_browser_from_the_list_ends_only_that_one()
    {
        var person = await factory.NewConfirmedPersonAsync();
        var phone = await factory.SignInAsync(person, Phone);
        var laptop = await factory.SignInAsync(person, Laptop);
        var tablet = await factory.SignInAsync(person, Tablet);
        var list = await phone.GetDocumentAsync("/account/sessions");
        var laptopId = Items(list).Single(li => li.QuerySelector("h2")!.Text().StartsWith("Chrome on Windows", StringComparison.Ordinal))
            .QuerySelector("input[name=id]")!.GetAttribute("value")!;

        using var ended = await phone.PostFormAsync("/account/sessions", new Dictionary<string, string> { ["id"] = laptopId }, "main ul.sessions form[method=post]");

        Assert.Contains("Signed out 1 other device(s).", (await ended.ReadDocumentAsync()).MainText(), StringComparison.Ordinal);
        using (var laptopNext = await laptop.GetAsync(new Uri("/account", UriKind.Relative)))
        {
            Assert.StartsWith("/account/sign-in", laptopNext.RedirectTarget(), StringComparison.Ordinal);
        }

        foreach (var stillSignedIn in new[] { phone, tablet })
        {
            using var next = await stillSignedIn.GetAsync(new Uri("/account", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, next.StatusCode);
        }
    }

    [Fact]
    public async Task Nobody_can_end_someone_elses_session()
    {
        var mallory = await factory.NewConfirmedPersonAsync();
        var victim = await factory.NewConfirmedPersonAsync();
        var mallorysBrowser = await factory.SignInAsync(mallory, Phone);
        await factory.SignInAsync(mallory, Laptop);
        var victimsBrowser = await factory.SignInAsync(victim);
        var victimsSession = Assert.Single(await factory.SessionsAsync((await factory.FindUserAsync(victim.Email)).Id));

        using var attempt = await mallorysBrowser.PostFormAsync(
            "/account/sessions", new Dictionary<string, string> { ["id"] = victimsSession.Id.ToString() }, "main ul.sessions form[method=post]");

        Assert.Contains("Signed out 0 other device(s).", (await attempt.ReadDocumentAsync()).MainText(), StringComparison.Ordinal);
        using var victimsNext = await victimsBrowser.GetAsync(new Uri("/account", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, victimsNext.StatusCode);
    }

    private static IHtmlCollection<IElement> Items(IDocument page) => page.QuerySelectorAll("main ul.sessions > li");
}
