using Hearth.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Web.Features.Discussion;

/// <summary>The people I blocked, with a way to unblock each. Nobody is ever told they were blocked or unblocked.</summary>
public sealed class BlockedModel(HearthDb db, UserManager<Accounts.HearthUser> users) : PageModel
{
    public IReadOnlyList<KeyValuePair<int, string>> People { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var userId = users.GetUserId(User)!;
        People = await (from b in db.Blocks.AsNoTracking()
                        join u in db.Users on b.BlockedId equals u.Id
                        where b.BlockerId == userId
                        orderby u.DisplayName
                        select new KeyValuePair<int, string>(b.Id, u.DisplayName)).ToListAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostUnblockAsync(int id, CancellationToken cancellationToken)
    {
        var userId = users.GetUserId(User)!;
        await db.Blocks.Where(b => b.Id == id && b.BlockerId == userId).ExecuteDeleteAsync(cancellationToken);
        return Redirect("/account/blocked?done=1");
    }
}
