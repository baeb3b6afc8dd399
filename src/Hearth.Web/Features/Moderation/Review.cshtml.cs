using System.Globalization;
using Hearth.Web.Data;
using Hearth.Web.Features.Accounts;
using Hearth.Web.Features.Discussion;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Hearth.Web.Features.Moderation;

/// <summary>
/// One post under review: what was reported (reasons and notes, never who), the risk check's flag, and the actions:
/// keep, hide, warn the author, suspend them from the group, ban them from the network (admins). Someone who does not
/// moderate the post's group is told so and nothing changes; the post is not shown to them.
/// </summary>
public sealed class ReviewModel(HearthDb db, Moderating moderating, UserManager<HearthUser> users, IStringLocalizer<Strings> text) : PageModel
{
    public sealed record ReportLine(ReportReason Reason, string? Note, DateTime CreatedAt);

    public Post Post { get; private set; } = null!;

    public string GroupName { get; private set; } = "";

    public string GroupSlug { get; private set; } = "";

    public string Author { get; private set; } = "";

    public string? TopicTitle { get; private set; }

    public SafetyFlag? Flag { get; private set; }

    public IReadOnlyList<ReportLine> Reports { get; private set; } = [];

    public bool Refused { get; private set; }

    public bool CanBan => User.IsInRole(NetworkRoles.Admin);

    [BindProperty]
    public string? Note { get; set; }

    [BindProperty]
    public string? Days { get; set; }

    public async Task<IActionResult> OnGetAsync(int postId, CancellationToken cancellationToken) =>
        await LoadAsync(postId, cancellationToken) ?? Page();

    public Task<IActionResult> OnPostKeepAsync(int postId, CancellationToken cancellationToken) =>
        ActAsync(postId, () => moderating.SettleAsync(Post, Me, keep: true, Note, cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostHideAsync(int postId, CancellationToken cancellationToken) =>
        ActAsync(postId, () => moderating.SettleAsync(Post, Me, keep: false, Note, cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostWarnAsync(int postId, CancellationToken cancellationToken) =>
        ActAsync(postId, async () =>
        {
            if (!HasAuthor())
            {
                return;
            }

            if (string.IsNullOrWhiteSpace(Note))
            {
                ModelState.AddModelError(nameof(Note), text["Moderation.Warn.NeedsNote"]);
                return;
            }

            await moderating.WarnAsync(Post, Me, Note, cancellationToken);
        }, cancellationToken);

    public Task<IActionResult> OnPostSuspendAsync(int postId, CancellationToken cancellationToken) =>
        ActAsync(postId, async () =>
        {
            if (!HasAuthor())
            {
                return;
            }

            if (!int.TryParse(Days, NumberStyles.None, CultureInfo.InvariantCulture, out var days) || days is < 1 or > 365)
            {
                ModelState.AddModelError(nameof(Days), text["Moderation.Suspend.Days"]);
                return;
            }

            if (!await moderating.SuspendAsync(Post, Me, days, Note, cancellationToken))
            {
                ModelState.AddModelError(nameof(Days), text["Moderation.Suspend.NotMember"]);
            }
        }, cancellationToken);

    public Task<IActionResult> OnPostBanAsync(int postId, CancellationToken cancellationToken) =>
        ActAsync(postId, async () =>
        {
            if (!CanBan)
            {
                ModelState.AddModelError("", text["Moderation.Ban.AdminsOnly"]);
                return;
            }

            if (!HasAuthor())
            {
                return;
            }

            await moderating.BanAsync(Post, Me, Note, cancellationToken);
        }, cancellationToken);

    /// <summary>Warnings, suspensions and bans need a person: an erased account's posts can only be kept or hidden.</summary>
    private bool HasAuthor()
    {
        if (Post.AuthorId is null)
        {
            ModelState.AddModelError("", text["Moderation.FormerMember"]);
        }

        return Post.AuthorId is not null;
    }

    private string Me => users.GetUserId(User)!;

    private async Task<IActionResult> ActAsync(int postId, Func<Task> act, CancellationToken cancellationToken)
    {
        if (await LoadAsync(postId, cancellationToken) is { } refused)
        {
            return refused;
        }

        if (Note?.Trim().Length > ModerationEntry.NoteMaxLength)
        {
            ModelState.AddModelError(nameof(Note), text["Groups.Form.TooLong", ModerationEntry.NoteMaxLength, Note.Trim().Length]);
            return Page();
        }

        await act();
        if (ModelState.ErrorCount > 0)
        {
            return Page();
        }

        return Redirect("/moderation?done=1");
    }

    /// <summary>Null when the viewer may review this post; otherwise "not found" or the refusal.</summary>
    private async Task<IActionResult?> LoadAsync(int postId, CancellationToken cancellationToken)
    {
        var groups = await moderating.GroupsAsync(User, cancellationToken);
        if (groups is { Count: 0 })
        {
            return NotFound();
        }

        var post = await db.Posts.AsNoTracking().SingleOrDefaultAsync(p => p.Id == postId, cancellationToken);
        if (post is null)
        {
            return NotFound();
        }

        if (groups is not null && !groups.Contains(post.GroupId))
        {
            Refused = true;
            ModelState.AddModelError("", text["Moderation.OutsideGroups"]);
            var refusal = Page();
            refusal.StatusCode = StatusCodes.Status403Forbidden;
            return refusal;
        }

        Post = post;
        var group = await db.Groups.AsNoTracking().Where(g => g.Id == post.GroupId).Select(g => new { g.Name, g.Slug }).SingleAsync(cancellationToken);
        (GroupName, GroupSlug) = (group.Name, group.Slug);
        Author = post.AuthorId is null ? "" : await db.Users.AsNoTracking().Where(u => u.Id == post.AuthorId).Select(u => u.DisplayName).SingleAsync(cancellationToken);
        TopicTitle = post.TopicId is null ? null : await db.Topics.AsNoTracking().Where(t => t.Id == post.TopicId).Select(t => t.Title).SingleAsync(cancellationToken);
        Flag = await db.SafetyFlags.AsNoTracking().SingleOrDefaultAsync(f => f.PostId == post.Id, cancellationToken);
        Reports = await db.Reports.AsNoTracking().Where(r => r.PostId == post.Id && r.ReviewedAt == null).OrderBy(r => r.CreatedAt)
            .Select(r => new ReportLine(r.Reason, r.Note, r.CreatedAt)).ToListAsync(cancellationToken);
        return null;
    }
}
