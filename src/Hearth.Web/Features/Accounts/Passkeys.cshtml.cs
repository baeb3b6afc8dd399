using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Localization;

namespace Hearth.Web.Features.Accounts;

/// <summary>
/// Passkeys (.NET 10 Identity WebAuthn): add one from this device, see them, remove them. Adding needs
/// JavaScript (the browser's WebAuthn API); everything else works without it.
/// </summary>
public sealed class PasskeysModel(UserManager<HearthUser> users, HearthSignInManager signIn, SecurityLog securityLog, IStringLocalizer<Strings> text) : PageModel
{
    public const int MaxPasskeys = 10;

    public IReadOnlyList<UserPasskeyInfo> Passkeys { get; private set; } = [];

    [BindProperty]
    [StringLength(60, ErrorMessage = "Accounts.Passkey.NameLength")]
    public string? Name { get; set; }

    [BindProperty]
    public string? CredentialJson { get; set; }

    public string? Message { get; private set; }

    public async Task OnGetAsync() => await LoadAsync();

    /// <summary>Called by passkeys.js: the options for navigator.credentials.create.</summary>
    public async Task<IActionResult> OnPostCreationOptionsAsync()
    {
        var user = (await users.GetUserAsync(User))!;
        var json = await signIn.MakePasskeyCreationOptionsAsync(new PasskeyUserEntity { Id = user.Id, Name = user.DisplayName, DisplayName = user.DisplayName });
        return Content(json, "application/json");
    }

    public async Task<IActionResult> OnPostAddAsync()
    {
        var user = (await users.GetUserAsync(User))!;
        if ((await users.GetPasskeysAsync(user)).Count >= MaxPasskeys)
        {
            ModelState.AddModelError(nameof(Name), text["Accounts.Passkey.TooMany", MaxPasskeys]);
        }

        if (!ModelState.IsValid || string.IsNullOrEmpty(CredentialJson))
        {
            ModelState.AddModelError(nameof(Name), text["Accounts.Passkey.Failed"]);
            await LoadAsync();
            return Page();
        }

        PasskeyAttestationResult result;
        try
        {
            result = await signIn.PerformPasskeyAttestationAsync(CredentialJson);
        }
        catch (InvalidOperationException)
        {
            // The ceremony expired (5 minutes) or was already used.
            result = PasskeyAttestationResult.Fail(new PasskeyException("expired"));
        }

        if (!result.Succeeded || result.UserEntity.Id != user.Id)
        {
            ModelState.AddModelError(nameof(Name), text["Accounts.Passkey.Failed"]);
            await LoadAsync();
            return Page();
        }

        result.Passkey.Name = string.IsNullOrWhiteSpace(Name) ? text["Accounts.Passkey.DefaultName"] : Name.Trim();
        await users.AddOrUpdatePasskeyAsync(user, result.Passkey);
        await securityLog.RecordAsync(user.Id, SecurityEventKind.PasskeyAdded);
        Message = text["Accounts.Passkey.Added"];
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostRemoveAsync(string id)
    {
        var user = (await users.GetUserAsync(User))!;
        byte[] credentialId;
        try
        {
            credentialId = WebEncoders.Base64UrlDecode(id);
        }
        catch (FormatException)
        {
            return NotFound();
        }

        var removed = await users.RemovePasskeyAsync(user, credentialId);
        if (removed.Succeeded)
        {
            await securityLog.RecordAsync(user.Id, SecurityEventKind.PasskeyRemoved);
            Message = text["Accounts.Passkey.Removed"];
        }

        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync() => Passkeys = [.. await users.GetPasskeysAsync((await users.GetUserAsync(User))!)];
}
