using System.Globalization;
using System.Text.RegularExpressions;
using Hearth.Web.Data;
using Hearth.Web.Features.Accounts;
using Hearth.Web.Features.Groups;
using Hearth.Web.Features.Moderation;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Hearth.BrowserTests;

/// <summary>
/// The group discussion in real Chromium, with axe-core on every page: the urgent reply with and without JavaScript,
/// the others once each (folding and moderation without it, blocking with it, to keep the suite short): a post folded
/// behind a content warning, an urgent reply that meets the supportive page first and reaches moderators first,
/// reports that hide a post until a moderator restores it, blocking, boxes filled to their limit over several lines,
/// and a corpus of script-injection attempts through every text box of the discussion and its moderation. The demo
/// network's Prestatyn group is the stage; people made here are month-old members of it.
/// </summary>
public sealed partial class DiscussionJourneyTests(BrowserHost host) : IClassFixture<BrowserHost>
{
    private const string Slug = "prestatyn-withdrawal-support";
    private const string Discussion = $"/groups/{Slug}/discussion";
    private const string GroupName = "Prestatyn Withdrawal Support";
    private const string DemoTopic = "Sleep during a taper step";
    private const string ReplyForm = "main form[action*='handler=Reply']";
    private const string Robin = "robin@demo.hearth.invalid";
    private const string Sam = "sam@demo.hearth.invalid";
    private const string Jo = "jo@demo.hearth.invalid";

    [Theory]
    [InlineData(false)]
    public async Task A_post_behind_a_content_warning_stays_folded_until_a_member_chooses_to_open_it(bool javaScript)
    {
        var axe = new Axe();
        var run = Run();
        var title = $"When the anger comes {run}";
        var body = $"Some days in a taper step the anger frightens me. It came out at my sister on Sunday. ({run})";
        const string warning = "anger and family conflict";

        await using var author = await host.OpenAsync(javaScript);
        var robin = author.Page;
        await SignIn.AsAsync(robin, Robin);
        await robin.GotoAsync(Discussion);
        Assert.Equal($"Discussion: {GroupName}", await robin.Locator("h1").InnerTextAsync());
        await axe.CheckAsync(author);
        await robin.GetByRole(AriaRole.Link, new() { Name = "Start a topic" }).ClickToNavigateAsync();
        await robin.ExpectUrlAsync($"**{Discussion}/new");
        Assert.Equal(1, await robin.GetByLabel("Make this an announcement").CountAsync());
        await axe.CheckAsync(author);

        // The title forgotten first: the message sits beside it and the rest is kept.
        await robin.GetByLabel("What would you like to say?").FillAsync(body);
        await robin.GetByLabel("Content warning (optional)").FillAsync(warning);
        await robin.GetByRole(AriaRole.Button, new() { Name = "Post topic" }).ClickToNavigateAsync();
        Assert.Equal("Give your topic a title", await robin.Locator("#Title-error").InnerTextAsync());
        await robin.ExpectUrlAsync($"**{Discussion}/new");
        Assert.Equal(body, await robin.GetByLabel("What would you like to say?").InputValueAsync());
        Assert.Equal(warning, await robin.GetByLabel("Content warning (optional)").InputValueAsync());
        await axe.CheckAsync(author);
        await robin.GetByLabel("Title", new() { Exact = true }).FillAsync(title);
        await robin.GetByRole(AriaRole.Button, new() { Name = "Post topic" }).ClickToNavigateAsync();
        var topicId = await TopicIdAsync(robin);
        Assert.Equal(title, await robin.Locator("h1").InnerTextAsync());
        await axe.CheckAsync(author);

        await using var member = await host.OpenAsync(javaScript);
        var sam = member.Page;
        await SignIn.AsAsync(sam, Sam);
        await sam.GotoAsync(Discussion);
        await sam.Locator("[data-topics]").GetByRole(AriaRole.Link, new() { Name = title, Exact = true }).ClickToNavigateAsync();
        await sam.ExpectUrlAsync($"**{Discussion}/{topicId}");
        var post = sam.Locator("article[data-post]").Filter(new() { HasText = "Robin" });
        var fold = post.Locator("details[data-warning]");
        Assert.Equal($"Content warning: {warning}. Open to read", await fold.Locator("summary").InnerTextAsync());
        Assert.Null(await fold.GetAttributeAsync("open"));
        Assert.False(await fold.Locator(".post__body").IsVisibleAsync());
        Assert.Equal(1, await post.Locator(".post__body").CountAsync());
        await axe.CheckAsync(member);

        await fold.Locator("summary").ClickAsync();
        await fold.Locator(".post__body").WaitForAsync(new() { State = WaitForSelectorState.Visible });
        Assert.Equal(body, (await fold.Locator(".post__body").InnerTextAsync()).Trim());
        await axe.CheckAsync(member);
        author.AssertNothingRequestedFromAnotherHost();
        member.AssertNothingRequestedFromAnotherHost();
        axe.AssertNone();
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task An_urgent_reply_meets_the_supportive_page_keeps_its_words_and_reaches_moderators_first(bool javaScript)
    {
        var axe = new Axe();
        var (name, email) = await NewMemberAsync();
        const string words = "I am going to kill myself tonight";

        await using var visit = await host.OpenAsync(javaScript);
        var page = visit.Page;
        await SignIn.AsAsync(page, email);
        await page.GotoAsync(Discussion);
        // Straight to the demo topic: other tests' topics may have pushed it off the list's first page.
        var topicId = await TopicIdAsync(DemoTopic);
        await page.GotoAsync($"{Discussion}/{topicId}");
        await axe.CheckAsync(visit);
        await page.Locator(ReplyForm).GetByLabel("Your reply").FillAsync(words);
        await page.Locator(ReplyForm).GetByRole(AriaRole.Button, new() { Name = "Post reply" }).ClickToNavigateAsync();

        // Support first: helplines to call now, and the words still waiting.
        await page.ExpectUrlAsync($"**{Discussion}/{topicId}?handler=Reply");
        var support = page.Locator("section[data-support]");
        Assert.Equal("Before you post: are you safe right now?", await support.Locator("h1").InnerTextAsync());
        var calls = await support.Locator("a[href^='tel:']").EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))");
        Assert.Contains("tel:999", calls);
        Assert.Contains("tel:116123", calls);
        Assert.Equal(words, await support.Locator("input[type=hidden][name=Body]").GetAttributeAsync("value"));
        Assert.Equal(0, await PostsByAsync(email));
        await axe.CheckAsync(visit);

        // Going back to change it brings the words back into the reply box.
        await support.GetByRole(AriaRole.Button, new() { Name = "Go back and change it" }).ClickToNavigateAsync();
        await page.Locator($"{ReplyForm} textarea#Body").WaitForAsync();
        await page.ExpectUrlAsync($"**{Discussion}/{topicId}?handler=Reply");
        Assert.Equal(words, await page.Locator(ReplyForm).GetByLabel("Your reply").InputValueAsync());
        Assert.Equal(0, await PostsByAsync(email));

