using Hearth.Web.Data;
using Hearth.Web.Features.Discussion;
using Hearth.Web.Features.Groups;
using Hearth.Web.Features.Safety;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Hearth.Web.Features.CopingTips;

/// <summary>
/// Add a tip to the group, and optionally share it with the whole network, signed with the display name or as "a
/// member of {group}". It meets the same checks as any post, the supportive page included; a failed one keeps its
/// words.
/// </summary>
public sealed class NewModel(HearthDb db, Posting posting, UserManager<Accounts.HearthUser> users, IStringLocalizer<Strings> text) : PageModel
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
    public List<string> Tags { get; set; } = [];

    [BindProperty]
    public bool Share { get; set; }

    [BindProperty]
    public string? SignedAs { get; set; } = nameof(TipSignature.GroupMember);

    [BindProperty]
    public bool PostAnyway { get; set; }

    [BindProperty]
    public bool Back { get; set; }

    public void OnGet() => Access = MembersOnly.Of(HttpContext);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Access = MembersOnly.Of(HttpContext);
        var userId = users.GetUserId(User)!;
        if (string.IsNullOrWhiteSpace(Title))
        {
            ModelState.AddModelError(nameof(Title), text["Tips.New.NoTitle"]);
        }
        else if (Title.Trim().Length > CopingTip.TitleMaxLength)
        {
            ModelState.AddModelError(nameof(Title), text["Groups.Form.TooLong", CopingTip.TitleMaxLength, Title.Trim().Length]);
        }

        if (Tags.Any(t => !CopingTip.Tags.Contains(t)))
        {
            ModelState.AddModelError(nameof(Tags), text["Tips.New.UnknownTag"]);
        }

        if (!Enum.TryParse<TipSignature>(SignedAs, out var signature) || !Enum.IsDefined(signature))
        {
            ModelState.AddModelError(nameof(SignedAs), text["Tips.New.ChooseSignature"]);
        }

        var bodyOk = await posting.CheckAsync(Access.Me!, Body, nameof(Body), ContentWarning, nameof(ContentWarning), ModelState, cancellationToken);
        if (Back || !bodyOk || ModelState.ErrorCount > 0)
        {
            return Page();
        }

        var assessment = posting.Assess(Body!, Title);
        if (assessment.Level == RiskLevel.Urgent && !PostAnyway)
        {
            Support = new SupportPrompt("",
            [
                new(nameof(Title), Title), new(nameof(Body), Body), new(nameof(ContentWarning), ContentWarning),
                .. Tags.Select(t => new KeyValuePair<string, string?>(nameof(Tags), t)),
                new(nameof(Share), Share ? "true" : "false"), new(nameof(SignedAs), SignedAs),
            ]);
            return Page();
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var post = await posting.AddAsync(Access.Group.Id, topicId: null, isOpening: false, userId, Body!, ContentWarning, assessment, PostAnyway, cancellationToken);
        db.CopingTips.Add(new CopingTip
        {
            GroupId = Access.Group.Id,
            PostId = post.Id,
            Title = Title!.Trim(),
            TagCodes = Vocabulary.Store([.. CopingTip.Tags.Where(Tags.Contains)]),
            SharedWithNetwork = Share,
            SignedAs = signature,
        });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Redirect($"/groups/{Access.Group.Slug}/tips?done={(post.State == PostState.Held ? "held" : "added")}");
    }
}
