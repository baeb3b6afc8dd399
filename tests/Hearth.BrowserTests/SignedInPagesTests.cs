namespace Hearth.BrowserTests;

/// <summary>
/// The signed-in pages no journey passes through, each as the person who may use it, checked with axe-core with and
/// without JavaScript: my groups, a member's own membership page, a place on a waiting list, running and editing a
/// group, setting up meetings, the network's page for a group, and the private calendar link.
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
        await using var visit = await host.OpenAsync(javaScript);
        await SignIn.AsAsync(visit.Page, email);

        var response = await visit.Page.GotoAsync(path);

        Assert.Equal(200, response!.Status);
        Assert.Equal(1, await visit.Page.Locator("h1").CountAsync());
        await visit.AssertAccessibleAsync();
        visit.AssertNothingRequestedFromAnotherHost();
    }
}
