using System.Globalization;
using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Hearth.Tests.Features.Accounts;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Tests.Features.Groups;

/// <summary>
/// "Come for a chat first": someone writes to Prestatyn's organisers (Robin organises, Jo co-organises, Sam is a
/// member), who reply on the group's behalf. Only the two sides see it, by display name, and emails say nothing.
/// </summary>
public sealed class ChatTests(AccountsFactory factory) : IClassFixture<AccountsFactory>
{
    private const string Prestatyn = "/groups/prestatyn-withdrawal-support";

    private const string Chat = Prestatyn + "/chat";

    private const string Chats = Prestatyn + "/chats";

    private const string Subject = "You have something new on Hearth";

    [Fact]
    public async Task A_person_writes_to_the_organisers_who_both_see_it_as_new_and_one_replies()
    {
        var person = await factory.NewSignedInAsync();
        var words = $"Is the Thursday meeting step-free? ({Guid.NewGuid():N})";
        Assert.Equal("A message to the organisers of Prestatyn Withdrawal Support", (await person.Client.GetDocumentAsync(Chat)).Heading());

        using (var sent = await person.Client.PostFormAsync(Chat, new Dictionary<string, string> { ["Body"] = words }))
        {
            Assert.Equal($"{Chat}?sent=1#latest", sent.RedirectTarget());
        }

        Assert.Equal(words, (await person.Client.GetDocumentAsync($"{Chat}?sent=1")).QuerySelector("[data-chat] li:last-child p:last-child")!.Text());
        var robin = await factory.SignInAsAsync("Robin");
        var jo = await factory.SignInAsAsync("Jo");
        foreach (var organiser in new[] { robin, jo })
        {
            Assert.Equal("New", RowFor(await organiser.GetDocumentAsync(Chats), person.Name).QuerySelector("strong")?.Text());
        }

        var link = RowFor(await robin.GetDocumentAsync(Chats), person.Name).QuerySelector("a")!.GetAttribute("href")!;
        var conversation = await robin.GetDocumentAsync(link);
        Assert.Equal($"Conversation with {person.Name}", conversation.Heading());
        Assert.Contains(words, conversation.QuerySelector("[data-chat]")!.Text(), StringComparison.Ordinal);
        foreach (var organiser in new[] { robin, jo })
        {
            Assert.Null(RowFor(await organiser.GetDocumentAsync(Chats), person.Name).QuerySelector("strong"));
        }

        using (var replied = await robin.PostFormAsync(link, new Dictionary<string, string> { ["Body"] = "Yes: there is a ramp at the side door." }))
        {
            Assert.Equal($"{link}?sent=1#latest", replied.RedirectTarget());
        }

        Assert.Contains("New", (await person.Client.GetDocumentAsync("/groups/mine")).QuerySelector("[data-my-chats]")!.Text(), StringComparison.Ordinal);
        var reply = (await person.Client.GetDocumentAsync(Chat)).QuerySelector("[data-chat] li:last-child")!;
        Assert.StartsWith("Robin (for the organisers)", reply.QuerySelector("p.meta")!.Text(), StringComparison.Ordinal);
        Assert.Equal("Yes: there is a ramp at the side door.", reply.QuerySelector("p:last-child")!.Text());
        Assert.DoesNotContain("New", (await person.Client.GetDocumentAsync("/groups/mine")).QuerySelector("[data-my-chats]")!.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_the_groups_organisers_can_read_or_answer_its_conversations()
    {
        var morgans = await ConversationOfAsync(GroupFlows.Demo("Morgan"));
        var sam = await factory.SignInAsAsync("Sam");
        var eleri = await factory.SignInAsAsync("Eleri");

        foreach (var client in new[] { sam, eleri })
        {
            await client.GetDocumentAsync(Chats, HttpStatusCode.NotFound);
            await client.GetDocumentAsync($"{Chats}/{morgans}", HttpStatusCode.NotFound);
            using var answered = await client.PostHandlerAsync($"{Chats}/{morgans}", new Dictionary<string, string> { ["Body"] = "Not mine to answer." });
            Assert.Equal(HttpStatusCode.NotFound, answered.StatusCode);
        }

        await using var db = factory.OpenDb();
        Assert.False(await db.ConversationMessages.AnyAsync(m => m.Body == "Not mine to answer."));
    }

    [Fact]
    public async Task A_conversation_with_another_group_is_not_found_under_this_groups_address()
    {
        var person = await factory.NewSignedInAsync();
        using (var sent = await person.Client.PostFormAsync("/groups/cardiff-grief-circle/chat", new Dictionary<string, string> { ["Body"] = "Hello Cardiff." }))
        {
            Assert.Equal("/groups/cardiff-grief-circle/chat?sent=1#latest", sent.RedirectTarget());
        }

        var cardiffs = await ConversationOfAsync(person.Person.Email);
        var robin = await factory.SignInAsAsync("Robin");

        await robin.GetDocumentAsync($"{Chats}/{cardiffs}", HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.OK, (await (await factory.SignInAsAsync("Eleri")).GetAsync(new Uri($"/groups/cardiff-grief-circle/chats/{cardiffs}", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task Neither_side_ever_sees_the_others_email_address()
    {
        var person = await factory.NewSignedInAsync();
        await SendAsync(person.Client, Chat, "Hello, is it all right to bring my sister?");

        var id = await ConversationOfAsync(person.Person.Email);
        var robin = await factory.SignInAsAsync("Robin");
        await SendAsync(robin, $"{Chats}/{id}", "Of course she is welcome.");

        foreach (var page in new[] { Chats, $"{Chats}/{id}", $"{Prestatyn}/manage", "/groups/mine" })
        {
            Assert.DoesNotContain(person.Person.Email, await robin.GetStringAsync(new Uri(page, UriKind.Relative)), StringComparison.OrdinalIgnoreCase);
        }

        var theirs = await person.Client.GetStringAsync(new Uri(Chat, UriKind.Relative));
        Assert.Contains("Of course she is welcome.", theirs, StringComparison.Ordinal);
        foreach (var organiser in new[] { "Robin", "Jo" })
        {
            Assert.DoesNotContain(GroupFlows.Demo(organiser), theirs, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task Emails_about_new_messages_name_no_group_person_or_words()
    {
        var person = await factory.NewSignedInAsync();
        var secret = $"my doctor says ({Guid.NewGuid():N})";
        await SendAsync(person.Client, Chat, secret);

        var toRobin = await Mailbox.WaitForAllAsync(factory.MailFolder, GroupFlows.Demo("Robin"), null, 1);
        var toJo = await Mailbox.WaitForAllAsync(factory.MailFolder, GroupFlows.Demo("Jo"), null, 1);
        foreach (var email in toRobin.Concat(toJo))
        {
            AssertContentFree(email, "Prestatyn", "withdrawal", person.Name, secret);
        }

        var id = await ConversationOfAsync(person.Person.Email);
        var robin = await factory.SignInAsAsync("Robin");
        await SendAsync(robin, $"{Chats}/{id}", "Please talk that over with your prescriber.");

        var toPerson = await Mailbox.WaitForAsync(factory.MailFolder, person.Person.Email, Subject);
        AssertContentFree(toPerson, "Prestatyn", "withdrawal", "Robin", "prescriber");
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n  ")]
    public async Task An_empty_message_is_refused_beside_the_field(string body)
    {
        var person = await factory.NewSignedInAsync();

        using var refused = await person.Client.PostFormAsync(Chat, new Dictionary<string, string> { ["Body"] = body });

        Assert.Equal("Write a message before you send it", (await refused.ReadDocumentAsync()).FieldError("Body"));
        Assert.Null(await ConversationOrNullAsync(person.Person.Email));
    }

    [Fact]
    public async Task A_message_over_2000_characters_is_refused_and_kept_and_2000_is_fine()
    {
        var person = await factory.NewSignedInAsync();
        var tooLong = string.Concat(Enumerable.Repeat("I am not sure where to start. ", 70))[..1999] + "?!";

        using var refused = await person.Client.PostFormAsync(Chat, new Dictionary<string, string> { ["Body"] = tooLong });

        var page = await refused.ReadDocumentAsync();
        Assert.Equal("Keep this under 2000 characters (it has 2001)", page.FieldError("Body"));
        Assert.Equal(tooLong, ((IHtmlTextAreaElement)page.QuerySelector("textarea#Body")!).Value);
        Assert.Null(await ConversationOrNullAsync(person.Person.Email));

        using var sent = await person.Client.PostFormAsync(Chat, new Dictionary<string, string> { ["Body"] = tooLong[..2000] });

        Assert.Equal($"{Chat}?sent=1#latest", sent.RedirectTarget());
        var id = int.Parse(await ConversationOfAsync(person.Person.Email), CultureInfo.InvariantCulture);
        await using var db = factory.OpenDb();
        Assert.Equal(2000, (await db.ConversationMessages.SingleAsync(m => m.ConversationId == id)).Body.Length);
    }

    [Fact]
    public async Task An_empty_reply_is_refused_and_adds_nothing()
    {
        var morgans = await ConversationOfAsync(GroupFlows.Demo("Morgan"));
        var jo = await factory.SignInAsAsync("Jo");
        var before = await MessagesInAsync(morgans);

        using var refused = await jo.PostFormAsync($"{Chats}/{morgans}", new Dictionary<string, string> { ["Body"] = " " });

        Assert.Equal("Write a message before you send it", (await refused.ReadDocumentAsync()).FieldError("Body"));
        Assert.Equal(before, await MessagesInAsync(morgans));
    }

    [Fact]
    public async Task Organisers_who_open_the_chat_page_are_sent_to_their_list_instead()
    {
        foreach (var name in new[] { "Robin", "Jo" })
        {
            var organiser = await factory.SignInAsAsync(name);

            using var opened = await organiser.GetAsync(new Uri(Chat, UriKind.Relative));
            using var posted = await organiser.PostHandlerAsync(Chat, new Dictionary<string, string> { ["Body"] = "Talking to myself." });

            Assert.Equal(Chats, opened.RedirectTarget());
            Assert.Equal(Chats, posted.RedirectTarget());
            Assert.Null(await ConversationOrNullAsync(GroupFlows.Demo(name)));
        }
    }

    [Fact]
    public async Task Writing_to_organisers_needs_a_signed_in_person()
    {
        using var response = await factory.CreateBrowserLikeClient().GetAsync(new Uri(Chat, UriKind.Relative));

        Assert.StartsWith("/account/sign-in?returnUrl=", response.RedirectTarget(), StringComparison.Ordinal);
    }

    /// <summary>Sends a message from the page's form and checks it went.</summary>
    private static async Task SendAsync(HttpClient client, string page, string body)
    {
        using var sent = await client.PostFormAsync(page, new Dictionary<string, string> { ["Body"] = body });
        Assert.StartsWith($"{page}?sent=1", sent.RedirectTarget(), StringComparison.Ordinal);
    }

    private static IElement RowFor(IDocument chats, string person) =>
        chats.QuerySelectorAll("[data-chats] li").Single(li => li.QuerySelector("a")!.Text() == person);

    private static void AssertContentFree(SentEmail email, params string[] secrets)
    {
        Assert.Equal(Subject, email.Subject);
        Assert.EndsWith("/groups/mine", Mailbox.FirstLink(email.Body), StringComparison.Ordinal);
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(secret, email.Body, StringComparison.OrdinalIgnoreCase);
        }
    }

    private async Task<string?> ConversationOrNullAsync(string email)
    {
        var userId = (await factory.FindUserAsync(email)).Id;
        await using var db = factory.OpenDb();
        var id = await db.Conversations.Where(c => c.PersonId == userId).Select(c => (int?)c.Id).SingleOrDefaultAsync();
        return id?.ToString(CultureInfo.InvariantCulture);
    }

    private async Task<string> ConversationOfAsync(string email) =>
        await ConversationOrNullAsync(email) ?? throw new Xunit.Sdk.XunitException($"{email} has no conversation.");

    private async Task<int> MessagesInAsync(string conversationId)
    {
        var id = int.Parse(conversationId, CultureInfo.InvariantCulture);
        await using var db = factory.OpenDb();
        return await db.ConversationMessages.CountAsync(m => m.ConversationId == id);
    }
}
