using Hearth.Web.Data;
using Hearth.Web.Features.Groups;
using Hearth.Web.Features.Safety;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Hearth.Web.Features.Discussion;

/// <summary>
/// A topic and its replies, for the group's members only (<see cref="MembersOnlyFilter"/>). Members reply, react
/// (the author alone sees how many), delete what they wrote, and block someone. A reply that the risk check finds
/// urgent goes through the supportive page first; a failed reply keeps its words.
/// </summary>
public sealed class TopicModel(HearthDb db, Reading reading, Posting posting, DiscussionNotices notices, UserManager<Accounts.HearthUser> users, TimeProvider clock, IStringLocalizer<Strings> text) : PageModel
{
    /// <summary>Posts on a page: enough to follow a conversation, small enough for a cheap phone.</summary>
    public const int PageSize = 50;

    public GroupAndMe Access { get; private set; } = null!;

    public Group Group => Access.Group;

    public Topic Topic { get; private set; } = null!;

    public IReadOnlyList<PostView> Posts { get; private set; } = [];

    public int PageNumber { get; private set; } = 1;

    public bool HasMore { get; private set; }

    /// <summary>Set when the reply was urgent and its author has not yet chosen what to do.</summary>
    public SupportPrompt? Support { get; private set; }

    [BindProperty]
    public string? Body { get; set; }

    [BindProperty]
    public string? ContentWarning { get; set; }

    [BindProperty]
    public bool PostAnyway { get; set; }

    [BindProperty]
    public bool Back { get; set; }

    public string? Done { get; private set; }

    public DateTime? SuspendedUntil => Access.Me!.IsSuspended(clock.GetUtcNow().UtcDateTime) ? Access.Me.SuspendedUntil : null;

    public async Task<IActionResult> OnGetAsync(int topicId, int p = 1, string? done = null, CancellationToken cancellationToken = default)
    {
        if (!await LoadTopicAsync(topicId, cancellationToken))
        {
            return NotFound();
        }

        PageNumber = Math.Max(1, p);
        Done = done is "reply" or "held" or "deleted" or "blocked" or "reported" or "edited" ? done : null;
        await ReadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostReplyAsync(int topicId, CancellationToken cancellationToken)
    {
        if (!await LoadTopicAsync(topicId, cancellationToken))
        {
            return NotFound();
        }

        var userId = users.GetUserId(User)!;
        if (Topic.DeletedAt is not null)
        {
            ModelState.AddModelError(nameof(Body), text["Discussion.Topic.DeletedNoReplies"]);
        }

        if (Back || ModelState.ErrorCount > 0 || !await posting.CheckAsync(Access.Me!, Body, nameof(Body), ContentWarning, nameof(ContentWarning), ModelState, cancellationToken))
        {
            await ReadAsync(cancellationToken);
            return Page();
        }

        var assessment = posting.Assess(Body!);
        if (assessment.Level == RiskLevel.Urgent && !PostAnyway)
        {
            Support = new SupportPrompt("Reply", [new(nameof(Body), Body), new(nameof(ContentWarning), ContentWarning)]);
            return Page();
        }

        // One write transaction for the reply, its flag, the topic's order and the notices: one lock taken, not four.
        Post post;
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            post = await posting.AddAsync(Group.Id, Topic.Id, isOpening: false, userId, Body!, ContentWarning, assessment, PostAnyway, cancellationToken);
            if (post.State == PostState.Published)
            {
                await db.Topics.Where(t => t.Id == Topic.Id).ExecuteUpdateAsync(s => s.SetProperty(t => t.LastPostAt, post.CreatedAt), cancellationToken);
                await notices.ReplyAsync(post, cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }

        var last = await LastPageAsync(cancellationToken);
        return Redirect($"/groups/{Group.Slug}/discussion/{Topic.Id}?p={last}&done={(post.State == PostState.Held ? "held" : "reply")}#post-{post.Id}");
    }

    public async Task<IActionResult> OnPostReactAsync(int topicId, int postId, ReactionKind kind, CancellationToken cancellationToken)
    {
        if (!await LoadTopicAsync(topicId, cancellationToken) || await FindPostAsync(postId, cancellationToken) is not { } post)
        {
            return NotFound();
        }

        var userId = users.GetUserId(User)!;
        if (post.AuthorId == userId)
        {
            ModelState.AddModelError("", text["Discussion.React.Own"]);
        }
        else if (SuspendedUntil is { } until)
        {
            ModelState.AddModelError("", text["Discussion.Post.Suspended", Shared.LocalTime.Format(until)]);
        }
        else if (!Enum.IsDefined(kind))
        {
            return BadRequest();
        }
        else
        {
            db.Reactions.Add(new Reaction { PostId = post.Id, UserId = userId, Kind = kind, CreatedAt = clock.GetUtcNow().UtcDateTime });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return Redirect($"/groups/{Group.Slug}/discussion/{Topic.Id}?p={Request.Query["p"]}#post-{post.Id}");
            }
            catch (DbUpdateException)
            {
                db.ChangeTracker.Clear();
                ModelState.AddModelError("", text["Discussion.React.Twice", text[$"Discussion.React.{kind}"]]);
            }
        }

        await ReadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostUnreactAsync(int topicId, int postId, ReactionKind kind, CancellationToken cancellationToken)
    {
        if (!await LoadTopicAsync(topicId, cancellationToken) || await FindPostAsync(postId, cancellationToken) is not { } post)
        {
            return NotFound();
        }

        var userId = users.GetUserId(User)!;
        await db.Reactions.Where(r => r.PostId == post.Id && r.UserId == userId && r.Kind == kind).ExecuteDeleteAsync(cancellationToken);
        return Redirect($"/groups/{Group.Slug}/discussion/{Topic.Id}?p={Request.Query["p"]}#post-{post.Id}");
    }

    public async Task<IActionResult> OnPostDeleteAsync(int topicId, int postId, CancellationToken cancellationToken)
    {
        if (!await LoadTopicAsync(topicId, cancellationToken) || await FindPostAsync(postId, cancellationToken) is not { } post)
        {
            return NotFound();
        }

        if (post.AuthorId != users.GetUserId(User))
        {
            ModelState.AddModelError("", text["Discussion.Delete.NotYours"]);
            await ReadAsync(cancellationToken);
            return Page();
        }

        var now = clock.GetUtcNow().UtcDateTime;
        await db.Posts.Where(x => x.Id == post.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.DeletedAt, now).SetProperty(x => x.Body, "").SetProperty(x => x.BodyHtml, "").SetProperty(x => x.ContentWarning, (string?)null), cancellationToken);
        if (post.IsOpening)
        {
            // The topic goes with its opening post: it leaves the list and takes no more replies.
            await db.Topics.Where(t => t.Id == Topic.Id).ExecuteUpdateAsync(s => s.SetProperty(t => t.DeletedAt, now), cancellationToken);
            return Redirect($"/groups/{Group.Slug}/discussion?done=deleted");
        }

        return Redirect($"/groups/{Group.Slug}/discussion/{Topic.Id}?done=deleted");
    }

    public async Task<IActionResult> OnPostBlockAsync(int topicId, int postId, CancellationToken cancellationToken)
    {
        if (!await LoadTopicAsync(topicId, cancellationToken) || await FindPostAsync(postId, cancellationToken) is not { } post)
        {
            return NotFound();
        }

        var userId = users.GetUserId(User)!;
        if (post.AuthorId is null || post.AuthorId == userId)
        {
            ModelState.AddModelError("", text["Discussion.Block.Self"]);
            await ReadAsync(cancellationToken);
            return Page();
        }

        var already = await db.Blocks.AnyAsync(b => b.BlockerId == userId && b.BlockedId == post.AuthorId, cancellationToken);
        if (!already)
        {
            db.Blocks.Add(new Block { BlockerId = userId, BlockedId = post.AuthorId, CreatedAt = clock.GetUtcNow().UtcDateTime });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // Blocked from another tab a moment ago: the same outcome.
            }
        }

        // Blocking whoever started the topic hides the topic itself: back to the list.
        return Redirect(post.AuthorId == Topic.AuthorId ? $"/groups/{Group.Slug}/discussion?done=blocked" : $"/groups/{Group.Slug}/discussion/{Topic.Id}?done=blocked");
    }

