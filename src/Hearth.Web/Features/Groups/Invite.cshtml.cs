using Hearth.Web.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Hearth.Web.Features.Groups;

/// <summary>
/// An invite link: anyone holding it may read the group's agreement; a signed-in person joins by accepting it
/// (or joins the waiting list if the group is full), whatever the group's join policy. An unknown link is "not
/// found"; an expired or withdrawn one says so, since whoever holds it already knows the group.
/// </summary>
[AllowAnonymous]
public sealed class InviteModel(HearthDb db, Belonging belonging, UserManager<Accounts.HearthUser> users, TimeProvider clock, IStringLocalizer<Strings> text) : PageModel
{
    public Group Group { get; private set; } = null!;

    public GroupInvite Invite { get; private set; } = null!;

    public bool IsMember { get; private set; }

    public bool IsFull { get; private set; }

    public bool IsUsable => Invite.RevokedAt is null && Invite.ExpiresAt > clock.GetUtcNow().UtcDateTime;

    [BindProperty]
    public bool AcceptAgreement { get; set; }

    public async Task<IActionResult> OnGetAsync(string slug, string token, CancellationToken cancellationToken) =>
        await LoadAsync(slug, token, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(string slug, string token, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(slug, token, cancellationToken))
        {
            return NotFound();
        }

        if (User.Identity?.IsAuthenticated != true)
        {
            return Challenge();
        }

        if (!IsUsable || IsMember)
        {
            return Page();
        }

        if (!AcceptAgreement)
        {
            ModelState.AddModelError(nameof(AcceptAgreement), text["Groups.Join.AcceptRequired"]);
            return Page();
        }

        var outcome = await belonging.JoinAsync(Group, users.GetUserId(User)!, cancellationToken);
        if (outcome is JoinOutcome.Joined or JoinOutcome.WaitingList)
        {
            await db.GroupInvites.Where(i => i.Id == Invite.Id).ExecuteUpdateAsync(s => s.SetProperty(i => i.Uses, i => i.Uses + 1), cancellationToken);
        }

        return outcome == JoinOutcome.Joined
            ? Redirect($"/groups/{Group.Slug}?joined=1")
            : Redirect($"/groups/{Group.Slug}/membership");
    }

    private async Task<bool> LoadAsync(string slug, string token, CancellationToken cancellationToken)
    {
        var hash = GroupInvite.Hash(token);
        var wanted = slug.ToLowerInvariant();
        var found = await (from i in db.GroupInvites.AsNoTracking()
                           join g in db.Groups.AsNoTracking() on i.GroupId equals g.Id
                           where i.TokenHash == hash && g.Slug == wanted
                           select new { Invite = i, Group = g }).SingleOrDefaultAsync(cancellationToken);
        if (found is null)
        {
            return false;
        }

        (Group, Invite) = (found.Group, found.Invite);
        var userId = users.GetUserId(User);
        IsMember = userId is not null && await db.GroupMembers.AnyAsync(m => m.GroupId == Group.Id && m.UserId == userId, cancellationToken);
        IsFull = !IsMember && await belonging.IsFullAsync(Group, userId, cancellationToken);
        return true;
    }
}
