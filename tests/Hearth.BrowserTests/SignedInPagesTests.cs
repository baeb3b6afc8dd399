using System.Globalization;
using Hearth.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hearth.BrowserTests;

/// <summary>
/// The signed-in pages no journey passes through, each as the person who may use it, checked with axe-core with and
/// without JavaScript: my groups, a member's own membership page, a place on a waiting list, running and editing a
/// group, setting up meetings, the network's page for a group, the private calendar link, coping tips (a group's,
/// the network's, adding one, my toolkit), notifications, blocked people, muted words, the moderation log, and the
/// attendance register of a meeting that has happened.
/// </summary>
public sealed class SignedInPagesTests(BrowserHost host) : IClassFixture<BrowserHost>
{
    public static TheoryData<string, string, bool> Pages()
    {
        var data = new TheoryData<string, string, bool>();
        foreach (var (email, path) in new[]
        {
            ("robin@demo.hearth.invalid", "/groups/mine"),
            ("sam@demo.hearth.invalid", "/groups/prestatyn-withdrawal-support/membership"),
            ("alex@demo.hearth.invalid", "/groups/cardiff-grief-circle/membership"),
            ("robin@demo.hearth.invalid", "/groups/prestatyn-withdrawal-support/edit"),
            ("robin@demo.hearth.invalid", "/groups/prestatyn-withdrawal-support/chats"),
            ("robin@demo.hearth.invalid", "/groups/prestatyn-withdrawal-support/meetings/new"),
            ("jo@demo.hearth.invalid", "/groups/prestatyn-withdrawal-support/network"),
            ("eleri@demo.hearth.invalid", "/calendar"),
            ("robin@demo.hearth.invalid", "/groups/prestatyn-withdrawal-support/tips"),
            ("robin@demo.hearth.invalid", "/groups/prestatyn-withdrawal-support/tips/new"),
            ("eleri@demo.hearth.invalid", "/tips"),
            ("eleri@demo.hearth.invalid", "/account/toolkit"),
            ("robin@demo.hearth.invalid", "/notifications"),
            ("sam@demo.hearth.invalid", "/account/blocked"),
            ("sam@demo.hearth.invalid", "/account/muted"),
            ("sam@demo.hearth.invalid", "/moderation/log"),
        })
        {
            data.Add(email, path, true);
            data.Add(email, path, false);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Page_is_accessible_to_the_person_who_uses_it(string email, string path, bool javaScript)
    {
        await using var visit = await host.OpenSignedInAsync(email, javaScript);

        var response = await visit.Page.GotoAsync(path);

        Assert.Equal(200, response!.Status);
        Assert.Equal(1, await visit.Page.Locator("h1").CountAsync());
        await visit.AssertAccessibleAsync();
        visit.AssertNothingRequestedFromAnotherHost();
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task The_attendance_register_is_accessible_and_keeps_what_was_ticked_when_a_number_is_wrong(bool javaScript)
    {
        string url;
        using (var scope = host.Services.CreateScope())
        {
            // The demo's weekly Prestatyn meeting began four weeks ago: its first meeting is over.
            var db = scope.ServiceProvider.GetRequiredService<HearthDb>();
            var series = await db.MeetingSeries.Join(db.Groups, s => s.GroupId, g => g.Id, (s, g) => new { s.Id, s.StartDate, g.Slug })
                .FirstAsync(s => s.Slug == "prestatyn-withdrawal-support");
            url = $"/groups/{series.Slug}/meetings/{series.Id}/{series.StartDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}";
        }

        await using var visit = await host.OpenAsync(javaScript);
        var page = visit.Page;
        await SignIn.AsAsync(page, "robin@demo.hearth.invalid");
        await page.GotoAsync(url);
        var register = page.Locator("main form[action*='handler=Register']");
        await register.GetByLabel("Sam", new() { Exact = true }).CheckAsync();
        await register.GetByLabel("Others who came").FillAsync("lots");
        await register.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Save the register" }).ClickToNavigateAsync();

        Assert.Equal("Enter a whole number from 0 to 500", await page.Locator("#Others-error").InnerTextAsync());
        Assert.True(await page.Locator("main form[action*='handler=Register']").GetByLabel("Sam", new() { Exact = true }).IsCheckedAsync());
        await visit.AssertAccessibleAsync();
        visit.AssertNothingRequestedFromAnotherHost();
    }
}
