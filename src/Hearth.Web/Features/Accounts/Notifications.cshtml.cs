using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Hearth.Web.Features.Accounts;

/// <summary>Emails are content-free unless the person chooses otherwise here.</summary>
public sealed class NotificationsModel(UserManager<HearthUser> users) : PageModel
{
    [BindProperty]
    public bool IncludeDetails { get; set; }

    public bool Saved { get; private set; }

    public async Task OnGetAsync() => IncludeDetails = (await users.GetUserAsync(User))!.EmailsIncludeDetails;

    public async Task OnPostAsync()
    {
        var user = (await users.GetUserAsync(User))!;
        user.EmailsIncludeDetails = IncludeDetails;
        await users.UpdateAsync(user);
        Saved = true;
    }
}
