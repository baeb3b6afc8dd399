using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Hearth.Web.Features.Accounts;

/// <summary>Choose a new password from an emailed link. The link works once (the security stamp changes) and expires.</summary>
[AllowAnonymous]
[EnableRateLimiting(AccountsExtensions.AttemptsPolicy)]
public sealed class ResetPasswordModel(UserManager<HearthUser> users, HearthSignInManager signIn, SecurityLog securityLog) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? UserId { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Code { get; set; }

    [BindProperty]
    [Required(ErrorMessage = "Accounts.Password.Required")]
    public string Password { get; set; } = "";

    public bool LinkInvalid { get; private set; }

    public bool Done { get; private set; }

    public async Task OnGetAsync()
    {
        var user = UserId is null ? null : await users.FindByIdAsync(UserId);
        var token = AccountEmails.DecodeToken(Code);
        LinkInvalid = user is null || token is null
            || !await users.VerifyUserTokenAsync(user, users.Options.Tokens.PasswordResetTokenProvider, UserManager<HearthUser>.ResetPasswordTokenPurpose, token);
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = UserId is null ? null : await users.FindByIdAsync(UserId);
        var token = AccountEmails.DecodeToken(Code);
        if (user is null || token is null)
        {
            LinkInvalid = true;
            return Page();
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await users.ResetPasswordAsync(user, token, Password);
        if (!result.Succeeded)
        {
            if (result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.InvalidToken)))
            {
                LinkInvalid = true;
                return Page();
            }

            foreach (var error in result.Errors)
            {
                ModelState.AddModelError(nameof(Password), error.Description);
            }

            return Page();
        }

        await users.ResetAccessFailedCountAsync(user);
        await users.SetLockoutEndDateAsync(user, null);
        await signIn.EndSessionsAsync(user.Id, except: null);
        await securityLog.RecordAsync(user.Id, SecurityEventKind.PasswordReset);
        Done = true;
        return Page();
    }
}
