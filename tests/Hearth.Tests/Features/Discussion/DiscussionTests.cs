using System.Net;
using Hearth.Tests.Features.Accounts;
using Hearth.Tests.Features.Groups;
using Hearth.Web.Features.Discussion;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Tests.Features.Discussion;

/// <summary>
/// A group's discussion as its members use it: topics and replies, announcements, content warnings, reactions only
/// the author counts, edits and deletes, notices, block and muted words, and what bad input gets.
/// </summary>
public sealed class DiscussionTests(AccountsFactory factory) : IClassFixture<AccountsFactory>
{
    [Fact]
    public async Task A_member_starts_a_topic_another_replies_and_the_first_is_told()
    {
        var g = await factory.DiscussionGroupAsync();
        var (ana, ben) = (g.Members[0], g.Members[1]);
        var title = DiscussionFlows.Unique("Sleep during a taper");
        var topic = await ana.Client.StartTopicAsync(g.Discussion, title, "Has anyone found something that *helps*?");

        var list = await ben.Client.GetDocumentAsync(g.Discussion);
        Assert.Contains(title, list.QuerySelector("[data-topics]")!.Text(), StringComparison.Ordinal);
        using (var replied = await ben.Client.ReplyAsync(g.Topic(topic), "A fixed time to get up."))
        {
            Assert.StartsWith($"{g.Topic(topic)}?p=1&done=reply#post-", replied.RedirectTarget(), StringComparison.Ordinal);
        }

        var page = await ana.Client.GetDocumentAsync(g.Topic(topic));
        Assert.Equal(title, page.Heading());
        var posts = page.Posts();
        Assert.Equal(2, posts.Length);
        Assert.Equal("<p>Has anyone found something that <em>helps</em>?</p>", posts[0].QuerySelector(".post__body")!.InnerHtml.Trim());
        Assert.Equal(ben.Name, posts[1].QuerySelector(".post__author")!.Text());

        var notices = await ana.Client.GetDocumentAsync("/notifications");
        Assert.Contains($"A new reply in {g.Group.Name}: {title}", notices.QuerySelector("[data-notices]")!.Text(), StringComparison.Ordinal);
        Assert.Null((await ben.Client.GetDocumentAsync("/notifications")).QuerySelector("[data-notices]"));
    }

    [Fact]
    public async Task Organisers_pin_announcements_that_every_member_hears_about_and_members_cannot_make_one()
    {
        var g = await factory.DiscussionGroupAsync();
        var older = await g.Members[0].Client.StartTopicAsync(g.Discussion, "A member's topic", "Hello all.");
        var title = DiscussionFlows.Unique("The hall is closed next week");
        await g.Organiser.Client.StartTopicAsync(g.Discussion, title, "See you the week after.", announcement: true);

        var first = (await g.Members[1].Client.GetDocumentAsync(g.Discussion)).QuerySelector("[data-topics] li")!;
        Assert.Contains("Announcement", first.Text(), StringComparison.Ordinal);
        Assert.Contains(title, first.Text(), StringComparison.Ordinal);
        foreach (var member in g.Members)
        {
            Assert.Contains($"A new announcement in {g.Group.Name}", (await member.Client.GetDocumentAsync("/notifications")).MainText(), StringComparison.Ordinal);
        }

        var before = await CountAsync();
        using var refused = await g.Members[0].Client.PostFormAsync($"{g.Discussion}/new", new Dictionary<string, string> { ["Title"] = "Pinned by me", ["Body"] = "Read this first", ["Announcement"] = "true" });
        var page = await refused.ReadDocumentAsync();
        Assert.Contains("Only the group's organisers can make announcements", page.ErrorSummary(), StringComparison.Ordinal);
        Assert.Equal("Read this first", page.QuerySelector("textarea#Body")!.TextContent);
        Assert.Equal(before, await CountAsync());
        Assert.True(older > 0);
    }

