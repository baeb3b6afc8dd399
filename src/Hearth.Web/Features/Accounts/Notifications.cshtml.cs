using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Hearth.Web.Features.Accounts;

/// <summary>Emails are content-free unless the person chooses otherwise here; meeting reminders and the discussion digest are chosen here too.</summary>
public sealed class NotificationsModel(UserManager<HearthUser> users) : PageModel
{
    [BindProperty]
    public bool IncludeDetails { get; set; }

    [BindProperty]
    public bool RemindDayBefore { get; set; }

    [BindProperty]
    public bool RemindHoursBefore { get; set; }

    [BindProperty]
    public bool DiscussionDigest { get; set; }

    public bool Saved { get; private set; }

    public async Task OnGetAsync()
    {
        var user = (await users.GetUserAsync(User))!;
        (IncludeDetails, RemindDayBefore, RemindHoursBefore, DiscussionDigest) = (user.EmailsIncludeDetails, user.RemindDayBefore, user.RemindHoursBefore, user.DiscussionDigest);
    }

    public async Task OnPostAsync()
    {
        var user = (await users.GetUserAsync(User))!;
        (user.EmailsIncludeDetails, user.RemindDayBefore, user.RemindHoursBefore, user.DiscussionDigest) = (IncludeDetails, RemindDayBefore, RemindHoursBefore, DiscussionDigest);
        await users.UpdateAsync(user);
        Saved = true;
    }
}