        await page.Locator(ReplyForm).GetByRole(AriaRole.Button, new() { Name = "Post reply" }).ClickToNavigateAsync();
        await support.WaitForAsync();
        await page.ExpectUrlAsync($"**{Discussion}/{topicId}?handler=Reply");
        await page.Locator("button[data-post-anyway]").ClickToNavigateAsync();
        await page.ExpectUrlAsync(ReplyPosted());
        var postId = int.Parse(ReplyPosted().Match(page.Url).Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.Equal("Your reply is posted.", await page.Locator(".notice").InnerTextAsync());
        Assert.Equal(words, (await page.Locator($"article[data-post='{postId}'] .post__body").InnerTextAsync()).Trim());
        Assert.Equal(1, await PostsByAsync(email));

        // The network's moderators, and the group's organisers, see it before anything else.
        await using var moderator = await host.OpenAsync(javaScript);
        var sam = moderator.Page;
        await SignIn.AsAsync(sam, Sam);
        await sam.Locator("header").GetByRole(AriaRole.Link, new() { Name = "Moderation", Exact = true }).ClickToNavigateAsync();
        await sam.ExpectUrlAsync("**/moderation");
        var item = sam.Locator($"li[data-queue-item='{postId}']");
        Assert.Equal("Priority: someone may be at risk", await item.Locator("[data-priority]").InnerTextAsync());
        var said = await item.InnerTextAsync();
        Assert.Contains("The risk check found words that suggest immediate risk. The author saw the helplines and chose to post.", said, StringComparison.Ordinal);
        Assert.Contains($"A post by {name} in {GroupName}", said, StringComparison.Ordinal);
        await AssertPriorityFirstAsync(sam);
        await axe.CheckAsync(moderator);

        await item.GetByRole(AriaRole.Link).ClickToNavigateAsync();
        await sam.ExpectUrlAsync($"**/moderation/posts/{postId}");
        Assert.Equal(words, (await sam.Locator("[data-reviewed-post]").InnerTextAsync()).Trim());
        Assert.Equal("The risk check found words that suggest immediate risk. The author saw the helplines and chose to post.", await sam.Locator("[data-flag='Urgent']").InnerTextAsync());
        Assert.Equal("Members can read it", await sam.Locator("[data-state]").InnerTextAsync());
        await axe.CheckAsync(moderator);

        await using var organiser = await host.OpenAsync(javaScript);
        var robin = organiser.Page;
        await SignIn.AsAsync(robin, Robin);
        await robin.GotoAsync("/moderation");
        Assert.Equal(1, await robin.Locator($"li[data-queue-item='{postId}'] [data-priority]").CountAsync());
        await AssertPriorityFirstAsync(robin);
        await axe.CheckAsync(organiser);
        visit.AssertNothingRequestedFromAnotherHost();
        moderator.AssertNothingRequestedFromAnotherHost();
        organiser.AssertNothingRequestedFromAnotherHost();
        axe.AssertNone();
    }

