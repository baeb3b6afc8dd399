using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Hearth.Web.Features.Accounts;

/// <summary>Completes an email change from the link; the old address is told. One use: the security stamp changes.</summary>
[AllowAnonymous]
public sealed class ConfirmEmailChangeModel(UserManager<HearthUser> users, HearthSignInManager signIn, AccountEmails emails, SecurityLog securityLog) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? UserId { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Email { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Code { get; set; }

    public bool LinkInvalid { get; private set; }

    public bool Done { get; private set; }

    public void OnGet() => LinkInvalid = UserId is null || Email is null || Code is null;

    public async Task<IActionResult> OnPostAsync()
    {
        var user = UserId is null ? null : await users.FindByIdAsync(UserId);
        var token = AccountEmails.DecodeToken(Code);
        if (user is null || token is null || Email is null)
        {
            LinkInvalid = true;
            return Page();
        }

        var oldEmail = user.Email!;
        var changed = await users.ChangeEmailAsync(user, Email, token);
        if (!changed.Succeeded)
        {
            LinkInvalid = true;
            return Page();
        }

        var renamed = await users.SetUserNameAsync(user, Email);
        if (!renamed.Succeeded)
        {
            LinkInvalid = true;
            return Page();
        }

        // The security stamp changed: every other browser is signed out; this one, if it is theirs, stays.
        var current = HearthSignInManager.CurrentSessionId(User, user.Id);
        await signIn.EndSessionsAsync(user.Id, except: current);
        if (current is not null)
        {
            await signIn.RefreshSignInAsync(user);
        }
        await securityLog.RecordAsync(user.Id, SecurityEventKind.EmailChanged);
        emails.EmailChanged(oldEmail);
        Done = true;
        return Page();
    }
}
