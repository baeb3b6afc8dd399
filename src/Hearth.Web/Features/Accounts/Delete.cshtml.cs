using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Hearth.Web.Features.Accounts;

/// <summary>
/// Ask for the account to be deleted. Nothing is erased at once: after the grace period <see cref="AccountEraser"/>
/// erases it, and signing in before then cancels. Withdrawing consent for health information comes here too.
/// </summary>
public sealed class DeleteModel(UserManager<HearthUser> users, HearthSignInManager signIn, AccountEmails emails, SecurityLog securityLog, TimeProvider clock, IOptions<AccountOptions> options, IStringLocalizer<Strings> text) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Reason { get; set; }

    /// <summary>"erase" removes what they wrote in groups; "keep" leaves it under "a former member".</summary>
    [BindProperty]
    [Required(ErrorMessage = "Accounts.Delete.ChoiceRequired")]
    [RegularExpression("^(erase|keep)$", ErrorMessage = "Accounts.Delete.ChoiceRequired")]
    public string? Contributions { get; set; }

    [BindProperty]
    [Required(ErrorMessage = "Accounts.Password.CurrentRequired")]
    public string CurrentPassword { get; set; } = "";

    public DateTime GraceEnds => clock.GetUtcNow().UtcDateTime + options.Value.DeletionGracePeriod;

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

        user.DeletionDueAt = GraceEnds;
        user.DeletionErasesContributions = Contributions == "erase";
        if (Reason == "consent")
        {
            user.HealthDataConsentAt = null;
            await securityLog.RecordAsync(user.Id, SecurityEventKind.ConsentWithdrawn);
        }

        await users.UpdateAsync(user);
        await securityLog.RecordAsync(user.Id, SecurityEventKind.DeletionRequested);
        emails.DeletionScheduled(user.Email!, user.DeletionDueAt.Value);
        await signIn.EndSessionsAsync(user.Id, except: null);
        await signIn.SignOutAsync();
        return RedirectToPage("DeletionScheduled", new { on = user.DeletionDueAt.Value.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) });
    }
}
