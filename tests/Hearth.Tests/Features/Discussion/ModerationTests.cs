using System.Net;
using Hearth.Tests.Features.Accounts;
using Hearth.Tests.Features.Groups;
using Hearth.Web.Features.Accounts;
using Hearth.Web.Features.Discussion;
using Hearth.Web.Features.Groups;
using Hearth.Web.Features.Moderation;
using Hearth.Web.Features.Safety;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Tests.Features.Discussion;

/// <summary>
/// Safety around the discussion: the supportive page before an urgent post (never blocking it), private flags for the
/// group's organisers and the network's moderators, reports that hide a post after three members, the moderators'
/// actions, and the audit log.
/// </summary>
public sealed class ModerationTests(AccountsFactory factory) : IClassFixture<AccountsFactory>
{
    private const string Urgent = "I am going to kill myself tonight";

    [Fact]
    public async Task An_urgent_reply_shows_helplines_first_then_is_posted_as_written_with_a_priority_flag()
    {
        var g = await factory.DiscussionGroupAsync();
        var topic = await g.Members[0].Client.StartTopicAsync(g.Discussion, "Tonight", "How is everyone?");
        var words = DiscussionFlows.Unique(Urgent);
        var before = await CountPostsAsync();

        using var first = await g.Members[1].Client.ReplyAsync(g.Topic(topic), words, warning: "suicide");
        var support = await first.ReadDocumentAsync();
        Assert.Equal("Before you post: are you safe right now?", support.Heading());
        Assert.NotNull(support.QuerySelector("[data-support] a[href='tel:116123']"));
        Assert.Equal(words, support.QuerySelector("[data-support] input[name=Body]")!.GetAttribute("value"));
        Assert.Equal("suicide", support.QuerySelector("[data-support] input[name=ContentWarning]")!.GetAttribute("value"));
        Assert.Equal(before, await CountPostsAsync());

        using var posted = await g.Members[1].Client.SubmitAsync(g.Topic(topic), support.QuerySelector("[data-support] form")!, button: support.QuerySelector("[data-post-anyway]"));
        Assert.Contains("done=reply", posted.RedirectTarget(), StringComparison.Ordinal);
        var post = await factory.PostAsync(words);
        Assert.Equal(words, post.Body);
        Assert.Equal(PostState.Published, post.State);
        await using (var db = factory.OpenDb())
        {
            var flag = await db.SafetyFlags.SingleAsync(f => f.PostId == post.Id);
            Assert.Equal(RiskLevel.Urgent, flag.Level);
            Assert.True(flag.PostedAnyway);
        }

        var sam = await factory.SignInAsAsync("Sam");
        foreach (var moderator in new[] { g.Organiser.Client, sam })
        {
            var item = (await moderator.GetDocumentAsync("/moderation")).QuerySelector($"[data-queue-item='{post.Id}']")!;
            Assert.NotNull(item.QuerySelector("[data-priority]"));
        }

        var eleri = await factory.SignInAsAsync("Eleri");
        Assert.Null((await eleri.GetDocumentAsync("/moderation")).QuerySelector($"[data-queue-item='{post.Id}']"));
        Assert.Contains(words, (await g.Members[2].Client.GetDocumentAsync(g.Topic(topic))).MainText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Going_back_from_the_supportive_page_keeps_the_words_and_posts_nothing()
    {
        var g = await factory.DiscussionGroupAsync();
        var words = DiscussionFlows.Unique(Urgent);
        using var first = await g.Members[0].Client.PostFormAsync($"{g.Discussion}/new", new Dictionary<string, string> { ["Title"] = "Tonight", ["Body"] = words });
        var support = await first.ReadDocumentAsync();
        var before = await CountPostsAsync();
        using var back = await g.Members[0].Client.SubmitAsync($"{g.Discussion}/new", support.QuerySelector("[data-support] form")!, [new("Back", "true")]);
        var form = await back.ReadDocumentAsync();
        Assert.Equal("Tonight", form.QuerySelector("input#Title")!.GetAttribute("value"));
        Assert.Equal(words, form.QuerySelector("textarea#Body")!.TextContent.TrimStart('\n'));
        Assert.Equal(before, await CountPostsAsync());
    }

    [Fact]
    public async Task Three_reports_from_different_members_hide_a_post_until_an_organiser_restores_it()
    {
        var g = await factory.DiscussionGroupAsync(members: 4);
        var topic = await g.Members[0].Client.StartTopicAsync(g.Discussion, "Opinions", DiscussionFlows.Unique("You lot have it easy compared to me"));
        var post = await factory.PostAsync("You lot have it easy");
        var report = $"{g.Discussion}/posts/{post.Id}/report";

        using (var own = await g.Members[0].Client.PostFormAsync(report, new Dictionary<string, string> { ["Reason"] = "Unkind" }))
        {
            Assert.Equal("You cannot report your own post; you can edit or delete it", (await own.ReadDocumentAsync()).FieldError("Reason"));
        }

        using (var none = await g.Members[1].Client.PostFormAsync(report, new Dictionary<string, string> { ["Note"] = "Unkind to us" }))
        {
            var page = await none.ReadDocumentAsync();
            Assert.Equal("Choose why you are reporting this post", page.FieldError("Reason"));
            Assert.Equal("Unkind to us", page.QuerySelector("textarea#Note")!.TextContent.TrimStart('\n'));
        }

        foreach (var reporter in g.Members.Skip(1).Take(2))
        {
            using var sent = await reporter.Client.PostFormAsync(report, new Dictionary<string, string> { ["Reason"] = "Competitive" });
            Assert.Equal($"{g.Topic(topic)}?done=reported", sent.RedirectTarget());
        }

        using (var twice = await g.Members[1].Client.PostFormAsync(report, new Dictionary<string, string> { ["Reason"] = "Unkind" }))
        {
            Assert.Equal("You have already reported this post. Moderators will look at it", (await twice.ReadDocumentAsync()).FieldError("Reason"));
        }

        Assert.Equal(PostState.Published, (await factory.PostAsync("You lot have it easy")).State);
        using (await g.Members[3].Client.PostFormAsync(report, new Dictionary<string, string> { ["Reason"] = "Unkind", ["Note"] = "Comparing again" }))
        {
        }

        Assert.Equal(PostState.Hidden, (await factory.PostAsync("You lot have it easy")).State);
        Assert.Equal("Hidden while moderators look at it.", (await g.Organiser.Client.GetDocumentAsync(g.Topic(topic))).Posts()[0].QuerySelector(".post__gone")!.Text());
        Assert.Contains("it is hidden while moderators look at it", (await g.Members[0].Client.GetDocumentAsync(g.Topic(topic))).MainText(), StringComparison.Ordinal);

        var review = await g.Organiser.Client.GetDocumentAsync($"/moderation/posts/{post.Id}");
        var reports = review.QuerySelector("[data-reports]")!.Text();
        Assert.Contains("Comparing who has it worse", reports, StringComparison.Ordinal);
        Assert.Contains("Comparing again", reports, StringComparison.Ordinal);
        foreach (var reporter in g.Members.Skip(1))
        {
            Assert.DoesNotContain(reporter.Name, review.MainText(), StringComparison.Ordinal);
        }

        using (var restored = await g.Organiser.Client.PostHandlerAsync($"/moderation/posts/{post.Id}?handler=Keep", new Dictionary<string, string> { ["Note"] = "Heated, but within the agreement" }))
        {
            Assert.Equal("/moderation?done=1", restored.RedirectTarget());
        }

        Assert.Contains("You lot have it easy", (await g.Members[1].Client.GetDocumentAsync(g.Topic(topic))).MainText(), StringComparison.Ordinal);
        Assert.Null((await g.Organiser.Client.GetDocumentAsync("/moderation")).QuerySelector($"[data-queue-item='{post.Id}']"));
        foreach (var reporter in g.Members.Skip(1))
        {
            var notices = (await reporter.Client.GetDocumentAsync("/notifications")).MainText();
            Assert.Contains($"A post you reported in {g.Group.Name} has been reviewed.", notices, StringComparison.Ordinal);
            Assert.DoesNotContain("Restored", notices, StringComparison.Ordinal);
        }

        var log = (await g.Organiser.Client.GetDocumentAsync("/moderation/log")).QuerySelectorAll("[data-log-entry]").Select(e => e.GetAttribute("data-log-entry")).ToList();
        Assert.Equal(["Restored", "HiddenAutomatically"], log.Take(2));
    }

    [Fact]
    public async Task Someone_outside_the_group_cannot_act_on_its_posts_and_nothing_changes()
    {
        var g = await factory.DiscussionGroupAsync();
        await g.Members[0].Client.StartTopicAsync(g.Discussion, "Mine", DiscussionFlows.Unique("Something reported"));
        var post = await factory.PostAsync("Something reported");
        using (await g.Members[1].Client.PostFormAsync($"{g.Discussion}/posts/{post.Id}/report", new Dictionary<string, string> { ["Reason"] = "Spam" }))
        {
        }

        var eleri = await factory.SignInAsAsync("Eleri");
        using var refused = await eleri.PostHandlerAsync($"/moderation/posts/{post.Id}?handler=Hide", new Dictionary<string, string>());
        var page = await refused.ReadDocumentAsync(HttpStatusCode.Forbidden);
        Assert.Contains("You can only moderate posts in groups you help run. Nothing was changed", page.ErrorSummary(), StringComparison.Ordinal);
        Assert.DoesNotContain("Something reported", page.MainText(), StringComparison.Ordinal);
        await using var db = factory.OpenDb();
        Assert.Equal(PostState.Published, (await db.Posts.SingleAsync(p => p.Id == post.Id)).State);
        Assert.False(await db.ModerationLog.AnyAsync(e => e.PostId == post.Id));
        Assert.True(await db.Reports.AnyAsync(r => r.PostId == post.Id && r.ReviewedAt == null));
    }

    [Fact]
    public async Task A_warned_author_reads_the_note_and_a_suspended_one_cannot_post_but_keeps_their_words()
    {
        var g = await factory.DiscussionGroupAsync();
        var topic = await g.Members[0].Client.StartTopicAsync(g.Discussion, "Rules", DiscussionFlows.Unique("Nobody here understands anything"));
        var post = await factory.PostAsync("Nobody here understands anything");
        var review = $"/moderation/posts/{post.Id}";

        using (var noNote = await g.Organiser.Client.PostHandlerAsync($"{review}?handler=Warn", new Dictionary<string, string> { ["Note"] = " " }))
        {
            Assert.Equal("Write the note the author will read", (await noNote.ReadDocumentAsync()).FieldError("Note"));
        }

        using (await g.Organiser.Client.PostHandlerAsync($"{review}?handler=Warn", new Dictionary<string, string> { ["Note"] = "Please remember we listen without judging." }))
        {
        }

        Assert.Contains("Please remember we listen without judging.", (await g.Members[0].Client.GetDocumentAsync("/notifications")).MainText(), StringComparison.Ordinal);

        using (var badDays = await g.Organiser.Client.PostHandlerAsync($"{review}?handler=Suspend", new Dictionary<string, string> { ["Days"] = "400" }))
        {
            var page = await badDays.ReadDocumentAsync();
            Assert.Equal("Enter a number of days from 1 to 365", page.FieldError("Days"));
            Assert.Equal("400", page.QuerySelector("input#Days")!.GetAttribute("value"));
        }

        using (await g.Organiser.Client.PostHandlerAsync($"{review}?handler=Suspend", new Dictionary<string, string> { ["Days"] = "7" }))
        {
        }

        using (var reply = await g.Members[0].Client.ReplyAsync(g.Topic(topic), "But I want to say this."))
        {
            var page = await reply.ReadDocumentAsync();
            Assert.StartsWith("A moderator has paused your posting in this group until ", page.FieldError("Body"), StringComparison.Ordinal);
            Assert.Equal("But I want to say this.", page.QuerySelector("textarea#Body")!.TextContent.TrimStart('\n'));
        }

        using (var ban = await g.Organiser.Client.PostHandlerAsync($"{review}?handler=Ban", new Dictionary<string, string>()))
        {
            Assert.Contains("Only the network's admins can ban someone", (await ban.ReadDocumentAsync()).ErrorSummary(), StringComparison.Ordinal);
        }

        await using var db = factory.OpenDb();
        Assert.Null((await db.Users.SingleAsync(u => u.Id == g.Members[0].UserId)).BannedAt);
        Assert.Equal(
            [ModerationAction.Warned, ModerationAction.Suspended],
            await db.ModerationLog.Where(e => e.PostId == post.Id).OrderBy(e => e.Id).Select(e => e.Action).ToListAsync());
        Assert.Equal(1, await db.Posts.CountAsync(p => p.TopicId == topic));
    }

    [Fact]
    public async Task An_admin_bans_an_author_who_is_signed_out_and_cannot_sign_in_again()
    {
        var g = await factory.DiscussionGroupAsync();
        var topic = await g.Members[0].Client.StartTopicAsync(g.Discussion, "Buy now", DiscussionFlows.Unique("Cheap pills, message me"));
        var post = await factory.PostAsync("Cheap pills, message me");
        var alex = await factory.SignInAsAsync("Alex");
        using (var banned = await alex.PostHandlerAsync($"/moderation/posts/{post.Id}?handler=Ban", new Dictionary<string, string> { ["Note"] = "Selling medicines" }))
        {
            Assert.Equal("/moderation?done=1", banned.RedirectTarget());
        }

        using (var after = await g.Members[0].Client.GetAsync(g.Topic(topic)))
        {
            Assert.StartsWith("/account/sign-in", after.RedirectTarget(), StringComparison.Ordinal);
        }

        using var again = await factory.CreateBrowserLikeClient().PostSignInAsync(g.Members[0].Person.Email, g.Members[0].Person.Password);
        Assert.NotEqual("/", again.Headers.Location?.OriginalString);
        await using var db = factory.OpenDb();
        Assert.NotNull((await db.Users.SingleAsync(u => u.Id == g.Members[0].UserId)).BannedAt);
        Assert.Equal("Selling medicines", (await db.ModerationLog.SingleAsync(e => e.PostId == post.Id && e.Action == ModerationAction.Banned)).Note);
    }

    [Fact]
    public async Task The_log_shows_organisers_their_own_groups_and_network_moderators_every_group()
    {
        var first = await factory.DiscussionGroupAsync();
        var second = await factory.DiscussionGroupAsync();
        foreach (var g in new[] { first, second })
        {
            await g.Members[0].Client.StartTopicAsync(g.Discussion, "Log", DiscussionFlows.Unique($"Logged in {g.Group.Name}"));
            var post = await factory.PostAsync($"Logged in {g.Group.Name}");
            using (await g.Organiser.Client.PostHandlerAsync($"/moderation/posts/{post.Id}?handler=Hide", new Dictionary<string, string> { ["Note"] = $"note for {g.Group.Name}" }))
            {
            }
        }

        var own = (await first.Organiser.Client.GetDocumentAsync("/moderation/log")).QuerySelector("[data-log]")!.Text();
        Assert.Contains($"note for {first.Group.Name}", own, StringComparison.Ordinal);
        Assert.DoesNotContain($"note for {second.Group.Name}", own, StringComparison.Ordinal);
        var all = (await (await factory.SignInAsAsync("Sam")).GetDocumentAsync("/moderation/log")).QuerySelector("[data-log]")!.Text();
        Assert.Contains($"note for {first.Group.Name}", all, StringComparison.Ordinal);
        Assert.Contains($"note for {second.Group.Name}", all, StringComparison.Ordinal);
        await first.Members[0].Client.GetDocumentAsync("/moderation/log", HttpStatusCode.NotFound);
    }

    private async Task<int> CountPostsAsync()
    {
        await using var db = factory.OpenDb();
        return await db.Posts.CountAsync();
    }
}