    [Theory]
    [InlineData(false)]
    public async Task Three_reports_hide_a_post_until_a_moderator_restores_it(bool javaScript)
    {
        var axe = new Axe();
        var run = Run();
        var words = $"Two weeks at the new dose and I finally slept right through. Small steps really do add up. ({run})";

        await using var author = await host.OpenAsync(javaScript);
        var robin = author.Page;
        await SignIn.AsAsync(robin, Robin);
        await robin.GotoAsync(Discussion);
        // Straight to the demo topic: other tests' topics may have pushed it off the list's first page.
        var topicId = await TopicIdAsync(DemoTopic);
        await robin.GotoAsync($"{Discussion}/{topicId}");
        var topic = $"{Discussion}/{topicId}";
        await robin.Locator(ReplyForm).GetByLabel("Your reply").FillAsync(words);
        await robin.Locator(ReplyForm).GetByRole(AriaRole.Button, new() { Name = "Post reply" }).ClickToNavigateAsync();
        await robin.ExpectUrlAsync(ReplyPosted());
        var postId = int.Parse(ReplyPosted().Match(robin.Url).Groups[1].Value, CultureInfo.InvariantCulture);

        // Three different members report it; the third report hides it.
        var (_, second) = await NewMemberAsync();
        var (_, third) = await NewMemberAsync();
        var reporters = new[] { (Jo, "Unkind or hurtful", "It reads as a dig at people tapering faster."), (second, "Comparing who has it worse", ""), (third, "Something else", $"Not sure, but it upset me. ({run})") };
        for (var i = 0; i < reporters.Length; i++)
        {
            var (email, reason, note) = reporters[i];
            await using var reporting = await host.OpenAsync(javaScript);
            var page = reporting.Page;
            await SignIn.AsAsync(page, email);
            await page.GotoAsync(topic);
            await page.Locator($"article[data-post='{postId}']").GetByRole(AriaRole.Link, new() { Name = "Report" }).ClickToNavigateAsync();
            await page.ExpectUrlAsync($"**{Discussion}/posts/{postId}/report");
            Assert.Equal(words, (await page.Locator("blockquote.post__body").InnerTextAsync()).Trim());
            if (i == 0)
            {
                // No reason chosen: told beside the choices, the note kept.
                await page.GetByLabel("Anything else moderators should know (optional)").FillAsync(note);
                await page.GetByRole(AriaRole.Button, new() { Name = "Send report" }).ClickToNavigateAsync();
                Assert.Equal("Choose why you are reporting this post", await page.Locator("#Reason-error").InnerTextAsync());
                await page.ExpectUrlAsync($"**{Discussion}/posts/{postId}/report");
                Assert.Equal(note, await page.GetByLabel("Anything else moderators should know (optional)").InputValueAsync());
                await axe.CheckAsync(reporting);
            }

            await page.GetByLabel(reason).CheckAsync();
            await page.GetByLabel("Anything else moderators should know (optional)").FillAsync(note);
            await page.GetByRole(AriaRole.Button, new() { Name = "Send report" }).ClickToNavigateAsync();
            await page.ExpectUrlAsync($"**{topic}?done=reported");
            Assert.StartsWith("Thank you.", await page.Locator(".notice").InnerTextAsync(), StringComparison.Ordinal);
            var shown = page.Locator($"article[data-post='{postId}']");
            if (i < reporters.Length - 1)
            {
                Assert.Equal(words, (await shown.Locator(".post__body").InnerTextAsync()).Trim());
            }
            else
            {
                Assert.Equal("Hidden while moderators look at it.", await shown.Locator(".post__gone").InnerTextAsync());
                Assert.Equal(0, await shown.Locator(".post__body").CountAsync());
                await axe.CheckAsync(reporting);
            }
        }

        await robin.GotoAsync(topic);
        Assert.Equal("Only you can see this post: it is hidden while moderators look at it.", await robin.Locator($"article[data-post='{postId}'] .post__state").InnerTextAsync());

        await using var moderator = await host.OpenAsync(javaScript);
        var sam = moderator.Page;
        await SignIn.AsAsync(sam, Sam);
        await sam.GotoAsync(topic);
        Assert.Equal("Hidden while moderators look at it.", await sam.Locator($"article[data-post='{postId}'] .post__gone").InnerTextAsync());
        Assert.Equal(0, await sam.Locator($"article[data-post='{postId}']").GetByRole(AriaRole.Link, new() { Name = "Report" }).CountAsync());
        await axe.CheckAsync(moderator);

        await sam.GotoAsync("/moderation");
        var item = sam.Locator($"li[data-queue-item='{postId}']");
        var queued = await item.InnerTextAsync();
        Assert.Contains("Reports: 3", queued, StringComparison.Ordinal);
        Assert.Contains("Hidden pending review.", queued, StringComparison.Ordinal);
        await axe.CheckAsync(moderator);
        await item.GetByRole(AriaRole.Link, new() { Name = $"A post by Robin in {GroupName}" }).ClickToNavigateAsync();
        await sam.ExpectUrlAsync($"**/moderation/posts/{postId}");
        Assert.Equal("Hidden from members", await sam.Locator("[data-state]").InnerTextAsync());
        Assert.Equal(words, (await sam.Locator("[data-reviewed-post]").InnerTextAsync()).Trim());
        var reports = await sam.Locator("[data-reports] li").AllInnerTextsAsync();
        Assert.Equal(3, reports.Count);
        Assert.Contains(reports, r => r.StartsWith("Unkind or hurtful", StringComparison.Ordinal) && r.EndsWith(": It reads as a dig at people tapering faster.", StringComparison.Ordinal));
        Assert.DoesNotContain(reports, r => r.Contains("Member ", StringComparison.Ordinal) || r.Contains("Jo", StringComparison.Ordinal));
        await axe.CheckAsync(moderator);
        var why = $"Read in context it is encouragement, not a dig. ({run})";
        await sam.GetByLabel("Note for the log (and for the author, if you warn them)").FillAsync(why);
        await sam.GetByRole(AriaRole.Button, new() { Name = "Restore it" }).ClickToNavigateAsync();
        await sam.ExpectUrlAsync("**/moderation?done=1");
        Assert.Equal("Done. It is in the moderation log.", await sam.Locator(".notice").InnerTextAsync());
        Assert.Equal(0, await sam.Locator($"li[data-queue-item='{postId}']").CountAsync());

        await sam.GetByRole(AriaRole.Link, new() { Name = "Moderation log" }).ClickToNavigateAsync();
        await sam.ExpectUrlAsync("**/moderation/log");
        var restored = sam.Locator("tr[data-log-entry='Restored']").Filter(new() { HasText = why });
        Assert.Equal(1, await restored.CountAsync());
        var cells = await restored.Locator("td").AllInnerTextsAsync();
        Assert.Equal(["Restored", "Sam", "Robin", GroupName, why], cells.Skip(1));
        Assert.True(await sam.Locator("tr[data-log-entry='HiddenAutomatically']").Filter(new() { HasText = "3 reports" }).CountAsync() >= 1);
        await axe.CheckAsync(moderator);

        await sam.GotoAsync(topic);
        Assert.Equal(words, (await sam.Locator($"article[data-post='{postId}'] .post__body").InnerTextAsync()).Trim());
        await using var reader = await host.OpenAsync(javaScript);
        await SignIn.AsAsync(reader.Page, second);
        await reader.Page.GotoAsync(topic);
        Assert.Equal(words, (await reader.Page.Locator($"article[data-post='{postId}'] .post__body").InnerTextAsync()).Trim());
        Assert.Equal(0, await reader.Page.Locator($"article[data-post='{postId}'] .post__gone").CountAsync());
        author.AssertNothingRequestedFromAnotherHost();
        moderator.AssertNothingRequestedFromAnotherHost();
        reader.AssertNothingRequestedFromAnotherHost();
        axe.AssertNone();
    }

    [Theory]
    [InlineData(true)]
    public async Task After_Sam_blocks_Robin_neither_sees_the_others_posts(bool javaScript)
    {
        var axe = new Axe();
        await RemoveBlocksAsync(Sam, Robin);
        try
        {
            var run = Run();
            var title = $"Exercise that helped {run}";
            var robinWords = $"Swimming twice a week kept my head above water, so to speak. ({run})";
            var samWords = $"Short walks at lunchtime, even in the rain. ({run})";

            await using var starter = await host.OpenAsync(javaScript);
            var jo = starter.Page;
            await SignIn.AsAsync(jo, Jo);
            await jo.GotoAsync($"{Discussion}/new");
            await jo.GetByLabel("Title", new() { Exact = true }).FillAsync(title);
            await jo.GetByLabel("What would you like to say?").FillAsync($"What kind of exercise has helped you through withdrawal? ({run})");
            await jo.GetByRole(AriaRole.Button, new() { Name = "Post topic" }).ClickToNavigateAsync();
            var topicId = await TopicIdAsync(jo);
            var topic = $"{Discussion}/{topicId}";

            await using var blocked = await host.OpenAsync(javaScript);
            var robin = blocked.Page;
            await SignIn.AsAsync(robin, Robin);
            await robin.GotoAsync(topic);
            await ReplyAsync(robin, robinWords);

            await using var blocker = await host.OpenAsync(javaScript);
            var sam = blocker.Page;
            await SignIn.AsAsync(sam, Sam);
            await sam.GotoAsync(topic);
            await ReplyAsync(sam, samWords);
            Assert.Equal(["Jo", "Robin", "Sam"], await AuthorsAsync(sam));
            var robinsPost = sam.Locator("article[data-post]").Filter(new() { HasText = robinWords });
            var block = robinsPost.Locator("details").Filter(new() { Has = sam.Locator("summary", new() { HasText = "Block Robin" }) });
            await block.Locator("summary").ClickAsync();
            Assert.Equal("You will not see Robin's posts anywhere on Hearth, and they will not see yours. They are not told.", await block.Locator("p").InnerTextAsync());
            await block.GetByRole(AriaRole.Button, new() { Name = "Block Robin" }).ClickToNavigateAsync();

            await sam.ExpectUrlAsync($"**{topic}?done=blocked");
            Assert.StartsWith("Blocked. You will not see each other's posts", await sam.Locator(".notice").InnerTextAsync(), StringComparison.Ordinal);
            Assert.Equal(["Jo", "Sam"], await AuthorsAsync(sam));
            Assert.Equal(0, await sam.GetByText(robinWords).CountAsync());
            await axe.CheckAsync(blocker);
            await sam.GotoAsync(Discussion);
            Assert.Equal(0, await sam.Locator("[data-topics]").GetByRole(AriaRole.Link, new() { Name = "No meeting on the 14th: the hall is closed" }).CountAsync());

            await robin.GotoAsync(topic);
            Assert.Equal(["Jo", "Robin"], await AuthorsAsync(robin));
            Assert.Equal(0, await robin.GetByText(samWords).CountAsync());
            await axe.CheckAsync(blocked);
            await robin.GotoAsync(Discussion);
            Assert.Equal(0, await robin.Locator("[data-topics]").GetByRole(AriaRole.Link, new() { Name = DemoTopic }).CountAsync());
            Assert.Equal(1, await robin.Locator("[data-topics]").GetByRole(AriaRole.Link, new() { Name = title }).CountAsync());
            Assert.Equal(404, (await robin.GotoAsync($"{Discussion}/{await TopicIdAsync(DemoTopic)}"))!.Status);

            // Jo, blocked by no one, still reads both.
            await jo.GotoAsync(topic);
            Assert.Equal(["Jo", "Robin", "Sam"], await AuthorsAsync(jo));

            // Undone on the blocked-people page: Robin's reply is back for Sam.
            await sam.GotoAsync("/account/blocked");
            Assert.Equal(1, await sam.Locator("[data-blocked] li").CountAsync());
            Assert.StartsWith("Robin", await sam.Locator("[data-blocked] li").InnerTextAsync(), StringComparison.Ordinal);
            await axe.CheckAsync(blocker);
            await sam.GetByRole(AriaRole.Button, new() { Name = "Unblock Robin" }).ClickToNavigateAsync();
            await sam.ExpectUrlAsync("**/account/blocked?done=1");
            Assert.Equal("Unblocked.", await sam.Locator(".notice").InnerTextAsync());
            await sam.GotoAsync(topic);
            Assert.Equal(["Jo", "Robin", "Sam"], await AuthorsAsync(sam));
            starter.AssertNothingRequestedFromAnotherHost();
            blocked.AssertNothingRequestedFromAnotherHost();
            blocker.AssertNothingRequestedFromAnotherHost();
            axe.AssertNone();
        }
        finally
        {
            // The other journeys in this class need Sam and Robin to see each other.
            await RemoveBlocksAsync(Sam, Robin);
        }
    }

