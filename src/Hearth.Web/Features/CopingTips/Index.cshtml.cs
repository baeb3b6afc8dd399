using Hearth.Web.Data;
using Hearth.Web.Features.Groups;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Web.Features.CopingTips;

/// <summary>A group's coping tips, newest first, for its members (<see cref="MembersOnlyFilter"/>), by tag.</summary>
public sealed class IndexModel(HearthDb db, TipShelf shelf, UserManager<Accounts.HearthUser> users, TimeProvider clock) : PageModel
{
    public GroupAndMe Access { get; private set; } = null!;

    public IReadOnlyList<TipView> Tips { get; private set; } = [];

    public string? Tag { get; private set; }

    public async Task OnGetAsync(string? tag, CancellationToken cancellationToken)
    {
        Access = MembersOnly.Of(HttpContext);
        Tag = CopingTip.Tags.Contains(tag) ? tag : null;
        Tips = await shelf.ReadAsync(TipShelf.Scope.Group, Access.Group.Id, users.GetUserId(User)!, Tag, cancellationToken);
    }

    /// <summary>The author deletes their tip: its words go, and it leaves every list and toolkit.</summary>
    public async Task<IActionResult> OnPostDeleteAsync(int tipId, CancellationToken cancellationToken)
    {
        Access = MembersOnly.Of(HttpContext);
        var userId = users.GetUserId(User)!;
        var postId = await db.CopingTips.Where(t => t.Id == tipId && t.GroupId == Access.Group.Id)
            .Join(db.Posts.Where(p => p.AuthorId == userId && p.DeletedAt == null), t => t.PostId, p => p.Id, (t, p) => (int?)p.Id)
            .SingleOrDefaultAsync(cancellationToken);
        if (postId is null)
        {
            return NotFound();
        }

        var now = clock.GetUtcNow().UtcDateTime;
        await db.Posts.Where(p => p.Id == postId).ExecuteUpdateAsync(s => s.SetProperty(p => p.DeletedAt, now).SetProperty(p => p.Body, "").SetProperty(p => p.BodyHtml, ""), cancellationToken);
        return Redirect($"/groups/{Access.Group.Slug}/tips?done=deleted");
    }
}
