using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Hearth.Web.Features.Moderation;

/// <summary>
/// What waits for a moderator, people possibly at risk first. Organisers see their own groups' posts, the network's
/// moderators every group's; anyone who moderates nothing gets "not found".
/// </summary>
public sealed class QueueModel(Moderating moderating) : PageModel
{
    public IReadOnlyList<QueueItem> Items { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (await moderating.GroupsAsync(User, cancellationToken) is { Count: 0 })
        {
            return NotFound();
        }

        Items = await moderating.QueueAsync(User, cancellationToken);
        return Page();
    }
}
