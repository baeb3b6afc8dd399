using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Hearth.Web.Features.Accounts;

/// <summary>See the permission given for health information, and how to withdraw it (which closes the account).</summary>
public sealed class ConsentModel(UserManager<HearthUser> users) : PageModel
{
    public DateTime? GivenAt { get; private set; }

    public async Task OnGetAsync() => GivenAt = (await users.GetUserAsync(User))!.HealthDataConsentAt;
}
