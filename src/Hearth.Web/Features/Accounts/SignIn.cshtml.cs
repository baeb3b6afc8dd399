using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace Hearth.Web.Features.Accounts;

/// <summary>
/// Sign in with email and password. A wrong password, an unknown email and a locked account all get the same
/// message after the same work, so the page never tells anyone whether an address has an account.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(AccountsExtensions.AttemptsPolicy)]
public sealed class SignInModel(HearthSignInManager signIn, UserManager<HearthUser> users, AccountEmails emails, SecurityLog securityLog, IStringLocalizer<Strings> text) : PageModel
{
    // A real hash from the configured hasher to verify against when there is no password to check, so an
    // unknown email or a paused account costs the same work as a wrong password.
    private static string? unknownUserHash;

    [BindProperty]
    public SignInInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public IActionResult OnGet() => User.Identity?.IsAuthenticated == true ? LocalRedirect(SafeReturnUrl) : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var user = await users.FindByEmailAsync(Input.Email.Trim());
        if (user is null)
        {
            HashAnyway();
            return Refuse();
        }

        if (!user.EmailConfirmed)
        {
            // Identity would say "not allowed" before checking the password: check it first, so a stranger
            // learns nothing and only the owner is sent a new link.
            if (!await users.CheckPasswordAsync(user, Input.Password))
            {
                return Refuse();
            }

            emails.ConfirmEmail(user.Email!, user.Id, await users.GenerateEmailConfirmationTokenAsync(user));
            ModelState.AddModelError("Input.Email", text["Accounts.SignIn.Unconfirmed"]);
            return Page();
        }

        if (await users.IsLockedOutAsync(user))
        {
            // Identity answers a paused account without hashing; hash anyway so its answer takes as long as any
            // other. Already paused and already told: another attempt must not flood the owner's inbox.
            HashAnyway();
            return Refuse();
        }

        var wasDeleting = user.DeletionDueAt is not null;
        var result = await signIn.PasswordSignInAsync(user, Input.Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            return wasDeleting ? RedirectToPage("Index", new { deletion = "cancelled" }) : LocalRedirect(SafeReturnUrl);
        }

        if (result.RequiresTwoFactor)
        {
            return RedirectToPage("SignInTwoFactor", new { ReturnUrl });
        }

        if (result.IsLockedOut)
        {
            await securityLog.RecordAsync(user.Id, SecurityEventKind.LockedOut);
            emails.LockedOut(user.Email!);
        }
        else
        {
            await securityLog.RecordAsync(user.Id, SecurityEventKind.SignInFailed);
        }

        return Refuse();
    }

    private void HashAnyway()
    {
        unknownUserHash ??= users.PasswordHasher.HashPassword(new HearthUser(), Guid.NewGuid().ToString());
        users.PasswordHasher.VerifyHashedPassword(new HearthUser(), unknownUserHash, Input.Password);
    }

    /// <summary>Called by passkeys.js: options for navigator.credentials.get, for any passkey on this device.</summary>
    public async Task<IActionResult> OnPostPasskeyOptionsAsync() =>
        Content(await signIn.MakePasskeyRequestOptionsAsync(null), "application/json");

    public async Task<IActionResult> OnPostPasskeyAsync(string? credentialJson)
    {
        ModelState.Clear();
        Microsoft.AspNetCore.Identity.SignInResult result;
        try
        {
            result = string.IsNullOrEmpty(credentialJson) ? Microsoft.AspNetCore.Identity.SignInResult.Failed : await signIn.PasskeySignInAsync(credentialJson);
        }
        catch (InvalidOperationException)
        {
            result = Microsoft.AspNetCore.Identity.SignInResult.Failed;
        }

        if (result.Succeeded)
        {
            return LocalRedirect(SafeReturnUrl);
        }

        ModelState.AddModelError("Input.Email", text["Accounts.Passkey.SignInFailed"]);
        return Page();
    }

    private string SafeReturnUrl => Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/account";

    private PageResult Refuse()
    {
        ModelState.AddModelError("Input.Email", text["Accounts.SignIn.Wrong"]);
        ModelState.AddModelError("Input.Password", text["Accounts.SignIn.WrongPassword"]);
        return Page();
    }
}

public sealed class SignInInput
{
    [Required(ErrorMessage = "Accounts.Email.Required")]
    [EmailAddress(ErrorMessage = "Accounts.Email.Invalid")]
    public string Email { get; set; } = "";

    [Required(ErrorMessage = "Accounts.Password.Required")]
    public string Password { get; set; } = "";
}