    /// <summary>
    /// Blocking someone from the opening post of their own topic: the topic goes from the blocker's view, and they
    /// are told it worked rather than shown an error.
    /// </summary>
    [Fact]
    public async Task Blocking_a_topics_author_from_its_opening_post_confirms_the_block()
    {
        await RemoveBlocksAsync(Sam, Robin);
        try
        {
            const string announcement = "No meeting on the 14th: the hall is closed";
            await using var visit = await host.OpenAsync(javaScript: false);
            var sam = visit.Page;
            await SignIn.AsAsync(sam, Sam);
            await sam.GotoAsync(Discussion);
            await sam.Locator("[data-topics]").GetByRole(AriaRole.Link, new() { Name = announcement, Exact = true }).ClickToNavigateAsync();
            var topicId = await TopicIdAsync(sam);
            var opening = sam.Locator("article[data-post]").First;
            await opening.Locator("summary", new() { HasText = "Block Robin" }).ClickAsync();
            await opening.GetByRole(AriaRole.Button, new() { Name = "Block Robin" }).ClickToNavigateAsync();

            await sam.ExpectUrlAsync(url => !url.EndsWith($"/discussion/{topicId}", StringComparison.Ordinal), "the page after blocking");
            Assert.True(await sam.Locator(".notice").CountAsync() == 1, $"After blocking Robin, Sam is at {sam.Url}, headed \"{await sam.Locator("h1").InnerTextAsync()}\", with no word that the block worked.");
            Assert.StartsWith("Blocked. You will not see each other's posts", await sam.Locator(".notice").InnerTextAsync(), StringComparison.Ordinal);
            await sam.GotoAsync(Discussion);
            Assert.Equal(0, await sam.Locator("[data-topics]").GetByRole(AriaRole.Link, new() { Name = announcement }).CountAsync());
        }
        finally
        {
            await RemoveBlocksAsync(Sam, Robin);
        }
    }

