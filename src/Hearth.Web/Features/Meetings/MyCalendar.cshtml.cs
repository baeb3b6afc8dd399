using Hearth.Web.Data;
using Hearth.Web.Features.Groups;
using Hearth.Web.Features.Mail;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Hearth.Web.Features.Meetings;

/// <summary>A person makes, replaces or stops their private calendar link. The link is shown once, when made.</summary>
public sealed class MyCalendarModel(HearthDb db, UserManager<Accounts.HearthUser> users, TimeProvider clock, IOptions<MailOptions> mail, IHostEnvironment environment) : PageModel
{
    public bool HasLink { get; private set; }

    public string? NewLink { get; private set; }

    public bool Stopped { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task OnPostMakeAsync(CancellationToken cancellationToken)
    {
        var userId = users.GetUserId(User)!;
        var token = GroupInvite.NewToken();
        await db.CalendarLinks.Where(c => c.UserId == userId).ExecuteDeleteAsync(cancellationToken);
        db.CalendarLinks.Add(new CalendarLink { UserId = userId, TokenHash = GroupInvite.Hash(token), CreatedAt = clock.GetUtcNow().UtcDateTime });
        await db.SaveChangesAsync(cancellationToken);
        NewLink = $"{PublicAddress.Origin(mail.Value, environment, Request)}/calendar/{token}.ics";
        await LoadAsync(cancellationToken);
    }

    public async Task OnPostStopAsync(CancellationToken cancellationToken)
    {
        var userId = users.GetUserId(User)!;
        await db.CalendarLinks.Where(c => c.UserId == userId).ExecuteDeleteAsync(cancellationToken);
        Stopped = true;
        await LoadAsync(cancellationToken);
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var userId = users.GetUserId(User);
        HasLink = await db.CalendarLinks.AnyAsync(c => c.UserId == userId, cancellationToken);
    }
}
