using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Hearth.Web.Features.CopingTips;

/// <summary>
/// The private marks on a tip, from wherever it is shown: "this helped me too" and "save to my toolkit", and taking
/// either back. A tip the person cannot see is "not found"; saying the same thing twice changes nothing and says so.
/// </summary>
public sealed class MarkModel(TipShelf shelf, UserManager<Accounts.HearthUser> users) : PageModel
{
    public async Task<IActionResult> OnPostAsync(int tipId, string mark, string? returnUrl, CancellationToken cancellationToken)
    {
        var userId = users.GetUserId(User)!;
        if (await shelf.FindAsync(tipId, userId, cancellationToken) is not { } found)
        {
            return NotFound();
        }

        var (tip, post) = found;
        var changed = mark switch
        {
            "helped" when post.AuthorId != userId => await shelf.HelpedAsync(post, userId, cancellationToken),
            "save" => await shelf.SaveAsync(tip, userId, cancellationToken),
            "unhelped" => await Done(shelf.UnhelpedAsync(post, userId, cancellationToken)),
            "unsave" => await Done(shelf.UnsaveAsync(tip.Id, userId, cancellationToken)),
            _ => (bool?)null,
        };
        if (changed is null)
        {
            return BadRequest();
        }

        var back = returnUrl is not null && Url.IsLocalUrl(returnUrl) ? returnUrl.Split('#')[0] : "/account/toolkit";
        var separator = back.Contains('?', StringComparison.Ordinal) ? '&' : '?';
        return Redirect(changed.Value ? $"{back}#tip-{tip.Id}" : $"{back}{separator}already={mark}#tip-{tip.Id}");
    }

    private static async Task<bool?> Done(Task task)
    {
        await task;
        return true;
    }
}
