using Hearth.Web.Data;
using Hearth.Web.Features.Groups;
using Hearth.Web.Features.Safety;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Web.Features.Discussion;

/// <summary>
/// An author changes what they wrote; the post then shows as edited and passes the same checks as a new one. Anyone
/// else's post is "not found".
/// </summary>
public sealed class EditPostModel(HearthDb db, Posting posting, UserManager<Accounts.HearthUser> users) : PageModel
{
    public GroupAndMe Access { get; private set; } = null!;

    public Post Post { get; private set; } = null!;

    public SupportPrompt? Support { get; private set; }

    [BindProperty]
    public string? Body { get; set; }

    [BindProperty]
    public string? ContentWarning { get; set; }

    [BindProperty]
    public bool PostAnyway { get; set; }

    [BindProperty]
    public bool Back { get; set; }

    public async Task<IActionResult> OnGetAsync(int postId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(postId, cancellationToken))
        {
            return NotFound();
        }

        Body = Post.Body;
        ContentWarning = Post.ContentWarning;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int postId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(postId, cancellationToken))
        {
            return NotFound();
        }

        var ok = await posting.CheckAsync(Access.Me!, Body, nameof(Body), ContentWarning, nameof(ContentWarning), ModelState, cancellationToken, editing: Post.Id);
        if (Back || !ok || ModelState.ErrorCount > 0)
        {
            return Page();
        }

        var assessment = posting.Assess(Body!);
        if (assessment.Level == RiskLevel.Urgent && !PostAnyway)
        {
            Support = new SupportPrompt("", [new(nameof(Body), Body), new(nameof(ContentWarning), ContentWarning)]);
            return Page();
        }

        var tracked = await db.Posts.SingleAsync(p => p.Id == Post.Id, cancellationToken);
        await posting.EditAsync(tracked, Body!, ContentWarning, assessment, PostAnyway, cancellationToken);
        return Redirect(Post.TopicId is { } topicId
            ? $"/groups/{Access.Group.Slug}/discussion/{topicId}?done=edited#post-{Post.Id}"
            : $"/groups/{Access.Group.Slug}/tips?done=edited");
    }

    private async Task<bool> LoadAsync(int postId, CancellationToken cancellationToken)
    {
        Access = MembersOnly.Of(HttpContext);
        var userId = users.GetUserId(User);
        var post = await db.Posts.AsNoTracking().SingleOrDefaultAsync(p => p.Id == postId && p.GroupId == Access.Group.Id && p.AuthorId == userId && p.DeletedAt == null, cancellationToken);
        if (post is null)
        {
            return false;
        }

        Post = post;
        return true;
    }
}
