using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Hearth.Web.Features.Accounts;

/// <summary>
/// Change the email address: re-enter the password, then confirm from a link sent to the new address.
/// If the new address already has an account, that address is told instead; this page answers the same.
/// </summary>
public sealed class ChangeEmailModel(UserManager<HearthUser> users, HearthSignInManager signIn, AccountEmails emails, SecurityLog securityLog, IStringLocalizer<Strings> text) : PageModel
{
    [BindProperty]
    [Required(ErrorMessage = "Accounts.Email.Required")]
    [EmailAddress(ErrorMessage = "Accounts.Email.Invalid")]
    [StringLength(256, ErrorMessage = "Accounts.Email.Invalid")]
    public string NewEmail { get; set; } = "";

    [BindProperty]
    [Required(ErrorMessage = "Accounts.Password.CurrentRequired")]
    public string CurrentPassword { get; set; } = "";

    public bool Sent { get; private set; }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var user = (await users.GetUserAsync(User))!;
        if (!await signIn.ConfirmCurrentPasswordAsync(user, CurrentPassword, ModelState, nameof(CurrentPassword), text))
        {
            return Page();
        }

        var newEmail = NewEmail.Trim();
        if (string.Equals(newEmail, user.Email, StringComparison.OrdinalIgnoreCase))
        {
            ModelState.AddModelError(nameof(NewEmail), text["Accounts.ChangeEmail.Same"]);
            return Page();
        }

        if (await users.FindByEmailAsync(newEmail) is not null)
        {
            emails.EmailInUse(newEmail);
        }
        else
        {
            emails.ChangeEmail(newEmail, user.Id, await users.GenerateChangeEmailTokenAsync(user, newEmail));
        }

        await securityLog.RecordAsync(user.Id, SecurityEventKind.EmailChangeRequested);
        Sent = true;
        return Page();
    }
}
