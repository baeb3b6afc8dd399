using Hearth.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Hearth.Web.Features.Discussion;

/// <summary>Words that fold away any post containing them, for this person only; one per line.</summary>
public sealed class MutedModel(HearthDb db, UserManager<Accounts.HearthUser> users, IStringLocalizer<Strings> text) : PageModel
{
    public const int MostWords = 50;

    public const int LongestWord = 40;

    [BindProperty]
    public string? Words { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var userId = users.GetUserId(User)!;
        Words = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.MutedWords).SingleAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var list = Reading.MutedWordList(Words?.Replace("\r", "", StringComparison.Ordinal));
        if (list.Count > MostWords)
        {
            ModelState.AddModelError(nameof(Words), text["Muted.TooMany", MostWords, list.Count]);
        }
        else if (list.FirstOrDefault(w => w.Length > LongestWord) is { } tooLong)
        {
            ModelState.AddModelError(nameof(Words), text["Muted.TooLong", LongestWord, tooLong]);
        }

        if (ModelState.ErrorCount > 0)
        {
            return Page();
        }

        var userId = users.GetUserId(User)!;
        var stored = list.Count == 0 ? null : string.Join('\n', list.Distinct(StringComparer.OrdinalIgnoreCase));
        await db.Users.Where(u => u.Id == userId).ExecuteUpdateAsync(s => s.SetProperty(u => u.MutedWords, stored), cancellationToken);
        return Redirect("/account/muted?done=1");
    }
}
