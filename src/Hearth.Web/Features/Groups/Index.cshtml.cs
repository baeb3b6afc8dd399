using Hearth.Web.Data;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Web.Features.Groups;

/// <summary>The directory: every listed group, open to anyone without an account. Unlisted groups never appear.</summary>
public sealed class IndexModel(HearthDb db) : PageModel
{
    public IReadOnlyList<Group> Groups { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Groups = await db.Groups.AsNoTracking()
            .Where(g => g.IsListed)
            .OrderBy(g => g.Town == null)
            .ThenBy(g => g.Town)
            .ThenBy(g => g.Name)
            .ToListAsync(cancellationToken);
}
