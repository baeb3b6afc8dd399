using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace Hearth.Web.Features.Accounts;

/// <summary>The second step of signing in: the code from an authenticator app, or a recovery code.</summary>
[AllowAnonymous]
[EnableRateLimiting(AccountsExtensions.AttemptsPolicy)]
public sealed class SignInTwoFactorModel(HearthSignInManager signIn, SecurityLog securityLog, IStringLocalizer<Strings> text) : PageModel
{
    [BindProperty]
    [Required(ErrorMessage = "Accounts.TwoFactor.CodeRequired")]
    public string Code { get; set; } = "";

    [BindProperty]
    public bool UseRecoveryCode { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public async Task<IActionResult> OnGetAsync() =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is null ? RedirectToPage("SignIn") : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null)
        {
            return RedirectToPage("SignIn");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        // Authenticator codes are often shown as "123 456"; recovery codes keep their dash ("abcde-fghij").
        var code = new string([.. Code.Where(c => !char.IsWhiteSpace(c))]);
        var wasDeleting = user.DeletionDueAt is not null;
        var result = UseRecoveryCode
            ? await signIn.TwoFactorRecoveryCodeSignInAsync(code)
            : await signIn.TwoFactorAuthenticatorSignInAsync(code, isPersistent: false, rememberClient: false);
        if (result.Succeeded)
        {
            if (UseRecoveryCode)
            {
                await securityLog.RecordAsync(user.Id, SecurityEventKind.RecoveryCodeUsed);
            }

            return wasDeleting ? RedirectToPage("Index", new { deletion = "cancelled" })
                : LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/account");
        }

        await securityLog.RecordAsync(user.Id, result.IsLockedOut ? SecurityEventKind.LockedOut : SecurityEventKind.SignInFailed);
        ModelState.AddModelError(nameof(Code), text[UseRecoveryCode ? "Accounts.TwoFactor.RecoveryWrong" : "Accounts.TwoFactor.CodeWrong"]);
        return Page();
    }
}
