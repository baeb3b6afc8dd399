using System.IO.Compression;
using System.Text.Json;
using Hearth.Tests.Features.Accounts;
using Hearth.Web.Features.Groups;

namespace Hearth.Tests.Features.Groups;

/// <summary>My groups: what I belong to and run, where I am waiting to join, my conversations, and all of it in my download.</summary>
public sealed class MyGroupsTests(AccountsFactory factory) : IClassFixture<AccountsFactory>
{
    private const string RequestMessage = "I have heard voices for years and would like to meet others.";

    private const string ChatMessage = "Is there parking near the hall?";

    [Fact]
    public async Task My_groups_shows_what_I_belong_to_what_I_run_where_I_wait_and_who_I_wrote_to()
    {
        var (person, mine) = await BusyPersonAsync();

        var page = await person.Client.GetDocumentAsync("/groups/mine");

        var cards = page.QuerySelectorAll("[data-my-groups] li").ToList();
        Assert.Equal(2, cards.Count);
        var running = cards.Single(c => c.Text().Contains(mine.Name, StringComparison.Ordinal));
        Assert.Equal($"/groups/{mine.Slug}/manage", running.QuerySelector("a[href$='/manage']")!.GetAttribute("href"));
        Assert.Contains("organiser · Run this group", running.Text(), StringComparison.Ordinal);
        var member = cards.Single(c => c.Text().Contains("Prestatyn Withdrawal Support", StringComparison.Ordinal));
        Assert.Null(member.QuerySelector("a[href$='/manage']"));
        Assert.Equal(
            ["Cardiff Grief Circle / Cylch Galar Caerdydd — on the waiting list", "Rhyl Hearing Voices Group — you asked to join"],
            page.QuerySelectorAll("[data-joining] li").Select(li => li.Text()));
        Assert.Equal("/groups/rhyl-hearing-voices/membership", page.QuerySelector("[data-joining] a[href*='rhyl']")!.GetAttribute("href"));
        Assert.Equal("Chard Thursday Meet-up", page.QuerySelector("[data-my-chats] a[href='/groups/chard-thursday-meet-up/chat']")!.Text());
        Assert.Null(page.QuerySelector("[data-on-break]"));
    }

    [Fact]
    public async Task Someone_with_no_groups_is_told_so_and_shown_where_to_start()
    {
        var person = await factory.NewSignedInAsync();

        var page = await person.Client.GetDocumentAsync("/groups/mine");

        Assert.Contains("You have not joined a group yet.", page.MainText(), StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("[data-my-groups]"));
        Assert.Null(page.QuerySelector("[data-joining]"));
        Assert.Null(page.QuerySelector("[data-my-chats]"));
        Assert.NotNull(page.QuerySelector("main a[href='/groups/new']"));
    }

    [Fact]
    public async Task My_groups_needs_a_signed_in_person()
    {
        using var response = await factory.CreateBrowserLikeClient().GetAsync(new Uri("/groups/mine", UriKind.Relative));

        Assert.StartsWith("/account/sign-in?returnUrl=", response.RedirectTarget(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task My_download_holds_my_memberships_requests_and_conversations()
    {
        var (person, mine) = await BusyPersonAsync();

        using var json = await ExportAsync(person.Client);

        var groups = json.RootElement.GetProperty("groups");
        var memberships = groups.GetProperty("memberships").EnumerateArray().Select(m => (m.GetProperty("group").GetString(), m.GetProperty("role").GetString())).ToList();
        Assert.Contains((mine.Name, "Organiser"), memberships);
        Assert.Contains(("Prestatyn Withdrawal Support", "Member"), memberships);
        var requests = groups.GetProperty("requests").EnumerateArray()
            .Select(r => (r.GetProperty("group").GetString(), r.GetProperty("state").GetString(), r.GetProperty("message").GetString())).ToList();
        Assert.Equal(
            [("Cardiff Grief Circle / Cylch Galar Caerdydd", "Waiting", null), ("Rhyl Hearing Voices Group", "Requested", RequestMessage)],
            requests);
        var conversation = Assert.Single(groups.GetProperty("conversations").EnumerateArray());
        Assert.Equal("Chard Thursday Meet-up", conversation.GetProperty("group").GetString());
        var message = Assert.Single(conversation.GetProperty("messages").EnumerateArray());
        Assert.Equal(("me", ChatMessage), (message.GetProperty("from").GetString(), message.GetProperty("body").GetString()));
    }

    [Fact]
    public async Task An_organisers_download_holds_their_replies_but_not_what_others_wrote_to_them()
    {
        var robin = await factory.SignInAsAsync("Robin");

        using var json = await ExportAsync(robin);

        var replies = json.RootElement.GetProperty("groups").GetProperty("repliesAsOrganiser");
        var reply = Assert.Single(replies.EnumerateArray());
        Assert.Equal("Prestatyn Withdrawal Support", reply.GetProperty("group").GetString());
        Assert.StartsWith("Hi Morgan, of course.", reply.GetProperty("body").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("I am thinking of coming on Thursday", json.RootElement.GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain("Is the group right for me?", json.RootElement.GetRawText(), StringComparison.Ordinal);
    }

    /// <summary>
    /// A new person who started a group, joined Prestatyn, asked to join Rhyl (closed), joined Cardiff's waiting list
    /// (full) and wrote to Chard's organisers: each through its page.
    /// </summary>
    private async Task<(SignedIn Person, Group Mine)> BusyPersonAsync()
    {
        var person = await factory.NewSignedInAsync();
        var mine = await factory.CreateGroupAsync(members: [(person.UserId, GroupRole.Organiser)]);
        var client = person.Client;
        using (var joined = await client.PostFormAsync("/groups/prestatyn-withdrawal-support/membership", new Dictionary<string, string> { ["AcceptAgreement"] = "true" }, "main form[action*='handler=Join']"))
        {
            Assert.Equal("/groups/prestatyn-withdrawal-support?joined=1", joined.RedirectTarget());
        }

        using (var asked = await client.PostFormAsync("/groups/rhyl-hearing-voices/membership", new Dictionary<string, string> { ["Message"] = RequestMessage, ["AcceptAgreement"] = "true" }, "main form[action*='handler=Request']"))
        {
            Assert.Equal("/groups/rhyl-hearing-voices/membership?asked=1", asked.RedirectTarget());
        }

        using (var waiting = await client.PostFormAsync("/groups/cardiff-grief-circle/membership", new Dictionary<string, string> { ["AcceptAgreement"] = "true" }, "main form[action*='handler=Join']"))
        {
            Assert.NotNull((await client.GetDocumentAsync(waiting.RedirectTarget())).QuerySelector("[data-request-state=waiting]"));
        }

        using (var wrote = await client.PostFormAsync("/groups/chard-thursday-meet-up/chat", new Dictionary<string, string> { ["Body"] = ChatMessage }))
        {
            Assert.Equal("/groups/chard-thursday-meet-up/chat?sent=1#latest", wrote.RedirectTarget());
        }

        return (person, mine);
    }

    private static async Task<JsonDocument> ExportAsync(HttpClient client)
    {
        using var response = await client.PostFormAsync("/account/export", Forms.NoFields);
        Assert.Equal("application/zip", response.Content.Headers.ContentType!.MediaType);
        using var zip = new ZipArchive(await response.Content.ReadAsStreamAsync());
        return JsonDocument.Parse(await new StreamReader(zip.GetEntry("hearth-data.json")!.Open()).ReadToEndAsync());
    }
}
