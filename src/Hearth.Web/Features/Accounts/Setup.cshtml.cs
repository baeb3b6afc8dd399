using System.ComponentModel.DataAnnotations;
using Hearth.Web.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Web.Features.Accounts;

/// <summary>
/// On an installation with no accounts at all, the first visitor creates the first admin. The page does not
/// exist once anyone has an account.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(AccountsExtensions.AttemptsPolicy)]
public sealed class SetupModel(HearthDb db, UserManager<HearthUser> users, RoleManager<IdentityRole> roles, HearthSignInManager signIn, SecurityLog securityLog, TimeProvider clock) : PageModel
{
    [BindProperty]
    public RegisterInput Input { get; set; } = new() { AcceptTerms = true, ConsentToHealthData = true };

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await db.Users.AnyAsync(cancellationToken) ? NotFound() : Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (await db.Users.AnyAsync(cancellationToken))
        {
            return NotFound();
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var admin = new HearthUser
        {
            UserName = Input.Email.Trim(),
            Email = Input.Email.Trim(),
            EmailConfirmed = true,
            DisplayName = Input.DisplayName.Trim(),
            NormalizedDisplayName = HearthUser.Normalize(Input.DisplayName),
            CreatedAt = now,
            TermsAcceptedAt = now,
            HealthDataConsentAt = now,
        };
        var created = await users.CreateAsync(admin, Input.Password);
        if (!created.Succeeded)
        {
            foreach (var error in created.Errors)
            {
                ModelState.AddModelError("Input.Password", error.Description);
            }

            return Page();
        }

        await NetworkRolesSetup.EnsureRolesAsync(roles);
        await users.AddToRoleAsync(admin, NetworkRoles.Admin);
        await securityLog.RecordAsync(admin.Id, SecurityEventKind.Registered, cancellationToken: cancellationToken);
        await securityLog.RecordAsync(admin.Id, SecurityEventKind.RoleGranted, NetworkRoles.Admin, cancellationToken);
        await signIn.SignInAsync(admin, isPersistent: false);
        return Redirect("/admin/people");
    }
}
