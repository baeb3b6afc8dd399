using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Hearth.Web.Features.Accounts;

/// <summary>A new confirmation link. The answer is the same whether or not the address has an account.</summary>
[AllowAnonymous]
[EnableRateLimiting(AccountsExtensions.AttemptsPolicy)]
public sealed class ResendConfirmationModel(UserManager<HearthUser> users, AccountEmails emails) : PageModel
{
    [BindProperty]
    [Required(ErrorMessage = "Accounts.Email.Required")]
    [EmailAddress(ErrorMessage = "Accounts.Email.Invalid")]
    public string Email { get; set; } = "";

    public bool Sent { get; private set; }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var user = await users.FindByEmailAsync(Email.Trim());
        if (user is { EmailConfirmed: false })
        {
            emails.ConfirmEmail(user.Email!, user.Id, await users.GenerateEmailConfirmationTokenAsync(user));
        }

        Sent = true;
        return Page();
    }
}
