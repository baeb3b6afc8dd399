using System.ComponentModel.DataAnnotations;
using Hearth.Web.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Hearth.Web.Features.Accounts;

/// <summary>
/// Create an account with a pseudonym. The answer for an email that already has an account is the same page
/// as for a new one (that address gets a "you already have an account" email), so nobody can learn who uses Hearth.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(AccountsExtensions.AttemptsPolicy)]
public sealed class RegisterModel(UserManager<HearthUser> users, HearthDb db, AccountEmails emails, SecurityLog securityLog, TimeProvider clock, IStringLocalizer<Strings> text) : PageModel
{
    private static readonly string[] SuggestionWords = ["Oak", "Wren", "River", "Heather", "Harbour", "Willow"];

    [BindProperty]
    public RegisterInput Input { get; set; } = new();

    public IReadOnlyList<string> Suggestions { get; private set; } = [];

    public IActionResult OnGet() => User.Identity?.IsAuthenticated == true ? RedirectToPage("Index") : Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var displayName = (Input.DisplayName ?? "").Trim();
        if (ModelState.IsValid && await IsTakenAsync(displayName, cancellationToken))
        {
            ModelState.AddModelError("Input.DisplayName", text["Accounts.DisplayName.Taken"]);
            Suggestions = await SuggestAsync(displayName, cancellationToken);
        }

        var email = (Input.Email ?? "").Trim();
        var now = clock.GetUtcNow().UtcDateTime;
        var user = new HearthUser
        {
            UserName = email,
            Email = email,
            DisplayName = displayName,
            NormalizedDisplayName = HearthUser.Normalize(displayName),
            CreatedAt = now,
            TermsAcceptedAt = now,
            HealthDataConsentAt = now,
        };
        if (ModelState.IsValid)
        {
            foreach (var validator in users.PasswordValidators)
            {
                foreach (var error in (await validator.ValidateAsync(users, user, Input.Password)).Errors)
                {
                    ModelState.AddModelError("Input.Password", error.Description);
                }
            }
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var existing = await users.FindByEmailAsync(user.Email);
        if (existing is not null)
        {
            // Same work and the same answer as a new account; only the owner of the address learns more.
            users.PasswordHasher.HashPassword(user, Input.Password);
            emails.AlreadyRegistered(existing.Email!);
            return RedirectToPage("CheckYourEmail");
        }

        var created = await users.CreateAsync(user, Input.Password);
        if (!created.Succeeded)
        {
            if (created.Errors.Any(e => e.Code is nameof(IdentityErrorDescriber.DuplicateEmail) or nameof(IdentityErrorDescriber.DuplicateUserName)))
            {
                return RedirectToPage("CheckYourEmail");
            }

            foreach (var error in created.Errors)
            {
                ModelState.AddModelError("Input.Email", error.Description);
            }

            return Page();
        }

        await securityLog.RecordAsync(user.Id, SecurityEventKind.Registered, cancellationToken: cancellationToken);
        await securityLog.RecordAsync(user.Id, SecurityEventKind.ConsentGiven, cancellationToken: cancellationToken);
        emails.ConfirmEmail(user.Email, user.Id, await users.GenerateEmailConfirmationTokenAsync(user));
        return RedirectToPage("CheckYourEmail");
    }

    private Task<bool> IsTakenAsync(string displayName, CancellationToken cancellationToken)
    {
        var normalized = HearthUser.Normalize(displayName);
        return db.Users.AnyAsync(u => u.NormalizedDisplayName == normalized, cancellationToken);
    }

    private async Task<IReadOnlyList<string>> SuggestAsync(string displayName, CancellationToken cancellationToken)
    {
        var stem = displayName.Length > HearthUser.DisplayNameMaxLength - 8 ? displayName[..(HearthUser.DisplayNameMaxLength - 8)].Trim() : displayName;
        var candidates = SuggestionWords.Select(w => $"{stem} {w}").Concat(Enumerable.Range(2, 6).Select(n => $"{stem}{n}"));
        var free = new List<string>();
        foreach (var candidate in candidates)
        {
            if (free.Count == 3)
            {
                break;
            }

            if (!await IsTakenAsync(candidate, cancellationToken))
            {
                free.Add(candidate);
            }
        }

        return free;
    }
}

public sealed class RegisterInput
{
    [Required(ErrorMessage = "Accounts.DisplayName.Required")]
    [StringLength(HearthUser.DisplayNameMaxLength, MinimumLength = 2, ErrorMessage = "Accounts.DisplayName.Length")]
    [RegularExpression(@"^\s*[\p{L}\p{N}][\p{L}\p{N} ._'\-]*\s*$", ErrorMessage = "Accounts.DisplayName.Characters")]
    public string DisplayName { get; set; } = "";

    [Required(ErrorMessage = "Accounts.Email.Required")]
    [EmailAddress(ErrorMessage = "Accounts.Email.Invalid")]
    [StringLength(256, ErrorMessage = "Accounts.Email.Invalid")]
    public string Email { get; set; } = "";

    [Required(ErrorMessage = "Accounts.Password.Required")]
    public string Password { get; set; } = "";

    [Range(typeof(bool), "true", "true", ErrorMessage = "Accounts.Terms.Required")]
    public bool AcceptTerms { get; set; }

    [Range(typeof(bool), "true", "true", ErrorMessage = "Accounts.Consent.Required")]
    public bool ConsentToHealthData { get; set; }
}
