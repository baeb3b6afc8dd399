using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Hearth.Web.Features.Accounts;

/// <summary>Signing out ends this session on the server, not only the cookie. POST only, so no link can sign anyone out.</summary>
public sealed class SignOutModel(HearthSignInManager signIn) : PageModel
{
    public async Task<IActionResult> OnPostAsync()
    {
        if (User.Identity?.IsAuthenticated == true)
        {
            await signIn.SignOutAsync();
        }

        return RedirectToPage("SignedOut");
    }
}
