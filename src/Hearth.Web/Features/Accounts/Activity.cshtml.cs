using Hearth.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Web.Features.Accounts;

/// <summary>The person's own recent security events, newest first.</summary>
public sealed class ActivityModel(HearthDb db, UserManager<HearthUser> users) : PageModel
{
    public IReadOnlyList<SecurityEvent> Events { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var userId = users.GetUserId(User)!;
        Events = await db.SecurityEvents.AsNoTracking()
            .Where(e => e.UserId == userId)
            .OrderByDescending(e => e.At).ThenByDescending(e => e.Id)
            .Take(100)
            .ToListAsync(cancellationToken);
    }
}
