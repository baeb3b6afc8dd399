using System.Net;
using Hearth.Tests.Features.Accounts;
using Hearth.Tests.Features.Groups;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Tests.Features.Discussion;

/// <summary>
/// Every discussion and moderation page and action, for everyone who might ask: anonymous, signed in but not a member,
/// a member, the group's organiser, an organiser of another group, and the network's moderator and admin who are not
/// members. The discussion answers members only ("not found" to everyone else, sign-in to the anonymous); moderation
/// answers those who moderate the post's group. Refused actions change nothing; the same action by someone allowed
/// does change it, so each refusal is real.
/// </summary>
public sealed class DiscussionAuthorisationTests(AccountsFactory factory) : IClassFixture<AccountsFactory>
{
    public enum Persona
    {
        Anonymous,
        NonMember,
        Member,
        Organiser,
        OtherOrganiser,
        Moderator,
        Admin,
    }

    public enum Outcome
    {
        Page,
        SignIn,
        NotFound,
        Refused,
    }

    public static TheoryData<Persona, string, Outcome> Pages()
    {
        var data = new TheoryData<Persona, string, Outcome>();
        foreach (var persona in Enum.GetValues<Persona>())
        {
            var member = persona is Persona.Member or Persona.Organiser;
            var discussion = persona == Persona.Anonymous ? Outcome.SignIn : member ? Outcome.Page : Outcome.NotFound;
            foreach (var route in new[] { "list", "new", "topic", "report" })
            {
                data.Add(persona, route, discussion);
            }

            // Editing is for the author alone (the first member wrote the post).
            data.Add(persona, "edit", persona == Persona.Anonymous ? Outcome.SignIn : persona == Persona.Member ? Outcome.Page : Outcome.NotFound);
            var moderates = persona is Persona.Organiser or Persona.Moderator or Persona.Admin;
            var moderatesElsewhere = persona == Persona.OtherOrganiser;
            foreach (var route in new[] { "queue", "log" })
            {
                data.Add(persona, route, persona == Persona.Anonymous ? Outcome.SignIn : moderates || moderatesElsewhere ? Outcome.Page : Outcome.NotFound);
            }

            data.Add(persona, "review", persona == Persona.Anonymous ? Outcome.SignIn : moderates ? Outcome.Page : moderatesElsewhere ? Outcome.Refused : Outcome.NotFound);
            data.Add(persona, "notifications", persona == Persona.Anonymous ? Outcome.SignIn : Outcome.Page);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Each_page_answers_only_those_it_is_for(Persona persona, string route, Outcome expected)
    {
        var (g, topic, postId, client) = await ArrangeAsync(persona);
        var url = route switch
        {
            "list" => g.Discussion,
            "new" => $"{g.Discussion}/new",
            "topic" => g.Topic(topic),
            "report" => $"{g.Discussion}/posts/{postId}/report",
            "edit" => $"{g.Discussion}/posts/{postId}/edit",
            "queue" => "/moderation",
            "log" => "/moderation/log",
            "review" => $"/moderation/posts/{postId}",
            _ => "/notifications",
        };

        using var response = await client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        switch (expected)
        {
            case Outcome.Page:
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                break;
            case Outcome.SignIn:
                Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
                Assert.StartsWith("/account/sign-in?returnUrl=", response.RedirectTarget(), StringComparison.Ordinal);
                break;
            case Outcome.NotFound:
                Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
                break;
            case Outcome.Refused:
                Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
                Assert.Contains("You can only moderate posts in groups you help run.", body, StringComparison.Ordinal);
                break;
        }

        if (expected != Outcome.Page || route is "queue" or "log" or "notifications")
        {
            // Nothing the members wrote reaches anyone the page refuses (nor the lists of other groups' moderators).
            Assert.DoesNotContain("kept among us", body, StringComparison.Ordinal);
            Assert.DoesNotContain("Members only topic", body, StringComparison.Ordinal);
        }
    }

    public static TheoryData<Persona, string> Actions()
    {
        var data = new TheoryData<Persona, string>();
        foreach (var persona in new[] { Persona.Anonymous, Persona.NonMember, Persona.OtherOrganiser, Persona.Moderator, Persona.Admin })
        {
            foreach (var action in new[] { "reply", "new", "react", "report", "delete", "edit", "block" })
            {
                data.Add(persona, action);
            }
        }

        foreach (var persona in new[] { Persona.Anonymous, Persona.NonMember, Persona.Member, Persona.OtherOrganiser })
        {
            data.Add(persona, "hide");
        }

        data.Add(Persona.Organiser, "delete");
        data.Add(Persona.Organiser, "edit");
        return data;
    }

    [Theory]
    [MemberData(nameof(Actions))]
    public async Task Refused_actions_change_nothing(Persona persona, string action)
    {
        var (g, topic, postId, client) = await ArrangeAsync(persona);
        var before = await SnapshotAsync(g.Group.Id);
        var (url, fields) = Request(g, topic, postId, action);
        var token = await GroupFlows.AntiforgeryAsync(client);
        using var response = await client.PostAsync(url, new FormUrlEncodedContent([.. fields, new("__RequestVerificationToken", token)]));

        Assert.True(response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden or HttpStatusCode.Redirect or HttpStatusCode.BadRequest, $"{persona} {action}: {response.StatusCode}");
        if (response.StatusCode == HttpStatusCode.Redirect)
        {
            Assert.StartsWith("/account/sign-in", response.RedirectTarget(), StringComparison.Ordinal);
        }

        Assert.Equal(before, await SnapshotAsync(g.Group.Id));
    }

    [Theory]
    [InlineData("reply")]
    [InlineData("new")]
    [InlineData("react")]
    [InlineData("report")]
    [InlineData("block")]
    [InlineData("hide")]
    public async Task The_same_actions_by_someone_allowed_do_change_things(string action)
    {
        // A group of its own: these requests change it.
        var g = await factory.DiscussionGroupAsync(members: 2);
        var words = DiscussionFlows.Unique("What is said here is kept among us");
        var topic = await g.Members[0].Client.StartTopicAsync(g.Discussion, "Members only topic", words);
        var postId = (await factory.PostAsync(words)).Id;
        var client = action == "hide" ? g.Organiser.Client : g.Members[1].Client;
        var before = await SnapshotAsync(g.Group.Id);
        var (url, fields) = Request(g, topic, postId, action);
        using var response = await client.PostHandlerAsync(url, fields.ToDictionary());

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.NotEqual(before, await SnapshotAsync(g.Group.Id));
    }

    private static (string Url, List<KeyValuePair<string, string>> Fields) Request(TestGroup g, int topic, int postId, string action) => action switch
    {
        "reply" => ($"{g.Topic(topic)}?handler=Reply", [new("Body", DiscussionFlows.Unique("An intruder's reply"))]),
        "new" => ($"{g.Discussion}/new", [new("Title", "Intruder"), new("Body", DiscussionFlows.Unique("An intruder's topic"))]),
        "react" => ($"{g.Topic(topic)}?handler=React&postId={postId}&kind=MeToo", []),
        "report" => ($"{g.Discussion}/posts/{postId}/report", [new("Reason", "Spam")]),
        "delete" => ($"{g.Topic(topic)}?handler=Delete&postId={postId}", []),
        "edit" => ($"{g.Discussion}/posts/{postId}/edit", [new("Body", "Changed by someone else")]),
        "block" => ($"{g.Topic(topic)}?handler=Block&postId={postId}", []),
        _ => ($"/moderation/posts/{postId}?handler=Hide", []),
    };

    /// <summary>
    /// One group for the whole class (an organiser, two members, a topic the first member wrote) and one signed-in
    /// client per persona: every test compares the database before and after its own request, so they can share it.
    /// </summary>
    private Task<(TestGroup Group, int Topic, int PostId, HttpClient Client)> ArrangeAsync(Persona persona) => Shared.ArrangeAsync(factory, persona);

    private static class Shared
    {
        private static readonly SemaphoreSlim Gate = new(1, 1);
        private static readonly Dictionary<Persona, HttpClient> Clients = [];
        private static (TestGroup Group, int Topic, int PostId)? arranged;

        public static async Task<(TestGroup Group, int Topic, int PostId, HttpClient Client)> ArrangeAsync(AccountsFactory factory, Persona persona)
        {
            await Gate.WaitAsync();
            try
            {
                if (arranged is null)
                {
                    var g = await factory.DiscussionGroupAsync(members: 2);
                    var words = DiscussionFlows.Unique("What is said here is kept among us");
                    var topic = await g.Members[0].Client.StartTopicAsync(g.Discussion, "Members only topic", words);
                    arranged = (g, topic, (await factory.PostAsync(words)).Id);
                }

                var (group, topicId, postId) = arranged.Value;
                if (!Clients.TryGetValue(persona, out var client))
                {
                    client = persona switch
                    {
                        Persona.Anonymous => factory.CreateBrowserLikeClient(),
                        Persona.NonMember => (await factory.NewSignedInAsync()).Client,
                        Persona.Member => group.Members[0].Client,
                        Persona.Organiser => group.Organiser.Client,
                        Persona.OtherOrganiser => await factory.SignInAsAsync("Eleri"),
                        Persona.Moderator => await factory.SignInAsAsync("Sam"),
                        _ => await factory.SignInAsAsync("Alex"),
                    };
                    Clients[persona] = client;
                }

                return (group, topicId, postId, client);
            }
            finally
            {
                Gate.Release();
            }
        }
    }

    private async Task<string> SnapshotAsync(int groupId)
    {
        await using var db = factory.OpenDb();
        var posts = await db.Posts.Where(p => p.GroupId == groupId).OrderBy(p => p.Id).Select(p => $"{p.Id}:{p.Body}:{p.State}:{p.DeletedAt}").ToListAsync();
        var topics = await db.Topics.CountAsync(t => t.GroupId == groupId);
        var reactions = await db.Reactions.CountAsync(r => db.Posts.Any(p => p.Id == r.PostId && p.GroupId == groupId));
        var reports = await db.Reports.CountAsync(r => db.Posts.Any(p => p.Id == r.PostId && p.GroupId == groupId));
        var blocks = await db.Blocks.CountAsync();
        var log = await db.ModerationLog.CountAsync(e => e.GroupId == groupId);
        return $"{string.Join('|', posts)} topics={topics} reactions={reactions} reports={reports} blocks={blocks} log={log}";
    }
}
