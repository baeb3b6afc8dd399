using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Hearth.Web.Features.Accounts;

/// <summary>A person's own account: the only page that shows them their email address.</summary>
public sealed class IndexModel(UserManager<HearthUser> users) : PageModel
{
    public HearthUser Person { get; private set; } = null!;

    [BindProperty(SupportsGet = true)]
    public string? Deletion { get; set; }

    public async Task<IActionResult> OnGetAsync()
    {
        Person = (await users.GetUserAsync(User))!;
        return Page();
    }
}
