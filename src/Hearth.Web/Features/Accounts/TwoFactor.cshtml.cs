using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using QRCoder;

namespace Hearth.Web.Features.Accounts;

/// <summary>
/// Turn two-step sign-in on with an authenticator app (TOTP): scan the QR code or type the key, prove it with
/// a code, then keep 10 single-use recovery codes, shown once. The QR code names the display name, never the email.
/// </summary>
public sealed class TwoFactorModel(UserManager<HearthUser> users, HearthSignInManager signIn, SecurityLog securityLog, IStringLocalizer<Strings> text) : PageModel
{
    [BindProperty]
    [Required(ErrorMessage = "Accounts.TwoFactor.CodeRequired")]
    public string Code { get; set; } = "";

    public bool Enabled { get; private set; }

    public string SharedKey { get; private set; } = "";

    public string QrCodeDataUri { get; private set; } = "";

    public IReadOnlyList<string> RecoveryCodes { get; private set; } = [];

    public int RecoveryCodesLeft { get; private set; }

    public async Task OnGetAsync() => await LoadAsync((await users.GetUserAsync(User))!);

    public async Task<IActionResult> OnPostEnableAsync()
    {
        var user = (await users.GetUserAsync(User))!;
        if (!ModelState.IsValid)
        {
            await LoadAsync(user);
            return Page();
        }

        var code = new string([.. Code.Where(char.IsDigit)]);
        if (!await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code))
        {
            ModelState.AddModelError(nameof(Code), text["Accounts.TwoFactor.CodeWrong"]);
            await LoadAsync(user);
            return Page();
        }

        await users.SetTwoFactorEnabledAsync(user, true);
        await securityLog.RecordAsync(user.Id, SecurityEventKind.TwoFactorEnabled);
        RecoveryCodes = [.. await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10) ?? []];
        await securityLog.RecordAsync(user.Id, SecurityEventKind.RecoveryCodesCreated);
        await signIn.RefreshSignInAsync(user);
        await LoadAsync(user);
        return Page();
    }

    public async Task<IActionResult> OnPostRecoveryCodesAsync()
    {
        ModelState.Clear();
        var user = (await users.GetUserAsync(User))!;
        if (user.TwoFactorEnabled)
        {
            RecoveryCodes = [.. await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10) ?? []];
            await securityLog.RecordAsync(user.Id, SecurityEventKind.RecoveryCodesCreated);
        }

        await LoadAsync(user);
        return Page();
    }

    public async Task<IActionResult> OnPostDisableAsync()
    {
        var user = (await users.GetUserAsync(User))!;
        await users.SetTwoFactorEnabledAsync(user, false);
        // A new key, so the old app entry and recovery codes are useless.
        await users.ResetAuthenticatorKeyAsync(user);
        await securityLog.RecordAsync(user.Id, SecurityEventKind.TwoFactorDisabled);
        await signIn.RefreshSignInAsync(user);
        return RedirectToPage();
    }

    private async Task LoadAsync(HearthUser user)
    {
        Enabled = user.TwoFactorEnabled;
        RecoveryCodesLeft = await users.CountRecoveryCodesAsync(user);
        if (Enabled)
        {
            return;
        }

        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            await users.ResetAuthenticatorKeyAsync(user);
            key = await users.GetAuthenticatorKeyAsync(user);
        }

        SharedKey = string.Join(' ', key!.Chunk(4).Select(c => new string(c))).ToLowerInvariant();
        var uri = $"otpauth://totp/{Uri.EscapeDataString("Hearth:" + user.DisplayName)}?secret={key}&issuer=Hearth&digits=6";
        QrCodeDataUri = "data:image/png;base64," + Convert.ToBase64String(PngByteQRCodeHelper.GetQRCode(uri, QRCodeGenerator.ECCLevel.M, 4));
    }
}
