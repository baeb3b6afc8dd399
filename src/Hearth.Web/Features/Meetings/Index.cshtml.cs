using Hearth.Web.Features.Groups;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Hearth.Web.Features.Meetings;

/// <summary>A group's meetings for the next eight weeks, open to anyone who can see the group's page.</summary>
public sealed class IndexModel(GroupAccess access, MeetingCalendar calendar) : PageModel
{
    public const int Days = 56;

    public GroupAndMe Access { get; private set; } = null!;

    public IReadOnlyList<Occurrence> Upcoming { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        var found = await access.FindAsync(slug, User, cancellationToken);
        if (found is null)
        {
            return NotFound();
        }

        Access = found;
        Upcoming = await calendar.UpcomingAsync(found.Group.Id, Days, cancellationToken);
        return Page();
    }
}
