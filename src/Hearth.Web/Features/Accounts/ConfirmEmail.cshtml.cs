using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Hearth.Web.Features.Accounts;

/// <summary>
/// The link in the confirmation email opens a page with a button: mail scanners that fetch links must not
/// use up a single-use link. Confirming changes the security stamp, so the link works once.
/// </summary>
[AllowAnonymous]
public sealed class ConfirmEmailModel(UserManager<HearthUser> users, SecurityLog securityLog) : PageModel
{
    public enum Outcome
    {
        Ready,
        Confirmed,
        AlreadyConfirmed,
        Invalid,
    }

    [BindProperty(SupportsGet = true)]
    public string? UserId { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Code { get; set; }

    public Outcome Result { get; private set; } = Outcome.Ready;

    public async Task OnGetAsync()
    {
        var user = UserId is null ? null : await users.FindByIdAsync(UserId);
        Result = user is null || Code is null ? Outcome.Invalid : user.EmailConfirmed ? Outcome.AlreadyConfirmed : Outcome.Ready;
    }

    public async Task OnPostAsync()
    {
        var user = UserId is null ? null : await users.FindByIdAsync(UserId);
        var token = AccountEmails.DecodeToken(Code);
        if (user is null || token is null)
        {
            Result = Outcome.Invalid;
            return;
        }

        if (user.EmailConfirmed)
        {
            Result = Outcome.AlreadyConfirmed;
            return;
        }

        var confirmed = await users.ConfirmEmailAsync(user, token);
        if (!confirmed.Succeeded)
        {
            Result = Outcome.Invalid;
            return;
        }

        await users.UpdateSecurityStampAsync(user);
        await securityLog.RecordAsync(user.Id, SecurityEventKind.EmailConfirmed);
        Result = Outcome.Confirmed;
    }
}
