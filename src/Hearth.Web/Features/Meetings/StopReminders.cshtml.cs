using System.Security.Cryptography;
using Hearth.Web.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Web.Features.Meetings;

/// <summary>
/// The unsubscribe link in every reminder. Opening it (which mail scanners do) only asks; the button, or a mail
/// program's one-click POST (RFC 8058, with no sign-in and so no antiforgery token), turns reminders off. The token
/// can do nothing else. A token that is not one of ours is "not found", with no hint.
/// </summary>
[IgnoreAntiforgeryToken]
public sealed class StopRemindersModel(HearthDb db, IDataProtectionProvider protection) : PageModel
{
    public bool Stopped { get; private set; }

    public async Task<IActionResult> OnGetAsync(string token, CancellationToken cancellationToken) =>
        await PersonAsync(token, cancellationToken) is null ? NotFound() : Page();

    public async Task<IActionResult> OnPostAsync(string token, CancellationToken cancellationToken)
    {
        if (await PersonAsync(token, cancellationToken) is not { } userId)
        {
            return NotFound();
        }

        await db.Users.Where(u => u.Id == userId)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.RemindDayBefore, false).SetProperty(u => u.RemindHoursBefore, false), cancellationToken);
        Stopped = true;
        return Page();
    }

    private async Task<string?> PersonAsync(string token, CancellationToken cancellationToken)
    {
        string userId;
        try
        {
            userId = MeetingReminders.StopProtector(protection).Unprotect(token);
        }
        catch (CryptographicException)
        {
            return null;
        }

        return await db.Users.AnyAsync(u => u.Id == userId, cancellationToken) ? userId : null;
    }
}
