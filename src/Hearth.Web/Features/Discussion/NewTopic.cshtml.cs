using Hearth.Web.Data;
using Hearth.Web.Features.Groups;
using Hearth.Web.Features.Safety;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Hearth.Web.Features.Discussion;

/// <summary>
/// Start a topic in a group (members), or an announcement pinned to the top (organisers and co-organisers). An
/// urgent opening post goes through the supportive page first; a failed one keeps its words.
/// </summary>
public sealed class NewTopicModel(HearthDb db, Posting posting, DiscussionNotices notices, UserManager<Accounts.HearthUser> users, TimeProvider clock, IStringLocalizer<Strings> text) : PageModel
{
    public GroupAndMe Access { get; private set; } = null!;

    public SupportPrompt? Support { get; private set; }

    [BindProperty]
    public string? Title { get; set; }

    [BindProperty]
    public string? Body { get; set; }

    [BindProperty]
    public string? ContentWarning { get; set; }

    [BindProperty]
    public bool Announcement { get; set; }

    [BindProperty]
    public bool PostAnyway { get; set; }

    [BindProperty]
    public bool Back { get; set; }

    public DateTime? SuspendedUntil => Access.Me!.IsSuspended(clock.GetUtcNow().UtcDateTime) ? Access.Me.SuspendedUntil : null;

    public void OnGet() => Access = MembersOnly.Of(HttpContext);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Access = MembersOnly.Of(HttpContext);
        var userId = users.GetUserId(User)!;
        if (string.IsNullOrWhiteSpace(Title))
        {
            ModelState.AddModelError(nameof(Title), text["Discussion.New.NoTitle"]);
        }
        else if (Title.Trim().Length > Topic.TitleMaxLength)
        {
            ModelState.AddModelError(nameof(Title), text["Groups.Form.TooLong", Topic.TitleMaxLength, Title.Trim().Length]);
        }

        if (Announcement && !Access.CanOrganise)
        {
            ModelState.AddModelError("", text["Discussion.New.AnnouncementOrganisers"]);
        }

        var bodyOk = await posting.CheckAsync(Access.Me!, Body, nameof(Body), ContentWarning, nameof(ContentWarning), ModelState, cancellationToken);
        if (Back || !bodyOk || ModelState.ErrorCount > 0)
        {
            return Page();
        }

        var assessment = posting.Assess(Body!, Title);
        if (assessment.Level == RiskLevel.Urgent && !PostAnyway)
        {
            Support = new SupportPrompt("", [new(nameof(Title), Title), new(nameof(Body), Body), new(nameof(ContentWarning), ContentWarning), new(nameof(Announcement), Announcement ? "true" : "false")]);
            return Page();
        }

        var now = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var topic = new Topic { GroupId = Access.Group.Id, AuthorId = userId, Title = Title!.Trim(), IsAnnouncement = Announcement, CreatedAt = now, LastPostAt = now };
        db.Topics.Add(topic);
        await db.SaveChangesAsync(cancellationToken);
        var post = await posting.AddAsync(Access.Group.Id, topic.Id, isOpening: true, userId, Body!, ContentWarning, assessment, PostAnyway, cancellationToken);
        if (post.State == PostState.Published && topic.IsAnnouncement)
        {
            await notices.AnnouncementAsync(post, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);

        return Redirect($"/groups/{Access.Group.Slug}/discussion/{topic.Id}{(post.State == PostState.Held ? "?done=held" : "")}");
    }
}
