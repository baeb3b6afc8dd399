using Hearth.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Web.Features.Accounts;

/// <summary>Where this person is signed in, and ending any or all of those sessions.</summary>
public sealed class SessionsModel(HearthDb db, UserManager<HearthUser> users, HearthSignInManager signIn, SecurityLog securityLog, TimeProvider clock) : PageModel
{
    public IReadOnlyList<UserSession> Active { get; private set; } = [];

    public Guid? Current { get; private set; }

    public int Ended { get; private set; } = -1;

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task OnPostEndAsync(Guid id, CancellationToken cancellationToken)
    {
        var userId = users.GetUserId(User)!;
        Ended = await db.UserSessions.Where(s => s.Id == id && s.UserId == userId && s.EndedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.EndedAt, clock.GetUtcNow().UtcDateTime), cancellationToken);
        if (Ended > 0)
        {
            await securityLog.RecordAsync(userId, SecurityEventKind.SessionEnded, "1", cancellationToken);
        }

        await LoadAsync(cancellationToken);
    }

    public async Task OnPostEndOthersAsync(CancellationToken cancellationToken)
    {
        var userId = users.GetUserId(User)!;
        Ended = await signIn.EndSessionsAsync(userId, except: HearthSignInManager.CurrentSessionId(User, userId));
        await LoadAsync(cancellationToken);
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var userId = users.GetUserId(User)!;
        Current = HearthSignInManager.CurrentSessionId(User, userId);
        Active = await db.UserSessions.AsNoTracking()
            .Where(s => s.UserId == userId && s.EndedAt == null)
            .OrderByDescending(s => s.LastSeenAt)
            .ToListAsync(cancellationToken);
    }
}
