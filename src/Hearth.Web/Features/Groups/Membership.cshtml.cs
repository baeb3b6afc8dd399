using Hearth.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Hearth.Web.Features.Groups;

/// <summary>
/// A person's way in and out of one group: join an open group (or its waiting list) by accepting the agreement,
/// ask to join a closed group, take an offered place, withdraw, leave, or take a break. Signed-in people only
/// (declared in GroupsExtensions). The last organiser must hand over before leaving.
/// </summary>
public sealed class MembershipModel(HearthDb db, Belonging belonging, UserManager<Accounts.HearthUser> users, TimeProvider clock, IStringLocalizer<Strings> text) : PageModel
{
    public static readonly IReadOnlyList<int> BreakLengthsInDays = [7, 14, 30, 90];

    public Group Group { get; private set; } = null!;

    public GroupMember? Mine { get; private set; }

    public JoinRequest? MyRequest { get; private set; }

    public int? PlaceInQueue { get; private set; }

    public bool IsFull { get; private set; }

    public DateTime Now { get; private set; }

    [BindProperty]
    public bool AcceptAgreement { get; set; }

    [BindProperty]
    public string? Message { get; set; }

    [BindProperty]
    public int BreakDays { get; set; } = 14;

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(slug, cancellationToken))
        {
            return NotFound();
        }

        if (MyRequest is { State: JoinRequestState.Waiting or JoinRequestState.Offered })
        {
            // Lapsed offers move on to the next person; this person's own place may have come up.
            await belonging.OfferFreePlacesAsync(Group, cancellationToken);
            await LoadAsync(slug, cancellationToken);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostJoinAsync(string slug, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(slug, cancellationToken))
        {
            return NotFound();
        }

        if (Mine is not null)
        {
            ModelState.AddModelError(string.Empty, text["Groups.Join.Already"]);
            return Page();
        }

        var offered = MyRequest is { State: JoinRequestState.Offered } && MyRequest.OfferedUntil > Now;
        if (Group.JoinPolicy != JoinPolicy.Open && !offered)
        {
            ModelState.AddModelError(string.Empty, text["Groups.Join.NotOpen"]);
            return Page();
        }

        if (!AcceptAgreement)
        {
            ModelState.AddModelError(nameof(AcceptAgreement), text["Groups.Join.AcceptRequired"]);
            return Page();
        }

        switch (await belonging.JoinAsync(Group, users.GetUserId(User)!, cancellationToken))
        {
            case JoinOutcome.Joined:
                return Redirect($"/groups/{Group.Slug}?joined=1");
            case JoinOutcome.WaitingList:
                return Redirect($"/groups/{Group.Slug}/membership?waiting=1");
            case JoinOutcome.AlreadyMember:
                ModelState.AddModelError(string.Empty, text["Groups.Join.Already"]);
                break;
            case JoinOutcome.AlreadyWaiting:
                ModelState.AddModelError(string.Empty, text["Groups.Waiting.Already"]);
                break;
            default:
                break;
        }

        await LoadAsync(slug, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostRequestAsync(string slug, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(slug, cancellationToken))
        {
            return NotFound();
        }

        if (Mine is not null)
        {
            ModelState.AddModelError(string.Empty, text["Groups.Join.Already"]);
            return Page();
        }

        if (Group.JoinPolicy != JoinPolicy.Closed)
        {
            ModelState.AddModelError(string.Empty, text["Groups.Join.NotOpen"]);
            return Page();
        }

        if (Message?.Trim().Length > JoinRequest.MessageMaxLength)
        {
            ModelState.AddModelError(nameof(Message), text["Groups.Request.MessageTooLong", JoinRequest.MessageMaxLength]);
        }

        if (!AcceptAgreement)
        {
            ModelState.AddModelError(nameof(AcceptAgreement), text["Groups.Join.AcceptRequired"]);
        }

        if (ModelState.ErrorCount > 0)
        {
            return Page();
        }

        if (!await belonging.RequestAsync(Group, users.GetUserId(User)!, Message, cancellationToken))
        {
            ModelState.AddModelError(string.Empty, text["Groups.Request.Already"]);
            await LoadAsync(slug, cancellationToken);
            return Page();
        }

        return Redirect($"/groups/{Group.Slug}/membership?asked=1");
    }

    public async Task<IActionResult> OnPostWithdrawAsync(string slug, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(slug, cancellationToken))
        {
            return NotFound();
        }

        await belonging.WithdrawAsync(Group, users.GetUserId(User)!, cancellationToken);
        return Redirect($"/groups/{Group.Slug}/membership?withdrawn=1");
    }

    public async Task<IActionResult> OnPostLeaveAsync(string slug, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(slug, cancellationToken))
        {
            return NotFound();
        }

        if (Mine is null)
        {
            return Redirect($"/groups/{Group.Slug}");
        }

        if (Mine.Role == GroupRole.Organiser
            && !await db.GroupMembers.AnyAsync(m => m.GroupId == Group.Id && m.Role == GroupRole.Organiser && m.Id != Mine.Id, cancellationToken))
        {
            ModelState.AddModelError(string.Empty, text["Groups.Leave.LastOrganiser"]);
            return Page();
        }

        await belonging.RemoveAsync(Group, Mine.Id, cancellationToken);
        return Redirect($"/groups/{Group.Slug}?left=1");
    }

    public async Task<IActionResult> OnPostBreakAsync(string slug, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(slug, cancellationToken))
        {
            return NotFound();
        }

        if (Mine is null)
        {
            return Redirect($"/groups/{Group.Slug}");
        }

        // A value that is not a number leaves BreakDays at its default, so check that it bound at all.
        if (ModelState.GetValidationState(nameof(BreakDays)) == ModelValidationState.Invalid || !BreakLengthsInDays.Contains(BreakDays))
        {
            ModelState.Remove(nameof(BreakDays));
            ModelState.AddModelError(nameof(BreakDays), text["Groups.Break.ChooseLength"]);
            return Page();
        }

        var until = Now.AddDays(BreakDays);
        await db.GroupMembers.Where(m => m.Id == Mine.Id).ExecuteUpdateAsync(s => s.SetProperty(m => m.BreakUntil, until), cancellationToken);
        return Redirect($"/groups/{Group.Slug}/membership?break=1");
    }

    public async Task<IActionResult> OnPostEndBreakAsync(string slug, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(slug, cancellationToken))
        {
            return NotFound();
        }

        if (Mine is not null)
        {
            await db.GroupMembers.Where(m => m.Id == Mine.Id).ExecuteUpdateAsync(s => s.SetProperty(m => m.BreakUntil, (DateTime?)null), cancellationToken);
        }

        return Redirect($"/groups/{Group.Slug}/membership?back=1");
    }

    public string DeclineText(string? reason) => text[$"Groups.Decline.{reason ?? "later"}"];

    private async Task<bool> LoadAsync(string slug, CancellationToken cancellationToken)
    {
        var wanted = slug.ToLowerInvariant();
        var group = await db.Groups.AsNoTracking().SingleOrDefaultAsync(g => g.Slug == wanted, cancellationToken);
        if (group is null)
        {
            return false;
        }

        Group = group;
        Now = clock.GetUtcNow().UtcDateTime;
        var userId = users.GetUserId(User);
        Mine = await db.GroupMembers.AsNoTracking().SingleOrDefaultAsync(m => m.GroupId == group.Id && m.UserId == userId, cancellationToken);
        MyRequest = Mine is not null ? null
            : await db.JoinRequests.AsNoTracking().SingleOrDefaultAsync(r => r.GroupId == group.Id && r.UserId == userId, cancellationToken);
        PlaceInQueue = MyRequest is null ? null : await belonging.PlaceInQueueAsync(MyRequest, cancellationToken);
        IsFull = Mine is null && await belonging.IsFullAsync(group, userId, cancellationToken);
        return true;
    }
}
