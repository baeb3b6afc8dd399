using Hearth.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Hearth.Web.Features.Groups;

/// <summary>
/// Join an open group by accepting its agreement, or leave any group at any time. Signed-in people only
/// (declared in GroupsExtensions). The last organiser must hand over before leaving.
/// </summary>
public sealed class MembershipModel(HearthDb db, UserManager<Accounts.HearthUser> users, TimeProvider clock, IStringLocalizer<Strings> text) : PageModel
{
    public Group Group { get; private set; } = null!;

    public GroupMember? Mine { get; private set; }

    [BindProperty]
    public bool AcceptAgreement { get; set; }

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken) =>
        await LoadAsync(slug, cancellationToken) ? Page() : NotFound();

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

        if (Group.JoinPolicy != JoinPolicy.Open)
        {
            ModelState.AddModelError(string.Empty, text["Groups.Join.NotOpen"]);
            return Page();
        }

        if (!AcceptAgreement)
        {
            ModelState.AddModelError(nameof(AcceptAgreement), text["Groups.Join.AcceptRequired"]);
            return Page();
        }

        db.GroupMembers.Add(new GroupMember
        {
            GroupId = Group.Id,
            UserId = users.GetUserId(User)!,
            Role = GroupRole.Member,
            JoinedAt = clock.GetUtcNow().UtcDateTime,
            AgreementVersionAccepted = Group.AgreementVersion,
        });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Two tabs joined at once: the unique index kept one membership.
            ModelState.AddModelError(string.Empty, text["Groups.Join.Already"]);
            return Page();
        }

        return Redirect($"/groups/{Group.Slug}?joined=1");
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

        await db.GroupMembers.Where(m => m.Id == Mine.Id).ExecuteDeleteAsync(cancellationToken);
        return Redirect($"/groups/{Group.Slug}?left=1");
    }

    private async Task<bool> LoadAsync(string slug, CancellationToken cancellationToken)
    {
        var wanted = slug.ToLowerInvariant();
        var group = await db.Groups.AsNoTracking().SingleOrDefaultAsync(g => g.Slug == wanted, cancellationToken);
        if (group is null)
        {
            return false;
        }

        Group = group;
        var userId = users.GetUserId(User);
        Mine = await db.GroupMembers.AsNoTracking().SingleOrDefaultAsync(m => m.GroupId == group.Id && m.UserId == userId, cancellationToken);
        return true;
    }
}
