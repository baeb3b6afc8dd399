using Hearth.Web.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Web.Features.Groups;

/// <summary>
/// Network staff (admins and peer group workers) mark a group as facilitated by the network, or not. Organisers
/// cannot set it themselves: it is the network's promise, not the group's. Authorised by the "network-staff" policy.
/// </summary>
public sealed class NetworkModel(HearthDb db) : PageModel
{
    public const string StaffPolicy = "network-staff";

    public Group Group { get; private set; } = null!;

    [BindProperty]
    public bool Facilitated { get; set; }

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        var group = await FindAsync(slug, cancellationToken);
        if (group is null)
        {
            return NotFound();
        }

        (Group, Facilitated) = (group, group.IsFacilitatedByNetwork);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string slug, CancellationToken cancellationToken)
    {
        var group = await FindAsync(slug, cancellationToken);
        if (group is null)
        {
            return NotFound();
        }

        var facilitated = Facilitated;
        await db.Groups.Where(g => g.Id == group.Id).ExecuteUpdateAsync(s => s.SetProperty(g => g.IsFacilitatedByNetwork, facilitated), cancellationToken);
        return Redirect($"/groups/{group.Slug}/network?saved=1");
    }

    private Task<Group?> FindAsync(string slug, CancellationToken cancellationToken)
    {
        var wanted = slug.ToLowerInvariant();
        return db.Groups.AsNoTracking().SingleOrDefaultAsync(g => g.Slug == wanted, cancellationToken);
    }
}