    /// <summary>
    /// Script injection through every text box of the discussion: a topic's title, its opening post and content
    /// warning, a reply and its warning, a report's note, muted words and a moderator's note, each rendered where it
    /// is read (topic list and topic for a member and for the author, report page, moderation queue, review page, log,
    /// notifications). The pages' Content-Security-Policy would stop inline script on its own, so the browser here
    /// ignores it: what is proved is that the text is escaped. Any dialog, any script element or event handler that
    /// is not Hearth's, and anything but plain Markdown inside a post fails the test.
    /// </summary>
    [Fact]
    public async Task Script_injection_through_any_text_box_of_the_discussion_never_runs()
    {
        var axe = new Axe();
        var run = Run();
        var (posterName, posterEmail) = await NewMemberAsync($"\"><svg onload=alert(1)> {run}");
        var dialogs = new List<string>();

        await using var poster = await OpenWithoutCspAsync(dialogs);
        var page = poster.Page;
        await SignIn.AsAsync(page, posterEmail);

        // The checks are checked first: a handler planted in a post runs (the policy is off) and both are caught.
        await page.GotoAsync($"{Discussion}/{await TopicIdAsync(DemoTopic)}");
        await page.EvaluateAsync("() => document.querySelector('.post__body').insertAdjacentHTML('beforeend', '<img src=x onerror=alert(1)>')");
        for (var wait = 0; wait < 100 && dialogs.Count == 0; wait++)
        {
            await Task.Delay(20);
        }

        Assert.Single(dialogs);
        Assert.NotEmpty(await page.EvaluateAsync<string[]>(ProblemsOnPage));
        dialogs.Clear();

        // Topics: the title and content warning take every payload; a body refused for its HTML or its link comes
        // back with everything kept, and is then posted as plain words.
        var replyTopic = 0;
        var titles = new List<string>();
        for (var i = 0; i < Payloads.Length; i++)
        {
            var payload = Payloads[i];
            await page.GotoAsync($"{Discussion}/new");
            await page.Locator("#Title").FillAsync(payload);
            await page.Locator("#Body").FillAsync($"{payload}\n\nOpening post {i} ({run})");
            await page.Locator("#ContentWarning").FillAsync(payload);
            string[] fields = ["#Title", "#Body", "#ContentWarning"];
            var typed = await FormValuesAsync(page, fields);
            titles.Add(typed[0]);
            await ClickForNextPageAsync(page.GetByRole(AriaRole.Button, new() { Name = "Post topic" }));
            if (!TopicPage().IsMatch(page.Url))
            {
                await AssertRefusedAsync(poster, "Body", fields, typed, dialogs, axe, "new topic, refused");
                await page.Locator("#Body").FillAsync($"Opening post {i} in plain words ({run})");
                await ClickForNextPageAsync(page.GetByRole(AriaRole.Button, new() { Name = "Post topic" }));
            }

            Assert.Matches(TopicPage(), page.Url);
            replyTopic = replyTopic == 0 ? int.Parse(TopicPage().Match(page.Url).Groups[1].Value, CultureInfo.InvariantCulture) : replyTopic;
            Assert.Equal(Collapse(typed[0]), Collapse(await page.Locator("h1").InnerTextAsync()));
            Assert.Equal($"Content warning: {Collapse(typed[2])}. Open to read", Collapse(await page.Locator("details[data-warning] summary").InnerTextAsync()));
            await OpenFoldsAsync(page);
            await AssertNothingRanAsync(poster, dialogs, axe, "topic, author");
        }

        // Replies, all in the first topic, so every later page shows every earlier one.
        var replies = new List<int>();
        var written = new List<string[]>();
        await page.GotoAsync($"{Discussion}/{replyTopic}");
        for (var i = 0; i < Payloads.Length; i++)
        {
            var payload = Payloads[i];
            await page.Locator($"{ReplyForm} #Body").FillAsync($"{payload}\n\nReply {i} ({run})");
            await page.Locator($"{ReplyForm} #ContentWarning").FillAsync(payload);
            string[] fields = [$"{ReplyForm} #Body", $"{ReplyForm} #ContentWarning"];
            var typed = await FormValuesAsync(page, fields);
            await ClickForNextPageAsync(page.Locator(ReplyForm).GetByRole(AriaRole.Button, new() { Name = "Post reply" }));
            if (page.Url.Contains("done=reply", StringComparison.Ordinal))
            {
                replies.Add(int.Parse(ReplyPosted().Match(page.Url).Groups[1].Value, CultureInfo.InvariantCulture));
                written.Add([.. typed.Select(t => t.Trim())]);
                await OpenFoldsAsync(page);
                await AssertNothingRanAsync(poster, dialogs, axe, "topic, author");
            }
            else
            {
                await AssertRefusedAsync(poster, "Body", fields, typed, dialogs, axe, "reply, refused");
            }
        }

        var notes = Chunks(Payloads, Report.NoteMaxLength);
        Assert.True(replies.Count >= notes.Count, $"Only {replies.Count} of the payloads were accepted as replies; the reports below need {notes.Count}.");

        // The edit page puts each reply's words back in their boxes, and checks a change as it checks a new post.
        string[] editing = ["#Body", "#ContentWarning"];
        for (var i = 0; i < replies.Count; i++)
        {
            await page.GotoAsync($"{Discussion}/posts/{replies[i]}/edit");
            Assert.Equal(written[i], await FormValuesAsync(page, editing));
            await AssertNothingRanAsync(poster, dialogs, axe, "edit");
        }

        await page.Locator("#Body").FillAsync($"{Payloads[0]}\n\nEdited ({run})");
        await page.Locator("#ContentWarning").FillAsync(Payloads[^1]);
        var edited = await FormValuesAsync(page, editing);
        await ClickForNextPageAsync(page.GetByRole(AriaRole.Button, new() { Name = "Save changes" }));
        await AssertRefusedAsync(poster, "Body", editing, edited, dialogs, axe, "edit, refused");
        await page.Locator("#Body").FillAsync($"`{Payloads[0]}` and {Payloads[^1]} edited ({run})");
        await ClickForNextPageAsync(page.GetByRole(AriaRole.Button, new() { Name = "Save changes" }));
        Assert.Contains("done=edited", page.Url, StringComparison.Ordinal);
        await OpenFoldsAsync(page);
        await AssertNothingRanAsync(poster, dialogs, axe, "topic, author");

        // The topic list, page after page, shows every title as typed.
        await page.GotoAsync(Discussion);
        var listed = new List<string>();
        while (true)
        {
            listed.AddRange((await page.Locator("[data-topics] li > a").AllInnerTextsAsync()).Select(Collapse));
            await AssertNothingRanAsync(poster, dialogs, axe, "topic list");
            var older = page.GetByRole(AriaRole.Link, new() { Name = "Older", Exact = true });
            if (await older.CountAsync() == 0)
            {
                break;
            }

            await ClickForNextPageAsync(older);
        }

        Assert.All(titles, title => Assert.Contains(Collapse(title), listed));

        // A member mutes words (those too long are refused, with the list kept), reads, and reports with notes.
        await using var member = await OpenWithoutCspAsync(dialogs);
        var jo = member.Page;
        await SignIn.AsAsync(jo, Jo);
        try
        {
            await jo.GotoAsync("/account/muted");
            await jo.Locator("#Words").FillAsync(string.Join('\n', Payloads));
            var all = await FormValuesAsync(jo, "#Words");
            await ClickForNextPageAsync(jo.GetByRole(AriaRole.Button, new() { Name = "Save" }));
            await AssertRefusedAsync(member, "Words", ["#Words"], all, dialogs, axe, "muted words, refused");
            var muted = string.Join('\n', Payloads.Where(p => p.Length <= 40 && p == p.Trim() && !p.Contains('\n', StringComparison.Ordinal)));
            await jo.Locator("#Words").FillAsync(muted);
            await ClickForNextPageAsync(jo.GetByRole(AriaRole.Button, new() { Name = "Save" }));
            Assert.EndsWith("/account/muted?done=1", jo.Url, StringComparison.Ordinal);
            Assert.Equal(muted, await jo.Locator("#Words").InputValueAsync());
            await AssertNothingRanAsync(member, dialogs, axe, "muted words");

            await jo.GotoAsync($"{Discussion}/{replyTopic}");
            Assert.True(await jo.Locator("details[data-muted]").CountAsync() > 0, "No post was folded for a muted word.");
            await OpenFoldsAsync(jo);
            await AssertNothingRanAsync(member, dialogs, axe, "topic, member");
            await jo.GotoAsync(Discussion);
            await AssertNothingRanAsync(member, dialogs, axe, "topic list, member");

            for (var i = 0; i < notes.Count; i++)
            {
                await jo.GotoAsync($"{Discussion}/posts/{replies[i]}/report");
                await AssertNothingRanAsync(member, dialogs, axe, "report");
                await jo.GetByLabel(i == 0 ? "Someone may be at risk" : "Something else").CheckAsync();
                await jo.Locator("#Note").FillAsync(notes[i]);
                Assert.Equal(notes[i], await jo.Locator("#Note").InputValueAsync());
                await ClickForNextPageAsync(jo.GetByRole(AriaRole.Button, new() { Name = "Send report" }));
                Assert.True(jo.Url.Contains("done=reported", StringComparison.Ordinal), $"The report was not sent: {string.Join(" | ", await jo.Locator(".field-error").AllInnerTextsAsync())}");
                await AssertNothingRanAsync(member, dialogs, axe, "topic, member");
            }

            // The moderator reads the queue and each report, and acts with notes that carry the payloads.
            await using var moderator = await OpenWithoutCspAsync(dialogs);
            var sam = moderator.Page;
            await SignIn.AsAsync(sam, Sam);
            await sam.GotoAsync("/moderation");
            await AssertNothingRanAsync(moderator, dialogs, axe, "queue");
            for (var i = 0; i < notes.Count; i++)
            {
                await sam.GotoAsync($"/moderation/posts/{replies[i]}");
                var reported = await sam.Locator("[data-reports] li").AllInnerTextsAsync();
                Assert.Contains(reported, r => Collapse(r).EndsWith(Collapse(notes[i]), StringComparison.Ordinal));
                await AssertNothingRanAsync(moderator, dialogs, axe, "review");
                await sam.Locator("#Note").FillAsync(notes[(i + 1) % notes.Count]);
                var action = i switch { 0 => "Warn the author", 1 => "Hide it", _ => "Keep it" };
                await ClickForNextPageAsync(sam.GetByRole(AriaRole.Button, new() { Name = action }));
                Assert.EndsWith("/moderation?done=1", sam.Url, StringComparison.Ordinal);
                await AssertNothingRanAsync(moderator, dialogs, axe, "queue");
            }

            await sam.GotoAsync("/moderation/log");
            var logged = Collapse(await sam.Locator("[data-log]").InnerTextAsync());
            foreach (var note in notes)
            {
                Assert.Contains(Collapse(note), logged, StringComparison.Ordinal);
            }

            Assert.Contains(Collapse(posterName), logged, StringComparison.Ordinal);
            await AssertNothingRanAsync(moderator, dialogs, axe, "log");

            // The author reads the warning with the moderator's note.
            await page.GotoAsync("/notifications");
            Assert.Contains(Collapse(notes[1 % notes.Count]), Collapse(await page.Locator("[data-notice='Warning'] blockquote").First.InnerTextAsync()), StringComparison.Ordinal);
            await AssertNothingRanAsync(poster, dialogs, axe, "notifications");
            poster.AssertNothingRequestedFromAnotherHost();
            member.AssertNothingRequestedFromAnotherHost();
            moderator.AssertNothingRequestedFromAnotherHost();
            axe.AssertNone();
        }
        finally
        {
            await ClearMutedWordsAsync(Jo);
        }
    }