    private async Task<bool> LoadTopicAsync(int topicId, CancellationToken cancellationToken)
    {
        Access = MembersOnly.Of(HttpContext);
        var topic = await db.Topics.AsNoTracking().SingleOrDefaultAsync(t => t.Id == topicId && t.GroupId == Access.Group.Id, cancellationToken);
        if (topic is null)
        {
            return false;
        }

        // Someone who blocked the topic's author, or was blocked by them, never sees it.
        var userId = users.GetUserId(User)!;
        if (topic.AuthorId is not null && await db.Blocks.AnyAsync(b => (b.BlockerId == userId && b.BlockedId == topic.AuthorId) || (b.BlockerId == topic.AuthorId && b.BlockedId == userId), cancellationToken))
        {
            return false;
        }

        Topic = topic;
        return true;
    }

    /// <summary>A post of this topic that the viewer can see (not held for someone else's review, not deleted).</summary>
    private async Task<Post?> FindPostAsync(int postId, CancellationToken cancellationToken)
    {
        var userId = users.GetUserId(User);
        var post = await db.Posts.AsNoTracking().SingleOrDefaultAsync(p => p.Id == postId && p.TopicId == Topic.Id && p.DeletedAt == null, cancellationToken);
        return post is null || (post.State == PostState.Held && post.AuthorId != userId) ? null : post;
    }

    private async Task ReadAsync(CancellationToken cancellationToken)
    {
        if (Topic.DeletedAt is not null)
        {
            return;
        }

        var userId = users.GetUserId(User)!;
        var filters = await reading.FiltersAsync(userId, cancellationToken);
        var posts = await reading.PostsAsync(Topic.Id, userId, filters, (PageNumber - 1) * PageSize, PageSize + 1, cancellationToken);
        HasMore = posts.Count > PageSize;
        Posts = HasMore ? [.. posts.Take(PageSize)] : posts;
        // Reading marks this topic's notices read; a plain read with nothing new writes nothing.
        var unread = db.DiscussionNotices.Where(n => n.UserId == userId && n.TopicId == Topic.Id && n.ReadAt == null);
        if (await unread.AnyAsync(cancellationToken))
        {
            await unread.ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, clock.GetUtcNow().UtcDateTime), cancellationToken);
        }
    }

    private async Task<int> LastPageAsync(CancellationToken cancellationToken)
    {
        var count = await db.Posts.CountAsync(p => p.TopicId == Topic.Id, cancellationToken);
        return Math.Max(1, (count + PageSize - 1) / PageSize);
    }
}