    [Fact]
    public async Task A_post_with_a_content_warning_stays_folded_until_opened()
    {
        var g = await factory.DiscussionGroupAsync();
        var topic = await g.Members[0].Client.StartTopicAsync(g.Discussion, "A hard week", "I want to talk about my dad's funeral.", warning: "loss");

        var post = (await g.Members[1].Client.GetDocumentAsync(g.Topic(topic))).Posts()[0];
        var fold = post.QuerySelector("details[data-warning]")!;
        Assert.False(fold.HasAttribute("open"));
        Assert.Equal("Content warning: loss. Open to read", fold.QuerySelector("summary")!.Text());
        Assert.Contains("my dad's funeral", fold.QuerySelector(".post__body")!.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_the_author_sees_how_many_reacted_and_reacting_twice_changes_nothing()
    {
        var g = await factory.DiscussionGroupAsync();
        var topic = await g.Members[0].Client.StartTopicAsync(g.Discussion, "Small wins", "I went outside today.");
        var post = await factory.PostAsync("I went outside today.");
        var react = $"{g.Topic(topic)}?handler=React&postId={post.Id}&kind=SendingSupport";
        foreach (var member in g.Members.Skip(1))
        {
            var page = await member.Client.GetDocumentAsync(g.Topic(topic));
            var button = page.QuerySelector($"article[data-post='{post.Id}'] button[formaction*='handler=React'][formaction*='kind=SendingSupport']")!;
            using var sent = await member.Client.SubmitAsync(g.Topic(topic), page.QuerySelector("form#post-actions")!, button: button);
            Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        }

        Assert.Equal("Only you can see this: 2 sending support", (await g.Members[0].Client.GetDocumentAsync(g.Topic(topic))).QuerySelector("[data-reaction-counts]")!.Text());
        foreach (var viewer in new[] { g.Members[1], g.Members[2], g.Organiser })
        {
            var page = await viewer.Client.GetDocumentAsync(g.Topic(topic));
            Assert.Null(page.QuerySelector("[data-reaction-counts]"));
            Assert.DoesNotContain("sending support", page.MainText().Replace("Sending support", "", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase);
        }

        using var again = await g.Members[1].Client.PostHandlerAsync(react, new Dictionary<string, string>());
        Assert.Equal("You have already sent \"Sending support\" to this post", (await again.ReadDocumentAsync()).ErrorSummary()!.Replace("There is a problem", "", StringComparison.Ordinal).Trim());
        await using var db = factory.OpenDb();
        Assert.Equal(2, await db.Reactions.CountAsync(r => r.PostId == post.Id));
    }

    [Fact]
    public async Task Bad_posts_get_a_message_beside_the_field_keep_their_words_and_store_nothing()
    {
        var g = await factory.DiscussionGroupAsync();
        var topic = await g.Members[0].Client.StartTopicAsync(g.Discussion, "Tapering", "Day three.");
        var tooLong = new string('a', 20_001);
        foreach (var (body, message) in new[]
        {
            ("   ", "Write something before posting"),
            (tooLong, "Keep this under 20000 characters (it has 20001)"),
            ("<b>loud</b> words", "HTML cannot be used here. Use plain text, or *italics*, **bold**, lists and links"),
            ("[click](javascript:alert(1))", "Links can only go to web pages (https://...) or email addresses. Remove any other kind of link"),
        })
        {
            var before = await CountAsync();
            using var response = await g.Members[1].Client.ReplyAsync(g.Topic(topic), body);
            var page = await response.ReadDocumentAsync();
            Assert.Equal(message, page.FieldError("Body"));
            Assert.Equal(body, page.QuerySelector("textarea#Body")!.TextContent.TrimStart('\n'));
            Assert.Equal(before, await CountAsync());
        }
    }

    [Fact]
    public async Task Line_breaks_count_once_as_the_browser_counts_them_and_are_stored_as_written()
    {
        var g = await factory.DiscussionGroupAsync();
        var topic = await g.Members[0].Client.StartTopicAsync(g.Discussion, "Long", "A long one follows.");
        var line = new string('x', 99);
        var browserSends = string.Join("\r\n", Enumerable.Repeat(line, 200));
        using (var response = await g.Members[1].Client.ReplyAsync(g.Topic(topic), browserSends))
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        }

        var stored = await factory.PostAsync(line + "\n" + line);
        Assert.Equal(19_999, stored.Body.Length);
        Assert.DoesNotContain('\r', stored.Body);
    }

    [Fact]
    public async Task A_reply_to_a_deleted_topic_is_refused_with_its_words_kept()
    {
        var g = await factory.DiscussionGroupAsync();
        var topic = await g.Members[0].Client.StartTopicAsync(g.Discussion, "Going soon", "Just a thought.");
        var page = await g.Members[1].Client.GetDocumentAsync(g.Topic(topic));
        var opening = await factory.PostAsync("Just a thought.");
        using (var deleted = await g.Members[0].Client.PostHandlerAsync($"{g.Topic(topic)}?handler=Delete&postId={opening.Id}", new Dictionary<string, string>()))
        {
            Assert.Equal($"{g.Discussion}?done=deleted", deleted.RedirectTarget());
        }

        var before = await CountAsync();
        using var reply = await g.Members[1].Client.SubmitAsync(g.Topic(topic), page.QuerySelector(DiscussionFlows.ReplyForm)!, [new("Body", "I am glad you said it.")]);
        var refused = await reply.ReadDocumentAsync();
        Assert.Equal("This topic was deleted by its author, so it cannot take replies. Your words are still here to copy", refused.FieldError("Body"));
        Assert.Equal("I am glad you said it.", refused.QuerySelector("textarea#Body")!.TextContent.TrimStart('\n'));
        Assert.Equal(before, await CountAsync());
        Assert.DoesNotContain("Going soon", (await g.Members[1].Client.GetDocumentAsync(g.Discussion)).MainText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Authors_edit_and_delete_their_own_posts_only()
    {
        var g = await factory.DiscussionGroupAsync();
        var topic = await g.Members[0].Client.StartTopicAsync(g.Discussion, "Walking", "I walked to the sea.");
        using (var reply = await g.Members[1].Client.ReplyAsync(g.Topic(topic), "Well done you."))
        {
            Assert.Equal(HttpStatusCode.Redirect, reply.StatusCode);
        }

        var reply1 = await factory.PostAsync("Well done you.");
        var edit = $"{g.Discussion}/posts/{reply1.Id}/edit";
        await g.Members[0].Client.GetDocumentAsync(edit, HttpStatusCode.NotFound);
        using (var saved = await g.Members[1].Client.PostFormAsync(edit, new Dictionary<string, string> { ["Body"] = "Well done you, really." }))
        {
            Assert.StartsWith($"{g.Topic(topic)}?done=edited", saved.RedirectTarget(), StringComparison.Ordinal);
        }

        var shown = (await g.Members[2].Client.GetDocumentAsync(g.Topic(topic))).Posts()[1];
        Assert.Equal("Well done you, really.", shown.QuerySelector(".post__body")!.Text());
        Assert.StartsWith("(edited ", shown.QuerySelector(".post__edited")!.Text(), StringComparison.Ordinal);

        using (var notYours = await g.Members[0].Client.PostHandlerAsync($"{g.Topic(topic)}?handler=Delete&postId={reply1.Id}", new Dictionary<string, string>()))
        {
            Assert.Contains("You can only delete what you wrote", (await notYours.ReadDocumentAsync()).ErrorSummary(), StringComparison.Ordinal);
        }

        using (var gone = await g.Members[1].Client.PostHandlerAsync($"{g.Topic(topic)}?handler=Delete&postId={reply1.Id}", new Dictionary<string, string>()))
        {
            Assert.Equal($"{g.Topic(topic)}?done=deleted", gone.RedirectTarget());
        }

        var after = (await g.Members[2].Client.GetDocumentAsync(g.Topic(topic))).Posts()[1];
        Assert.Equal("Deleted by its author.", after.QuerySelector(".post__gone")!.Text());
        await using var db = factory.OpenDb();
        Assert.Equal("", (await db.Posts.SingleAsync(p => p.Id == reply1.Id)).Body);
    }

    [Fact]
    public async Task Blocking_hides_each_from_the_other_and_the_blocked_person_is_not_told()
    {
        var g = await factory.DiscussionGroupAsync();
        var (ana, ben, cal) = (g.Members[0], g.Members[1], g.Members[2]);
        var topic = await cal.Client.StartTopicAsync(g.Discussion, "Evenings", "What do you do in the evenings?");
        var anaTopic = await ana.Client.StartTopicAsync(g.Discussion, DiscussionFlows.Unique("Ana's own topic"), "Anyone else up late?");
        using (await ana.Client.ReplyAsync(g.Topic(topic), "I knit."))
        using (await ben.Client.ReplyAsync(g.Topic(topic), "I walk the dog."))
        {
        }

        var anaPost = await factory.PostAsync("I knit.");
        using (var blocked = await ben.Client.PostHandlerAsync($"{g.Topic(topic)}?handler=Block&postId={anaPost.Id}", new Dictionary<string, string>()))
        {
            Assert.Equal($"{g.Topic(topic)}?done=blocked", blocked.RedirectTarget());
        }

        Assert.DoesNotContain("I knit.", (await ben.Client.GetDocumentAsync(g.Topic(topic))).MainText(), StringComparison.Ordinal);
        Assert.DoesNotContain("I walk the dog.", (await ana.Client.GetDocumentAsync(g.Topic(topic))).MainText(), StringComparison.Ordinal);
        Assert.Contains("I knit.", (await cal.Client.GetDocumentAsync(g.Topic(topic))).MainText(), StringComparison.Ordinal);
        Assert.DoesNotContain("Ana's own topic", (await ben.Client.GetDocumentAsync(g.Discussion)).MainText(), StringComparison.Ordinal);
        await ben.Client.GetDocumentAsync(g.Topic(anaTopic), HttpStatusCode.NotFound);
        Assert.Contains(ana.Name, (await ben.Client.GetDocumentAsync("/account/blocked")).QuerySelector("[data-blocked]")!.Text(), StringComparison.Ordinal);
        Assert.DoesNotContain(ben.Name, (await ana.Client.GetDocumentAsync("/notifications")).MainText(), StringComparison.Ordinal);
        await using var db = factory.OpenDb();
        Assert.False(await db.DiscussionNotices.AnyAsync(n => n.UserId == ana.UserId && n.Kind != DiscussionNoticeKind.Reply));
    }

    [Fact]
    public async Task Muted_words_fold_posts_away_for_that_person_only()
    {
        var g = await factory.DiscussionGroupAsync();
        using (var saved = await g.Members[1].Client.PostFormAsync("/account/muted", new Dictionary<string, string> { ["Words"] = "hospital\nDiet" }))
        {
            Assert.Equal("/account/muted?done=1", saved.RedirectTarget());
        }

        var topic = await g.Members[0].Client.StartTopicAsync(g.Discussion, "Appointments", "The HOSPITAL visit went fine.");
        Assert.NotNull((await g.Members[1].Client.GetDocumentAsync(g.Topic(topic))).Posts()[0].QuerySelector("details[data-muted]"));
        Assert.Null((await g.Members[2].Client.GetDocumentAsync(g.Topic(topic))).Posts()[0].QuerySelector("details[data-muted]"));

        var tooMany = string.Join('\n', Enumerable.Range(1, 51).Select(i => $"word{i}"));
        using var refused = await g.Members[1].Client.PostFormAsync("/account/muted", new Dictionary<string, string> { ["Words"] = tooMany });
        var page = await refused.ReadDocumentAsync();
        Assert.Equal("You can mute up to 50 words; this list has 51", page.FieldError("Words"));
        Assert.Equal(tooMany, page.QuerySelector("textarea#Words")!.TextContent.TrimStart('\n'));
        await using var db = factory.OpenDb();
        Assert.Equal("hospital\nDiet", await db.Users.Where(u => u.Id == g.Members[1].UserId).Select(u => u.MutedWords).SingleAsync());
    }

    [Fact]
    public async Task New_accounts_cannot_post_links_and_post_at_a_limited_rate_and_repeats_are_refused()
    {
        var g = await factory.DiscussionGroupAsync();
        var newcomer = await factory.NewSignedInAsync();
        await using (var db = factory.OpenDb())
        {
            db.GroupMembers.Add(new Hearth.Web.Features.Groups.GroupMember { GroupId = g.Group.Id, UserId = newcomer.UserId, JoinedAt = DateTime.UtcNow, AgreementVersionAccepted = 1 });
            await db.SaveChangesAsync();
        }

        var topic = await g.Members[0].Client.StartTopicAsync(g.Discussion, "Welcome", "Say hello.");
        using (var link = await newcomer.Client.ReplyAsync(g.Topic(topic), "Look at https://example.com/cheap-pills"))
        {
            Assert.Equal("New accounts cannot post links for their first 24 hours. Remove the link, or post it later", (await link.ReadDocumentAsync()).FieldError("Body"));
        }

        for (var i = 1; i <= 5; i++)
        {
            using var ok = await newcomer.Client.ReplyAsync(g.Topic(topic), $"Hello number {i}");
            Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        }

        using (var sixth = await newcomer.Client.ReplyAsync(g.Topic(topic), "Hello number 6"))
        {
            var page = await sixth.ReadDocumentAsync();
            Assert.StartsWith("New accounts can post 5 times an hour. You can post again at ", page.FieldError("Body"), StringComparison.Ordinal);
            Assert.Equal("Hello number 6", page.QuerySelector("textarea#Body")!.TextContent.TrimStart('\n'));
        }

        using (await g.Members[1].Client.ReplyAsync(g.Topic(topic), "Hello and welcome!"))
        using (var repeat = await g.Members[1].Client.ReplyAsync(g.Topic(topic), "hello  AND welcome!"))
        {
            Assert.Equal("You have already posted these same words. Change them or post something new", (await repeat.ReadDocumentAsync()).FieldError("Body"));
        }

        await using var check = factory.OpenDb();
        Assert.Equal(5, await check.Posts.CountAsync(p => p.AuthorId == newcomer.UserId));
        Assert.Equal(1, await check.Posts.CountAsync(p => p.AuthorId == g.Members[1].UserId));
    }

    [Fact]
    public async Task A_post_with_many_links_waits_for_a_moderator_and_only_its_author_sees_it()
    {
        var g = await factory.DiscussionGroupAsync();
        var topic = await g.Members[0].Client.StartTopicAsync(g.Discussion, "Reading", "What helped you understand tapering?");
        var links = "See https://a.example https://b.example https://c.example and https://d.example";
        using (var held = await g.Members[1].Client.ReplyAsync(g.Topic(topic), links))
        {
            Assert.Contains("done=held", held.RedirectTarget(), StringComparison.Ordinal);
        }

        Assert.Contains("Only you can see this post for now", (await g.Members[1].Client.GetDocumentAsync(g.Topic(topic))).MainText(), StringComparison.Ordinal);
        Assert.DoesNotContain("d.example", (await g.Members[2].Client.GetDocumentAsync(g.Topic(topic))).MainText(), StringComparison.Ordinal);
        var post = await factory.PostAsync("https://d.example");
        Assert.Equal(PostState.Held, post.State);
        Assert.NotNull((await g.Organiser.Client.GetDocumentAsync("/moderation")).QuerySelector($"[data-queue-item='{post.Id}']"));
    }

    private async Task<int> CountAsync()
    {
        await using var db = factory.OpenDb();
        return await db.Posts.CountAsync() + await db.Topics.CountAsync();
    }
}
