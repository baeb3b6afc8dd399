using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Hearth.Web.Features.Accounts;

/// <summary>
/// Change the password. The security stamp changes with it, so every other session ends (Identity's stamp
/// check would end them within a minute anyway; here they end at once and the page says so).
/// </summary>
public sealed class ChangePasswordModel(UserManager<HearthUser> users, HearthSignInManager signIn, SecurityLog securityLog, IStringLocalizer<Strings> text) : PageModel
{
    [BindProperty]
    [Required(ErrorMessage = "Accounts.Password.CurrentRequired")]
    public string CurrentPassword { get; set; } = "";

    [BindProperty]
    [Required(ErrorMessage = "Accounts.Password.Required")]
    public string NewPassword { get; set; } = "";

    public bool Done { get; private set; }

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

        var result = await users.ChangePasswordAsync(user, CurrentPassword, NewPassword);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                if (error.Code == nameof(IdentityErrorDescriber.PasswordMismatch))
                {
                    ModelState.AddModelError(nameof(CurrentPassword), text["Accounts.Password.CurrentWrong"]);
                }
                else
                {
                    ModelState.AddModelError(nameof(NewPassword), error.Description);
                }
            }

            return Page();
        }

        var current = HearthSignInManager.CurrentSessionId(User, user.Id);
        await signIn.EndSessionsAsync(user.Id, except: current);
        await signIn.RefreshSignInAsync(user);
        await securityLog.RecordAsync(user.Id, SecurityEventKind.PasswordChanged);
        Done = true;
        return Page();
    }
}