    /// <summary>
    /// A box's limit holds as the person sees it: a browser counts a line break as one character against a box's
    /// maxlength, but sends it as two (CR LF). A report's note, a moderator's note and a reply typed to the full
    /// length of their boxes, over several lines, are accepted.
    /// </summary>
    [Fact]
    public async Task Several_lines_that_fit_their_box_are_accepted_as_typed()
    {
        var run = Run();
        var refused = new List<string>();
        int postId;
        using (var scope = host.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<HearthDb>();
            postId = await db.Posts.Where(p => p.Body.Contains("Last winter's step")).Select(p => p.Id).SingleAsync();
        }

        await using var member = await host.OpenAsync(javaScript: true);
        var jo = member.Page;
        await SignIn.AsAsync(jo, Jo);
        await jo.GotoAsync($"{Discussion}/posts/{postId}/report");
        var note = Lines(Report.NoteMaxLength, $"I am worried about how this was received ({run}).");
        await jo.GetByLabel("Something else").CheckAsync();
        await jo.GetByLabel("Anything else moderators should know (optional)").FillAsync(note);
        Assert.Equal(note, await jo.GetByLabel("Anything else moderators should know (optional)").InputValueAsync());
        await ClickForNextPageAsync(jo.GetByRole(AriaRole.Button, new() { Name = "Send report" }));
        if (!jo.Url.Contains("done=reported", StringComparison.Ordinal))
        {
            refused.Add($"A report's note of {note.Length} characters on {note.Split('\n').Length} lines: \"{await jo.Locator("#Note-error").InnerTextAsync()}\"");
        }

        await jo.GotoAsync($"{Discussion}/{await TopicOfAsync(postId)}");
        var body = Lines(20_000, $"What helped me through the worst weeks ({run}).");
        await jo.Locator(ReplyForm).GetByLabel("Your reply").FillAsync(body);
        Assert.Equal(body.Length, (await jo.Locator(ReplyForm).GetByLabel("Your reply").InputValueAsync()).Length);
        await ClickForNextPageAsync(jo.Locator(ReplyForm).GetByRole(AriaRole.Button, new() { Name = "Post reply" }));
        if (!jo.Url.Contains("done=reply", StringComparison.Ordinal))
        {
            refused.Add($"A reply of {body.Length} characters on {body.Split('\n').Length} lines: \"{await jo.Locator("#Body-error").InnerTextAsync()}\"");
        }

        await using var moderator = await host.OpenAsync(javaScript: true);
        var sam = moderator.Page;
        await SignIn.AsAsync(sam, Sam);
        await sam.GotoAsync($"/moderation/posts/{postId}");
        var why = Lines(ModerationEntry.NoteMaxLength, $"Looked at with the organisers; it stays ({run}).");
        await sam.GetByLabel("Note for the log (and for the author, if you warn them)").FillAsync(why);
        Assert.Equal(why, await sam.GetByLabel("Note for the log (and for the author, if you warn them)").InputValueAsync());
        await ClickForNextPageAsync(sam.GetByRole(AriaRole.Button, new() { Name = "Keep it" }));
        if (!sam.Url.EndsWith("/moderation?done=1", StringComparison.Ordinal))
        {
            refused.Add($"A moderator's note of {why.Length} characters on {why.Split('\n').Length} lines: \"{await sam.Locator("#Note-error").InnerTextAsync()}\"");
        }

        Assert.True(refused.Count == 0, $"Refused although the box took every character:\n{string.Join("\n", refused)}");
    }

    /// <summary>
    /// Classic attempts, each one calling alert, confirm or prompt if it ever runs. None is longer than a content
    /// warning may be (100 characters).
    /// </summary>
    private static readonly string[] Payloads =
    [
        "<script>alert(1)</script>",
        "<ScRiPt>confirm(1)</sCrIpT>",
        "<script src=data:text/javascript,prompt(1)></script>",
        "<img src=x onerror=alert(1)>",
        "<svg onload=prompt(1)>",
        "<iframe srcdoc=\"<script>confirm(1)</script>\"></iframe>",
        "\"><script>alert(1)</script>",
        "'><img src=x onerror=confirm(1)>",
        "</textarea><script>prompt(1)</script>",
        "</title><script>alert(1)</script>",
        "<details open ontoggle=confirm(1)>",
        "<a href=\"javascript:confirm(1)\">click</a>",
        "<a href=\"&#x6A;avascript:prompt(1)\">click</a>",
        "<div style=\"width:expression(alert(1))\">x</div>",
        "<math><mtext><table><mglyph><style><img src=x onerror=confirm(1)>",
        "[click](javascript:alert(1))",
        "[click](JaVaScRiPt:confirm(1))",
        "[click](<javascript:prompt(1)>)",
        "[click](&#106;avascript:alert(1))",
        "[click](java&#x09;script:confirm(1))",
        "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "<javascript:prompt(1)>",
        "<JaVaScRiPt:alert(1)>",
        "![x](x\" onerror=\"confirm(1))",
        "[click](https://example.org \"a\\\" onmouseover=\\\"prompt(1)\")",
        "[click](https://example.org/\"onmouseover=\"alert(1))",
        "[click][r]\n\n[r]: javascript:confirm(1)",
        "[click][r]\n\n[r]: https://example.org 'x\\' onfocus=\\'prompt(1)'",
        "**<img src=x onerror=alert(1)>**",
        "[<svg onload=confirm(1)>](https://example.org)",
        "> *<script>prompt(1)</script>*",
        "`<script>alert(1)</script>`",
        "    <img src=x onerror=confirm(1)>",
        "&lt;script&gt;prompt(1)&lt;/script&gt;",
        "&#60;img src=x onerror=alert(1)&#62;",
        "${confirm(1)} `${prompt(1)}` {{constructor.constructor('alert(1)')()}}",
        "\\u003cscript\\u003econfirm(1)\\u003c/script\\u003e",
        "javascript:alert(1)//\" onmouseover=confirm(1) x=\"",
    ];

    /// <summary>
    /// Hearth's own scripts come from /js/; nothing on the page may carry an event handler or a script address,
    /// and a post's body holds plain Markdown's elements only, linking to web pages, email or Hearth itself.
    /// </summary>
    private const string ProblemsOnPage = """
        () => {
          const problems = [];
          for (const script of document.querySelectorAll('script')) {
            const src = script.getAttribute('src');
            if (src === null || !src.startsWith('/js/')) problems.push('a script element: ' + script.outerHTML.slice(0, 120));
          }
          const addresses = ['href', 'src', 'action', 'formaction', 'data', 'xlink:href', 'poster', 'background', 'content'];
          for (const element of document.querySelectorAll('*')) {
            for (const attribute of element.attributes) {
              const name = attribute.name.toLowerCase();
              const value = attribute.value.replace(/[\u0000-\u0020\u007f]/g, '').toLowerCase();
              if (name.startsWith('on')) problems.push(`<${element.localName}> has ${name}="${attribute.value}"`);
              if (name === 'srcdoc') problems.push(`<${element.localName}> has srcdoc`);
              if (addresses.includes(name) && /(^|;url=)(javascript|vbscript|data):/.test(value)) problems.push(`<${element.localName}> ${name}="${attribute.value}"`);
            }
          }
          for (const element of document.querySelectorAll('main iframe, main frame, main object, main embed, main svg, main math, main img, main style, main link, main meta, main base, main template, main video, main audio')) {
            problems.push(`a <${element.localName}> in the page`);
          }
          const markdown = new Set(['p', 'em', 'strong', 'a', 'ul', 'ol', 'li', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'code', 'pre', 'br', 'hr']);
          for (const body of document.querySelectorAll('.post__body')) {
            for (const element of body.querySelectorAll('*')) {
              if (!markdown.has(element.localName)) problems.push(`a post made a <${element.localName}>`);
              for (const attribute of element.attributes) {
                if (!['href', 'rel', 'title', 'class', 'start'].includes(attribute.name)) problems.push(`a post's <${element.localName}> has ${attribute.name}`);
              }
              if (element.localName === 'a' && !/^(https?:\/\/|mailto:|\/(?![\/\\]))/i.test(element.getAttribute('href') || '')) problems.push(`a post links to ${element.getAttribute('href')}`);
            }
          }
          return problems;
        }
        """;

    /// <summary>Checks the page as it is now: no dialog so far, nothing that could run; axe-core once per kind of page.</summary>
    private static async Task AssertNothingRanAsync(BrowserHost.Visit visit, List<string> dialogs, Axe axe, string kind)
    {
        var problems = await visit.Page.EvaluateAsync<string[]>(ProblemsOnPage);
        Assert.True(problems.Length == 0, $"On {visit.Page.Url} ({kind}):\n{string.Join("\n", problems)}");
        Assert.True(dialogs.Count == 0, $"A dialog opened: {string.Join(" | ", dialogs)}");
        await axe.CheckOnceAsync(visit, kind);
    }

    /// <summary>A refused form: the message beside the field, everything typed still in its box, nothing ran.</summary>
    private static async Task AssertRefusedAsync(BrowserHost.Visit visit, string field, string[] fields, IReadOnlyList<string> typed, List<string> dialogs, Axe axe, string kind)
    {
        var page = visit.Page;
        var error = page.Locator($"#{field}-error");
        Assert.True(await error.CountAsync() == 1, $"No message beside {field} on {page.Url}: {string.Join(" | ", await page.Locator(".error-summary").AllInnerTextsAsync())}");
        Assert.NotEqual("", (await error.InnerTextAsync()).Trim());
        Assert.Equal(typed, await FormValuesAsync(page, fields));
        await AssertNothingRanAsync(visit, dialogs, axe, kind);
    }

    private static async Task<string[]> FormValuesAsync(IPage page, params string[] selectors)
    {
        var values = new string[selectors.Length];
        for (var i = 0; i < selectors.Length; i++)
        {
            values[i] = (await page.Locator(selectors[i]).InputValueAsync()).Replace("\r\n", "\n", StringComparison.Ordinal);
        }

        return values;
    }

    /// <summary>Opens every folded post (content warnings, muted words) and every other fold, so anything toggling would run.</summary>
    private static async Task OpenFoldsAsync(IPage page) =>
        await page.EvaluateAsync("() => document.querySelectorAll('details:not([open])').forEach(d => d.open = true)");

    /// <summary>
    /// Sends a form and waits for the page that answers it, whether it moved on or came back at the same address
    /// (the old page is marked before the click, so its footer cannot be mistaken for the new one's). JavaScript only.
    /// </summary>
    private static async Task ClickForNextPageAsync(ILocator button)
    {
        var page = button.Page;
        await page.EvaluateAsync("() => document.documentElement.setAttribute('data-answered', '')");
        await button.ClickToNavigateAsync();
        await page.Locator("html:not([data-answered]) footer.site-footer").WaitForAsync(new() { State = WaitForSelectorState.Attached });
    }

    /// <summary>A browser context like <see cref="BrowserHost.OpenAsync"/>'s, with JavaScript, that ignores the Content-Security-Policy.</summary>
    private async Task<BrowserHost.Visit> OpenWithoutCspAsync(List<string> dialogs)
    {
        var context = await host.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = host.Address.ToString(),
            IgnoreHTTPSErrors = true,
            JavaScriptEnabled = true,
            BypassCSP = true,
            Locale = "en-GB",
            ViewportSize = new ViewportSize { Width = 375, Height = 740 },
        });
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        var visit = new BrowserHost.Visit(host, context, page, javaScript: true);
        page.Request += (_, request) => visit.Requested.Add(new Uri(request.Url));
        page.Dialog += (_, dialog) =>
        {
            lock (dialogs)
            {
                dialogs.Add($"{dialog.Type} \"{dialog.Message}\" on {page.Url}");
            }

            _ = dialog.DismissAsync();
        };
        return visit;
    }

    /// <summary>
    /// The payloads a line each, in notes that fit <paramref name="longest"/> as the form sends them: a browser sends
    /// each line break as two characters (CR LF), and the server counts what it is sent.
    /// </summary>
    private static List<string> Chunks(IEnumerable<string> payloads, int longest)
    {
        var chunks = new List<string>();
        var current = "";
        foreach (var payload in payloads)
        {
            var next = current.Length == 0 ? payload : $"{current}\n{payload}";
            if (next.Length + next.Count(c => c == '\n') > longest)
            {
                chunks.Add(current);
                next = payload;
            }

            current = next;
        }

        chunks.Add(current);
        return chunks;
    }

    /// <summary>Exactly <paramref name="length"/> characters: the sentence again and again, a line each.</summary>
    private static string Lines(int length, string sentence)
    {
        var text = new System.Text.StringBuilder();
        while (text.Length < length)
        {
            text.Append(text.Length == 0 ? "" : "\n").Append(sentence);
        }

        text.Length = length;
        if (char.IsWhiteSpace(text[^1]))
        {
            text[^1] = '.';
        }

        return text.ToString();
    }

    private async Task<int> TopicIdAsync(string title)
    {
        using var scope = host.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HearthDb>();
        return await db.Topics.Where(t => t.Title == title).Select(t => t.Id).SingleAsync();
    }

    private async Task<int> TopicOfAsync(int postId)
    {
        using var scope = host.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HearthDb>();
        return await db.Posts.Where(p => p.Id == postId).Select(p => p.TopicId!.Value).SingleAsync();
    }

    private static string Collapse(string text) => WhiteSpace().Replace(text, " ").Trim();

    private static string Run() => Guid.NewGuid().ToString("N")[..6];

    private static async Task<int> TopicIdAsync(IPage page)
    {
        await page.ExpectUrlAsync(TopicPage());
        return int.Parse(TopicPage().Match(page.Url).Groups[1].Value, CultureInfo.InvariantCulture);
    }

    private static async Task ReplyAsync(IPage page, string words)
    {
        await page.Locator(ReplyForm).GetByLabel("Your reply").FillAsync(words);
        await page.Locator(ReplyForm).GetByRole(AriaRole.Button, new() { Name = "Post reply" }).ClickToNavigateAsync();
        await page.ExpectUrlAsync(ReplyPosted());
    }

    private static async Task<string[]> AuthorsAsync(IPage page) =>
        [.. (await page.Locator("article[data-post] .post__author").AllInnerTextsAsync()).Select(a => a.Trim())];

    /// <summary>Queue order: every priority item before the first that is not.</summary>
    private static async Task AssertPriorityFirstAsync(IPage page)
    {
        var priority = await page.Locator("li[data-queue-item]").EvaluateAllAsync<bool[]>("items => items.map(i => i.querySelector('[data-priority]') !== null)");
        var firstOrdinary = Array.IndexOf(priority, false);
        Assert.True(firstOrdinary < 0 || priority.Skip(firstOrdinary).All(p => !p), $"A priority item comes after an ordinary one: {string.Join(", ", priority)}");
    }

    /// <summary>A month-old account with the demo password, confirmed, and a member of the Prestatyn group.</summary>
    private async Task<(string Name, string Email)> NewMemberAsync(string? displayName = null)
    {
        var id = Guid.NewGuid().ToString("N")[..8];
        var (name, email) = (displayName ?? $"Member {id}", $"member-{id}@example.invalid");
        using var scope = host.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<HearthUser>>();
        var db = scope.ServiceProvider.GetRequiredService<HearthDb>();
        var monthAgo = DateTime.UtcNow.AddDays(-30);
        var user = new HearthUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = name, NormalizedDisplayName = HearthUser.Normalize(name), CreatedAt = monthAgo, TermsAcceptedAt = monthAgo, HealthDataConsentAt = monthAgo };
        var created = await users.CreateAsync(user, SignIn.DemoPassword);
        Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Code)));
        var group = await db.Groups.SingleAsync(g => g.Slug == Slug);
        db.GroupMembers.Add(new GroupMember { GroupId = group.Id, UserId = user.Id, Role = GroupRole.Member, JoinedAt = DateTime.UtcNow, AgreementVersionAccepted = group.AgreementVersion });
        await db.SaveChangesAsync();
        await db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.CreatedAt, monthAgo));
        return (name, email);
    }

    private async Task<int> PostsByAsync(string email)
    {
        using var scope = host.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HearthDb>();
        var userId = await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
        return await db.Posts.CountAsync(p => p.AuthorId == userId);
    }

    private async Task RemoveBlocksAsync(string one, string other)
    {
        using var scope = host.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HearthDb>();
        var ids = await db.Users.Where(u => u.Email == one || u.Email == other).Select(u => u.Id).ToListAsync();
        await db.Blocks.Where(b => ids.Contains(b.BlockerId) && ids.Contains(b.BlockedId)).ExecuteDeleteAsync();
    }

    private async Task ClearMutedWordsAsync(string email)
    {
        using var scope = host.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HearthDb>();
        await db.Users.Where(u => u.Email == email).ExecuteUpdateAsync(s => s.SetProperty(u => u.MutedWords, (string?)null));
    }

    /// <summary>
    /// axe-core on the page as it is now. What it finds is reported when the journey ends, with every other page's
    /// findings, so that one page's problem does not hide whether the rest of the journey works.
    /// </summary>
    private sealed class Axe
    {
        private readonly List<string> found = [];
        private readonly HashSet<string> kinds = new(StringComparer.Ordinal);

        public async Task CheckAsync(BrowserHost.Visit visit)
        {
            try
            {
                await visit.AssertAccessibleAsync();
            }
            catch (Xunit.Sdk.XunitException problem)
            {
                found.Add(problem.Message);
            }
        }

        /// <summary>Once for each kind of page a long journey passes again and again.</summary>
        public Task CheckOnceAsync(BrowserHost.Visit visit, string kind) => kinds.Add(kind) ? CheckAsync(visit) : Task.CompletedTask;

        public void AssertNone() => Assert.True(found.Count == 0, string.Join("\n\n", found));
    }

    [GeneratedRegex(@"/groups/prestatyn-withdrawal-support/discussion/([0-9]+)(\?[^#]*)?(#.*)?$")]
    private static partial Regex TopicPage();

    [GeneratedRegex(@"/groups/prestatyn-withdrawal-support/discussion/[0-9]+\?p=[0-9]+&done=reply#post-([0-9]+)$")]
    private static partial Regex ReplyPosted();

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpace();
}
