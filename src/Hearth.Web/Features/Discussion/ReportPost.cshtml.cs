using Hearth.Web.Data;
using Hearth.Web.Features.Groups;
using Hearth.Web.Features.Moderation;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Hearth.Web.Features.Discussion;

/// <summary>
/// A member reports a post to the group's organisers and the network's moderators. Once per person per post;
/// enough reports from different members hide it until someone reviews it. The reporter is later told it was
/// reviewed, never what was decided.
/// </summary>
public sealed class ReportPostModel(HearthDb db, Moderating moderating, UserManager<Accounts.HearthUser> users, IStringLocalizer<Strings> text) : PageModel
{
    public GroupAndMe Access { get; private set; } = null!;

    public Post Post { get; private set; } = null!;

    [BindProperty]
    public ReportReason? Reason { get; set; }

    [BindProperty]
    public string? Note { get; set; }

    public async Task<IActionResult> OnGetAsync(int postId, CancellationToken cancellationToken) =>
        await LoadAsync(postId, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(int postId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(postId, cancellationToken))
        {
            return NotFound();
        }

        var userId = users.GetUserId(User)!;
        if (Post.AuthorId == userId)
        {
            ModelState.AddModelError(nameof(Reason), text["Discussion.Report.Own"]);
        }
        else if (Reason is null || !Enum.IsDefined(Reason.Value))
        {
            ModelState.AddModelError(nameof(Reason), text["Discussion.Report.NoReason"]);
        }

        if (Note?.Trim().Length > Report.NoteMaxLength)
        {
            ModelState.AddModelError(nameof(Note), text["Groups.Form.TooLong", Report.NoteMaxLength, Note.Trim().Length]);
        }

        if (ModelState.ErrorCount > 0)
        {
            return Page();
        }

        if (!await moderating.ReportAsync(Post, userId, Reason!.Value, Note, cancellationToken))
        {
            ModelState.AddModelError(nameof(Reason), text["Discussion.Report.Twice"]);
            return Page();
        }

        return Redirect(Post.TopicId is { } topicId
            ? $"/groups/{Access.Group.Slug}/discussion/{topicId}?done=reported"
            : $"/groups/{Access.Group.Slug}/tips?done=reported");
    }

    private async Task<bool> LoadAsync(int postId, CancellationToken cancellationToken)
    {
        Access = MembersOnly.Of(HttpContext);
        var userId = users.GetUserId(User)!;
        var post = await db.Posts.AsNoTracking().SingleOrDefaultAsync(p => p.Id == postId && p.GroupId == Access.Group.Id && p.DeletedAt == null && p.State == PostState.Published, cancellationToken);
        if (post is null || (post.AuthorId is not null && await db.Blocks.AnyAsync(b => (b.BlockerId == userId && b.BlockedId == post.AuthorId) || (b.BlockerId == post.AuthorId && b.BlockedId == userId), cancellationToken)))
        {
            return false;
        }

        Post = post;
        return true;
    }
}
